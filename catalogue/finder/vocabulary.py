"""Reading an investigator's words with the curators' vocabulary.

Every entry maps a phrase to a catalogue term. The text and the phrases are normalised the
same way (case, accents, Arabic letter forms, a few stop words), split into words, and a
phrase matches where its words appear one after another in the text. A word matches a
phrase's word when it is the same, or (only for a word the vocabulary does not have as it
is) shares its stem (a long common beginning: "transcription" and "transcribe") or is
within a small edit distance (one edit up to seven letters, two beyond: "sextorsion",
"identfication"); a word glued from two ("knownfile") matches a
two-word phrase. Chinese phrases match as substrings. When one phrase lies inside a longer
matched phrase, only the longer counts. Everything is a rule, so the same words always give
the same reading.

The index of phrases is built once per vocabulary version in each process (it is derived
from the database and rebuilt when a curator edits the vocabulary).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.core.cache import cache

from hub.search import edit_distance, max_edits

CASE_MAX_LENGTH = 2000
VERSION_KEY = "catalogue:vocabulary:version"
ENTRIES_KEY = "catalogue:vocabulary:entries:{version}"
CACHE_SECONDS = 60 * 60

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")
# Runs of CJK characters, or runs of other letters and digits.
_PIECE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\W_]+")
_ARABIC_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": ""})
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# Words that carry no meaning for the finder, dropped from text and phrases alike.
STOP_WORDS = frozenset(
    """a an the of to for in on at from with and or is are was be by it its this that these
    those my our we i need want some any have has had please help
    le la les de des du d l un une et en pour sur au aux avec dans par est
    el los las del y para con por una unos unas al se
    и в во на с со по для из от к у это мне нужно
    """.split()
)


def normalise(text: str) -> str:
    """Lower case, no accents, one form per Arabic letter."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text).translate(_ARABIC_FORMS)


def _arabic_stem(word: str) -> str:
    if word and "\u0600" <= word[0] <= "\u06ff":
        for prefix in _ARABIC_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                return word[len(prefix) :]
    return word


def words(text: str) -> list[str]:
    """The meaningful words of ``text`` in order (CJK runs are kept as single pieces)."""
    pieces = _PIECE.findall(normalise(text))
    return [_arabic_stem(p) for p in pieces if p not in STOP_WORDS]


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def same_stem(a: str, b: str) -> bool:
    """Two long words with a long common beginning: inflections and derivations."""
    if len(a) < 5 or len(b) < 5:
        return False
    common = 0
    for ca, cb in zip(a, b, strict=False):
        if ca != cb:
            break
        common += 1
    return common >= max(5, min(len(a), len(b)) - 3)


def _deletes(word: str, depth: int) -> set[str]:
    found = {word}
    for n in range(1, depth + 1):
        for positions in combinations(range(len(word)), n):
            found.add("".join(c for i, c in enumerate(word) if i not in positions))
    return found


@dataclass(frozen=True)
class Entry:
    phrase: str
    kind: str
    term: str


@dataclass
class Phrase:
    text: str  # as the curator wrote it
    tokens: tuple[str, ...]
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    phrase: str  # the curator's phrase
    typed: str  # the words of the text it matched (shown back to the user, never stored)
    start: int
    end: int
    entries: tuple[Entry, ...]
    corrected: bool  # matched through a misspelling or a glued word


class Index:
    """Phrases by first word, words by stem prefix and by deletions (for edit distance)."""

    def __init__(self, entries: list[Entry]) -> None:
        phrases: dict[tuple, Phrase] = {}
        self.cjk: dict[str, Phrase] = {}
        for entry in entries:
            if is_cjk(entry.phrase):
                key = normalise(entry.phrase).replace(" ", "")
                self.cjk.setdefault(key, Phrase(entry.phrase, (key,))).entries.append(entry)
                continue
            tokens = tuple(words(entry.phrase))
            if not tokens:
                continue
            phrases.setdefault(tokens, Phrase(entry.phrase, tokens)).entries.append(entry)
        self.by_first: dict[str, list[Phrase]] = defaultdict(list)
        self.glued: dict[str, list[Phrase]] = defaultdict(list)
        vocabulary: set[str] = set()
        for phrase in phrases.values():
            self.by_first[phrase.tokens[0]].append(phrase)
            vocabulary.update(phrase.tokens)
            if len(phrase.tokens) == 2:
                glued = "".join(phrase.tokens)
                self.glued[glued].append(phrase)
        self.vocabulary = vocabulary
        self.by_prefix: dict[str, set[str]] = defaultdict(set)
        self.by_delete: dict[str, set[str]] = defaultdict(set)
        for word in vocabulary | set(self.glued):
            if len(word) >= 5:
                self.by_prefix[word[:5]].add(word)
            for variant in _deletes(word, max_edits(word)):
                self.by_delete[variant].add(word)
        self.phrase_count = len(phrases) + len(self.cjk)

    def similar(self, word: str) -> dict[str, bool]:
        """Vocabulary words (and glued phrases) ``word`` stands for: word → misspelt?"""
        found: dict[str, bool] = {}
        if word in self.vocabulary or word in self.glued:
            found[word] = False
        if len(word) > 3 and word.endswith("s") and word[:-1] in self.vocabulary:
            found.setdefault(word[:-1], False)
        if found:
            # A word the vocabulary has as it is means that word: no stem or misspelling
            # reading on top ("photodna" is not a form of "photos").
            return found
        if len(word) >= 5:
            for candidate in self.by_prefix.get(word[:5], ()):
                if candidate != word and same_stem(word, candidate):
                    found.setdefault(candidate, False)
        if len(word) >= 4:
            candidates: set[str] = set()
            for variant in _deletes(word, min(2, max_edits(word) or 1)):
                candidates |= self.by_delete.get(variant, set())
            for candidate in candidates:
                if candidate in found:
                    continue
                limit = min(max_edits(candidate), max(max_edits(word), 1))
                if limit and edit_distance(word, candidate, limit) <= limit:
                    found[candidate] = True
        return found

    def read(self, text: str) -> list[Match]:
        """Every phrase of the vocabulary found in ``text``, longest first where they nest."""
        tokens = [w for w in words(text) if not is_cjk(w)]
        matches: list[Match] = []
        similar = [self.similar(token) for token in tokens]
        for start in range(len(tokens)):
            for first, first_corrected in similar[start].items():
                for phrase in self.by_first.get(first, ()):
                    end = start + len(phrase.tokens)
                    if end > len(tokens):
                        continue
                    corrected = first_corrected
                    for offset, wanted in enumerate(phrase.tokens[1:], 1):
                        hit = similar[start + offset].get(wanted)
                        if hit is None:
                            break
                        corrected = corrected or hit
                    else:
                        matches.append(
                            Match(
                                phrase.text,
                                " ".join(tokens[start:end]),
                                start,
                                end,
                                tuple(phrase.entries),
                                corrected,
                            )
                        )
                for phrase in self.glued.get(first, ()):
                    matches.append(
                        Match(
                            phrase.text,
                            tokens[start],
                            start,
                            start + 1,
                            tuple(phrase.entries),
                            True,
                        )
                    )
        matches = _outermost(matches)
        squeezed = normalise(text).replace(" ", "")
        offset = len(tokens) + 1  # CJK matches get their own span positions
        for key, phrase in sorted(self.cjk.items()):
            position = squeezed.find(key)
            if position >= 0:
                matches.append(
                    Match(
                        phrase.text,
                        key,
                        offset + position,
                        offset + position + len(key),
                        tuple(phrase.entries),
                        False,
                    )
                )
        return _outermost(_dedupe(matches))


def _dedupe(matches: list[Match]) -> list[Match]:
    seen, unique = set(), []
    for match in matches:
        key = (match.phrase, match.start, match.end)
        if key not in seen:
            seen.add(key)
            unique.append(match)
    return unique


def _outermost(matches: list[Match]) -> list[Match]:
    """Drop a match whose span lies inside a longer one's; exact readings before corrected."""
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start), m.corrected, m.phrase))
    kept: list[Match] = []
    for match in ordered:
        inside = any(
            k.start <= match.start
            and match.end <= k.end
            and (k.end - k.start) > (match.end - match.start)
            for k in kept
        )
        if inside:
            continue
        # The same span read exactly and through a correction: keep the exact reading only.
        if match.corrected and any(
            (k.start, k.end) == (match.start, match.end) and not k.corrected for k in kept
        ):
            continue
        kept.append(match)
    return kept


# Loading ------------------------------------------------------------------------------------


def vocabulary_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def vocabulary_changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), None)


def entries() -> list[Entry]:
    """Every vocabulary entry (one query, then cached under the vocabulary's version)."""
    from catalogue.models import VocabularyEntry

    key = ENTRIES_KEY.format(version=vocabulary_version())
    found = cache.get(key)
    if found is None:
        found = [
            Entry(phrase, kind, term)
            for phrase, kind, term in VocabularyEntry.objects.order_by("pk").values_list(
                "phrase", "kind", "term"
            )
        ]
        cache.set(key, found, CACHE_SECONDS)
    return found


_built: dict[int, Index] = {}


def index() -> Index:
    """The index for the current vocabulary version (built once per process and version)."""
    version = vocabulary_version()
    built = _built.get(version)
    if built is None:
        built = Index(entries())
        _built.clear()
        _built[version] = built
    return built
