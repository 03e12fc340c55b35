"""Imports run one way: hub <- catalogue <- training, legislation.

Training and legislation add to the catalogue through its extension points (the tool-page
panels of ``catalogue.panels``, filled in their ``AppConfig.ready()``); the catalogue never
imports them, and its templates never include or load theirs. The hub imports the parts
only to mount their URLs and to assemble the home page and the site-wide search, through
their ``selectors``.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("catalogue", "training", "legislation")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def top(module: str) -> str:
    return module.split(".", 1)[0]


def python_files(app: str) -> list[Path]:
    return sorted((ROOT / app).rglob("*.py"))


def test_the_catalogue_imports_neither_training_nor_legislation():
    # Nor the responsible-AI app: its facts reach the list through the catalogue's own
    # columns, written by ``catalogue.services.tool_set_responsible_flags``.
    offending = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in python_files("catalogue")
        for module in imported_modules(path)
        if top(module) in ("training", "legislation", "responsible")
    ]
    assert offending == []


def test_catalogue_templates_do_not_reach_into_training_or_legislation():
    pattern = re.compile(
        r"""{%\s*(include|extends)\s+["'](training|legislation|responsible)/|"""
        r"""{%\s*load\s+[^%]*\b(training|legislation|responsible)_"""
    )
    offending = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates" / "catalogue").rglob("*.html"))
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_the_hub_imports_the_parts_only_to_assemble_urls_home_and_search():
    offending = []
    for path in python_files("hub"):
        relative = path.relative_to(ROOT).as_posix()
        for module in imported_modules(path):
            if top(module) not in PARTS:
                continue
            if relative == "hub/urls.py":
                continue
            if relative == "hub/views.py" and module.split(".")[1:2] == ["selectors"]:
                continue  # the home page and the site-wide search
            offending.append(f"{relative}: {module}")
    assert offending == []


def test_the_scan_sees_imports():
    """The scanner itself: it would notice an import of a forbidden part."""
    sample = ROOT / "catalogue" / "panels.py"
    assert "catalogue.models" in imported_modules(sample)
    assert top("training.models") == "training"
