"""Full-text search over tools, with a trigram fallback for misspelled words.

The tool's ``search_vector`` is a stored generated column (GIN-indexed), so a search only
parses the query and ranks the rows that match. The query keeps the websearch syntax (quotes
for phrases, ``or``, ``-word``) and is built here as a ``to_tsquery`` expression so that it
can forgive: words match by stem, long words also by a shorter prefix ("transcription" finds
"transcribes"), and words that the case finder's vocabulary knows
also match the names of the terms they stand for ("deepfake" finds AI-generated media
detection, "sextorsion" finds grooming detection; ``expansions`` says so on the page). So do
the capability and data-type names in the portal's other languages (curators translate them
in the admin): "détection des médias générés par l'IA" or "哈希匹配" search the English words
of the term, which are what a tool's keywords hold.
When nothing matches, each word of the query is replaced by the most similar word of the
catalogue's words (``SearchTerm``, trigram-indexed), and a word glued from two catalogue
words is split ("knownfile" → "known file"); the search runs again and the page says so:
``fotodna`` finds tools that mention PhotoDNA, ``age estmation`` finds age estimation.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from catalogue.models import SEARCH_CONFIG, SearchTerm, Tool

# ts_headline wraps matches in these; the text is escaped first, then they become <mark>.
_START, _STOP = "\u2983", "\u2984"
_WORD = re.compile(r"[^\W_]+")
MIN_TERM_LENGTH = 3


def search_query(text: str) -> SearchQuery:
    return SearchQuery(tsquery_text(text), search_type="raw", config=SEARCH_CONFIG)


# The SQL that parses ``tsquery_text(text)`` (for statements written by hand).
TSQUERY_SQL = f"to_tsquery('{SEARCH_CONFIG}'::regconfig, %s)"
# Kinds of vocabulary terms whose names are in a tool's searchable keywords.
_EXPANDED_KINDS = ("capability", "data_type")
_ITEM = re.compile(r'"[^"]*"?|\S+')


def _operand(word: str) -> str:
    """One plain word: its stem, and for long words (derivations such as transcription and
    transcribes) its first three fifths as a prefix too. Shorter words match by stem only, so
    that a misspelt name is corrected visibly rather than matched silently by a prefix."""
    if len(word) < 10:
        return word
    return f"({word} | {word[: max(7, -(-len(word) * 3 // 5))]}:*)"


def _all(words: list[str], joiner: str = " & ") -> str:
    return "(" + joiner.join(words) + ")" if len(words) > 1 else "".join(words)


_term_indexes: dict[tuple, object] = {}


def _term_index():  # -> catalogue.finder.vocabulary.Index
    """The capability and data-type names in languages other than English, read with the
    vocabulary's rules (misspellings, stems, Chinese as substrings). Built once per process
    for each set of names (a curator's edit makes a new one)."""
    from catalogue.finder.vocabulary import Entry, Index
    from catalogue.selectors import taxonomy_terms

    terms = taxonomy_terms()
    entries = tuple(
        Entry(name, kind, term.slug)
        for kind in _EXPANDED_KINDS
        for term in terms[kind]
        for name in term.names
        if name != term.english
    )
    index = _term_indexes.get(entries)
    if index is None:
        _term_indexes.clear()
        index = _term_indexes[entries] = Index(list(entries))
    return index


def _matches(text: str) -> list:
    """What the vocabulary and the translated term names find in ``text``."""
    from catalogue.finder import vocabulary

    # Where both read the same words, the longer reading wins, as within the vocabulary.
    return vocabulary._outermost([*vocabulary.index().read(text), *_term_index().read(text)])


def _english_names() -> dict[tuple[str, str], str]:
    from catalogue.selectors import taxonomy_terms

    return {(kind, t.slug): t.english for kind, terms in taxonomy_terms().items() for t in terms}


def _synonyms(run: list[str]) -> dict[tuple[int, int], list[list[str]]]:
    """Spans of a run of plain words that the vocabulary or a translated term name knows →
    the words of the English term names they stand for (the words tools' keywords hold)."""
    from catalogue.finder.vocabulary import is_cjk, normalise

    names = _english_names()
    found: dict[tuple[int, int], list[list[str]]] = {}

    def add(span: tuple[int, int], entries: tuple) -> None:
        for entry in entries:
            if entry.kind in _EXPANDED_KINDS and (entry.kind, entry.term) in names:
                words = _WORD.findall(names[(entry.kind, entry.term)].lower())
                if words and words not in found.setdefault(span, []):
                    found[span].append(words)
        if not found.get(span):
            found.pop(span, None)

    for match in _matches(" ".join(run)):
        if match.end <= len(run):
            add((match.start, match.end), match.entries)
    # Chinese has no spaces: a run of characters stands for a term whose name it contains.
    for i, word in enumerate(run):
        if is_cjk(word):
            for key, phrase in _term_index().cjk.items():
                if key in normalise(word):
                    add((i, i + 1), tuple(phrase.entries))
    return found


def _run_clauses(run: list[str]) -> list[str]:
    """AND-clauses for a run of plain words, with vocabulary synonyms where they apply."""
    # The vocabulary drops stop words, so its spans count the run without them.
    from catalogue.finder.vocabulary import STOP_WORDS, normalise

    kept = [w for w in run if normalise(w) not in STOP_WORDS]
    spans = _synonyms(kept) if kept else {}
    clauses, i = [], 0
    while i < len(kept):
        span = max(((a, b) for (a, b) in spans if a == i), default=None, key=lambda s: s[1])
        if span is None:
            clauses.append(_operand(kept[i]))
            i += 1
            continue
        typed = _all([_operand(w) for w in kept[span[0] : span[1]]])
        alternatives = [_all([_operand(w) for w in words]) for words in spans[span]]
        clauses.append("(" + " | ".join([typed, *alternatives]) + ")")
        i = span[1]
    return clauses


def tsquery_text(text: str) -> str:
    """The query as a ``to_tsquery`` expression: quotes, ``or`` and ``-word`` as in
    websearch, plain words forgiving (see the module's note). Only letters and digits of
    the user's text reach the expression, so it always parses."""
    groups: list[list[str]] = [[]]  # OR of groups; each group is an AND of clauses
    run: list[str] = []

    def flush() -> None:
        if run:
            groups[-1].extend(_run_clauses(run))
            run.clear()

    for item in _ITEM.findall(text or ""):
        if item.lower() == "or":
            flush()
            if groups[-1]:
                groups.append([])
            continue
        if item.startswith('"'):
            flush()
            words = _WORD.findall(item.lower())
            if words:
                groups[-1].append(_all(words, " <-> "))
            continue
        if item.startswith("-") and len(item) > 1:
            flush()
            words = _WORD.findall(item[1:].lower())
            if words:
                groups[-1].append("!" + _all(words, " <-> "))
            continue
        run.extend(_WORD.findall(item.lower()))
    flush()
    parts = [_all(group) for group in groups if group]
    return " | ".join(parts)


def expansions(text: str) -> list[dict]:
    """What the search also looked for, to show on the page: for each phrase of the query
    that the vocabulary knows, the words typed, the phrase they were read as (when it was a
    misspelling) and the names of the terms searched too."""
    from catalogue.finder import reading

    names = reading.labels()
    plain = " ".join(item for item in _ITEM.findall(text or "") if not item.startswith(('"', "-")))
    shown = []
    for match in _matches(plain):
        terms = [
            names[(e.kind, e.term)]
            for e in match.entries
            if e.kind in _EXPANDED_KINDS and (e.kind, e.term) in names
        ]
        if terms and not any(s["typed"] == match.typed for s in shown):
            shown.append(
                {
                    "typed": match.typed,
                    "read_as": match.phrase if match.corrected else "",
                    "terms": list(dict.fromkeys(terms)),
                }
            )
    return shown


def rank(query: SearchQuery) -> SearchRank:
    return SearchRank(F("search_vector"), query)


def headline(query: SearchQuery) -> SearchHeadline:
    return SearchHeadline(
        Concat("summary", Value(" "), "description", output_field=TextField()),
        query,
        config=SEARCH_CONFIG,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


# Markdown emphasis, heading and code marks, which mean nothing in a plain-text snippet.
_MARKDOWN_MARKS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|^#+\s|`)", re.M)


def snippet_html(raw: str | None) -> SafeString:
    """Escape a ts_headline result, then turn its markers into <mark> elements."""
    text = escape(_MARKDOWN_MARKS.sub("", raw or ""))
    text = text.replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own tags added


def corrected_text(text: str) -> str | None:
    """The query with each word replaced by the closest catalogue word, or None when no word
    changes. One query, answered by the trigram index on the vocabulary."""
    tokens = [t for t in dict.fromkeys(_WORD.findall(text.lower())) if len(t) >= MIN_TERM_LENGTH]
    tokens = [t[:60] for t in tokens][:12]
    if not tokens:
        return None
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT DISTINCT ON (tok) tok, s.word
            FROM unnest(%s::text[]) AS tok
            JOIN {table} s ON s.word %% tok
            ORDER BY tok, similarity(s.word, tok) DESC, s.word
            """,
            [tokens],
        )
        best = dict(cursor.fetchall())
    best.update(_splits(tokens, best, table))
    if not best or all(best.get(t, t) == t for t in tokens):
        return None
    return _WORD.sub(lambda m: best.get(m.group(0).lower(), m.group(0)), text)


def _splits(tokens: list[str], best: dict[str, str], table: str) -> dict[str, str]:
    """Words glued from two catalogue words ("knownfile"), split at the most even place.
    Only words that the trigram lookup did not find as they are. One query."""
    glued = [t for t in tokens if len(t) >= 2 * MIN_TERM_LENGTH and best.get(t) != t]
    halves = {
        t: [(t[:i], t[i:]) for i in range(MIN_TERM_LENGTH, len(t) - MIN_TERM_LENGTH + 1)]
        for t in glued
    }
    parts = sorted({part for pairs in halves.values() for pair in pairs for part in pair})
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT word FROM {table} WHERE word = ANY(%s::text[])", [parts])
        known = {row[0] for row in cursor.fetchall()}
    found = {}
    for token, pairs in halves.items():
        whole = [p for p in pairs if p[0] in known and p[1] in known]
        if whole:
            left, right = max(whole, key=lambda p: (min(len(p[0]), len(p[1])), p[0]))
            found[token] = f"{left} {right}"
    return found


def refresh_terms(tool_ids: list[int] | None = None) -> None:
    """Add the words of tools' names and keywords to the vocabulary (all tools if no ids)."""
    tool_table = Tool._meta.db_table
    term_table = SearchTerm._meta.db_table
    where = "WHERE t.id = ANY(%s)" if tool_ids is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {term_table} (word)
            SELECT DISTINCT w FROM (
                SELECT regexp_split_to_table(lower(t.keywords), '[^[:alnum:]]+') AS w
                FROM {tool_table} t {where}
            ) words
            WHERE length(w) BETWEEN {MIN_TERM_LENGTH} AND 60
            ON CONFLICT DO NOTHING
            """,
            [tool_ids] if tool_ids is not None else [],
        )
