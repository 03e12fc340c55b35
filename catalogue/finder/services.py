"""Writes for the case finder: the curators' vocabulary and saving results to a shortlist."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue import services as catalogue_services
from catalogue.finder import vocabulary
from catalogue.models import Shortlist, Tool, VocabularyEntry
from hub.models import User

FIXTURE = Path(__file__).resolve().parent.parent.parent / "fixtures" / "catalogue_vocabulary.csv"
_SPACES = re.compile(r"\s+")


def clean_phrase(phrase: str) -> str:
    return _SPACES.sub(" ", (phrase or "").strip()).casefold()


def term_choices(kind: str) -> list[str]:
    """The values a vocabulary entry of ``kind`` may point to."""
    from catalogue.finder.reading import labels

    return sorted(value for k, value in labels() if k == kind)


def validate_term(*, kind: str, term: str) -> None:
    if kind in VocabularyEntry.Kind.values and term not in term_choices(kind):
        raise ValidationError(
            {
                "term": _("“%(term)s” is not a %(kind)s in the catalogue. Choose one of: %(some)s.")
                % {
                    "term": term,
                    "kind": VocabularyEntry.Kind(kind).label,
                    "some": ", ".join(term_choices(kind)),
                }
            }
        )


@transaction.atomic
def vocabulary_entry_save(*, entry: VocabularyEntry) -> VocabularyEntry:
    """Create or change one entry (the admin calls this): the phrase in one form, the term
    checked against the catalogue, the finder's index rebuilt after commit."""
    entry.phrase = clean_phrase(entry.phrase)
    entry.term = (entry.term or "").strip()
    entry.full_clean()
    validate_term(kind=entry.kind, term=entry.term)
    entry.save()
    transaction.on_commit(vocabulary.vocabulary_changed)
    return entry


@transaction.atomic
def vocabulary_entry_delete(*, entry: VocabularyEntry) -> None:
    entry.delete()
    transaction.on_commit(vocabulary.vocabulary_changed)


def read_fixture(path: Path = FIXTURE) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def vocabulary_load(*, rows: list[dict]) -> int:
    """Add the rows (phrase, language, kind, term) that are not there yet; leave curators'
    edits alone. Safe to run again. Returns how many entries were added."""
    existing = set(VocabularyEntry.objects.values_list("phrase", "kind", "term"))
    new = []
    for row in rows:
        entry = VocabularyEntry(
            phrase=clean_phrase(row["phrase"]),
            language=row["language"],
            kind=row["kind"],
            term=row["term"].strip(),
        )
        key = (entry.phrase, entry.kind, entry.term)
        if key in existing:
            continue
        entry.full_clean(validate_unique=False, validate_constraints=False)
        validate_term(kind=entry.kind, term=entry.term)
        existing.add(key)
        new.append(entry)
    VocabularyEntry.objects.bulk_create(new)
    transaction.on_commit(vocabulary.vocabulary_changed)
    return len(new)


@transaction.atomic
def finder_shortlist_save(
    *, owner: User, tools: list[Tool], shortlist: Shortlist | None, new_name: str
) -> Shortlist:
    """Put the chosen results on a shortlist of ``owner`` (an existing one, or a new one by
    name), through the shortlist services. The case text is not part of it."""
    if shortlist is None:
        shortlist = Shortlist.objects.filter(owner=owner, name__iexact=new_name.strip()).first()
        if shortlist is None:
            shortlist = catalogue_services.shortlist_create(owner=owner, name=new_name)
    for tool in tools:
        catalogue_services.shortlist_add_tool(shortlist=shortlist, tool=tool)
    return shortlist
