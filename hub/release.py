"""The name of the running release, the same in every process of one deployment."""

import re
from pathlib import Path

COMMIT = re.compile(r"[0-9a-f]{40}")
UNRELEASED = "unreleased"


def _git_dir(checkout: Path) -> Path | None:
    git = checkout / ".git"
    if git.is_dir():
        return git
    if git.is_file():  # a worktree or a submodule: "gitdir: <path>"
        content = git.read_text().strip()
        if content.startswith("gitdir:"):
            return (checkout / content.removeprefix("gitdir:").strip()).resolve()
    return None


def git_commit(checkout: Path) -> str | None:
    """The commit checked out in ``checkout``, read from ``.git`` without running git."""
    try:
        git = _git_dir(checkout)
        if git is None:
            return None
        head = (git / "HEAD").read_text().strip()
        if COMMIT.fullmatch(head):  # detached HEAD, as deployments often check out
            return head
        if not head.startswith("ref:"):
            return None
        ref = head.removeprefix("ref:").strip()
        common = git
        if (git / "commondir").is_file():  # a worktree shares refs with the main checkout
            common = (git / (git / "commondir").read_text().strip()).resolve()
        for root in (git, common):
            if (root / ref).is_file():
                value = (root / ref).read_text().strip()
                return value if COMMIT.fullmatch(value) else None
        if (common / "packed-refs").is_file():
            for line in (common / "packed-refs").read_text().splitlines():
                commit, _, name = line.partition(" ")
                if name == ref and COMMIT.fullmatch(commit):
                    return commit
    except OSError:
        return None
    return None


def release_name(*, environ_value: str, checkout: Path) -> str:
    """``RELEASE`` from the deployment, else the checked-out commit, else a fixed name."""
    return environ_value.strip() or (git_commit(checkout) or "")[:12] or UNRELEASED
