"""The interface's message catalogues (locale/<language>/LC_MESSAGES/*.po) are complete and
safe to ship: every message translated and none left fuzzy, every placeholder and HTML tag of
the English kept, as many plural forms as the language has, and the compiled .mo files that
Django reads carrying exactly what the .po files say.

Refresh them with
``manage.py makemessages -l ar -l es -l fr -l ru -l zh_Hans --ignore=.venv --ignore=staticfiles
--ignore=tests --ignore=loadtest --ignore=bench``, translate, then ``manage.py compilemessages``.
The .po files are read here with the standard library alone (no polib)."""

import ast
import gettext
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
LANGUAGES = {code.replace("-hans", "_Hans") for code, _name in settings.LANGUAGES} - {"en"}

# %(name)s, %s, %d … and {name}: what Python fills in at run time.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@dataclass
class Entry:
    line: int
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    strings: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return f"{self.context}\x04{self.msgid}" if self.context is not None else self.msgid


def read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete ``#~`` entries are skipped)."""
    entries, entry, target = [], None, None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#~"):
            if entry is not None and entry.msgid is not None and not line:
                entries.append(entry)
                entry, target = None, None
            continue
        if entry is None:
            entry = Entry(line=number)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):  # a continuation of the previous string
            value, rest = ast.literal_eval(line), None
        else:
            value = ast.literal_eval(rest)
            target = keyword
        if target == "msgctxt":
            entry.context = (entry.context or "") + value if rest is None else value
        elif target == "msgid":
            entry.msgid = entry.msgid + value if rest is None else value
        elif target == "msgid_plural":
            entry.plural = (entry.plural or "") + value if rest is None else value
        else:
            index = int(target[7:-1]) if target.startswith("msgstr[") else 0
            entry.strings[index] = entry.strings.get(index, "") + value
    if entry is not None:
        entries.append(entry)
    return entries


def plural_count(entries: list[Entry]) -> int:
    header = next(e for e in entries if e.msgid == "" and e.context is None).strings[0]
    return int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1))


def translated(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.msgid != "" or e.context is not None]


def where(path: Path, entry: Entry) -> str:
    return f"{path.relative_to(LOCALE)}:{entry.line} {entry.msgid[:60]!r}"


def test_every_interface_language_has_a_catalogue():
    assert {p.parts[-3] for p in CATALOGUES if p.name == "django.po"} == LANGUAGES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_every_message_is_translated_and_none_is_fuzzy(path):
    problems = []
    for entry in translated(read_po(path)):
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {where(path, entry)}")
        elif not entry.strings or any(not text for text in entry.strings.values()):
            problems.append(f"untranslated: {where(path, entry)}")
    assert problems == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_translations_keep_placeholders_tags_and_plural_forms(path):
    entries = read_po(path)
    forms = plural_count(entries)
    problems = []
    for entry in translated(entries):
        source = entry.plural if entry.plural is not None else entry.msgid
        wanted = set(PLACEHOLDER.findall(source))
        tags = sorted(TAG.findall(entry.msgid))
        if entry.plural is not None and len(entry.strings) != forms:
            problems.append(f"{len(entry.strings)} plural forms, not {forms}: {where(path, entry)}")
        used = set()
        for text in entry.strings.values():
            found = set(PLACEHOLDER.findall(text))
            used |= found
            if entry.plural is None:
                right = found == wanted
            else:
                # A plural form for one number ("one tool", "two tools") may leave out the
                # named count; positional ones (%d) must stay, or Python raises.
                right = found <= wanted and {p for p in wanted if "(" not in p} <= found
            if not right:
                problems.append(
                    f"placeholders {sorted(found)} not {sorted(wanted)}: {where(path, entry)}"
                )
            if sorted(TAG.findall(text)) != tags:
                problems.append(f"HTML tags differ from {tags}: {where(path, entry)}")
        if entry.plural is not None and used != wanted:
            problems.append(f"no form uses {sorted(wanted - used)}: {where(path, entry)}")
    assert problems == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_compiled_catalogue_matches_its_po_file(path):
    """The .mo that Django loads says exactly what the .po says: run compilemessages after
    every change to a .po file and commit both."""
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled.relative_to(LOCALE)} is missing: run compilemessages"
    with compiled.open("rb") as handle:
        catalogue = dict(gettext.GNUTranslations(handle)._catalog)
    catalogue.pop("", None)  # the header
    expected = {}
    for entry in translated(read_po(path)):
        if "fuzzy" in entry.flags:
            continue  # msgfmt leaves fuzzy entries out
        if entry.plural is None:
            expected[entry.key] = entry.strings.get(0, "")
        else:
            for index, text in entry.strings.items():
                expected[(entry.key, index)] = text
    stale = {k for k in expected.keys() | catalogue.keys() if expected.get(k) != catalogue.get(k)}
    assert not stale, (
        f"{compiled.relative_to(LOCALE)} is out of date for {sorted(map(str, stale))[:5]}"
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt not installed")
@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_gettext_accepts_the_catalogue(path):
    """GNU msgfmt's own checks: the header, the plural formula and python-format strings."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-domain", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "text"), [("ar", "جارٍ التحقق…"), ("zh-hans", "正在验证……")])
def test_passkey_scripts_speak_the_page_language(client, code, text):
    """django-otp-webauthn's scripts ship no Arabic, Chinese, French or Russian messages; ours
    (locale/*/LC_MESSAGES/djangojs.po) reach its JavaScript catalogue."""
    from django.urls import reverse

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    script = client.get(reverse("otp_webauthn:js-i18n-catalog")).content.decode()
    assert json.dumps(text)[1:-1] in script or text in script  # JSON may escape non-ASCII
