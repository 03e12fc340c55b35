"""Full-text search over tools, with a trigram fallback for misspelled words.

The tool's ``search_vector`` is a stored generated column (GIN-indexed), so a search only
parses the query (``websearch_to_tsquery``: quotes, ``or``, ``-word``) and ranks the rows
that match. When nothing matches, each word of the query is replaced by the most similar word
of the catalogue's vocabulary (``SearchTerm``, trigram-indexed) and the search runs again:
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
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


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
    if not best or all(best.get(t, t) == t for t in tokens):
        return None
    return _WORD.sub(lambda m: best.get(m.group(0).lower(), m.group(0)), text)


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
