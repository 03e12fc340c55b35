"""Typo correction for the site-wide search in the parts that have no search vocabulary of
their own (courses, laws): each misspelt word of the query is replaced by the most similar
word (trigram similarity) of that part's titles and summaries, in one query. The catalogue
corrects its own searches (``catalogue.search``)."""

import re

from django.apps import apps
from django.db import connection

_WORD = re.compile(r"[^\W_]+")
MIN_SIMILARITY = 0.3
# app label → (model, text fields whose words make the dictionary)
DICTIONARIES = {
    "training": ("training.Course", ["title", "summary"]),
    "legislation": ("legislation.Instrument", ["title", "short_title", "summary"]),
}


def corrected_text(app: str, text: str) -> str | None:
    """``text`` with misspelt words replaced from ``app``'s own words, or None."""
    if app not in DICTIONARIES:
        return None
    tokens = [t[:60] for t in dict.fromkeys(_WORD.findall(text.lower())) if len(t) >= 3][:12]
    if not tokens:
        return None
    label, fields = DICTIONARIES[app]
    model = apps.get_model(label)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH words AS (
                SELECT DISTINCT lower(w) AS word
                FROM {table}, regexp_split_to_table(concat_ws(' ', {columns}), '[^[:alnum:]]+') w
                WHERE length(w) >= 3
            )
            SELECT tok, word FROM unnest(%s::text[]) AS tok
            CROSS JOIN LATERAL (
                SELECT word FROM words WHERE similarity(word, tok) >= %s
                ORDER BY (word = tok) DESC, similarity(word, tok) DESC, word LIMIT 5
            ) near
            """,
            [tokens, MIN_SIMILARITY],
        )
        rows = cursor.fetchall()
    # The most similar word within the edit distance the word's length allows (none for
    # short words): "sextorsion" → "sextortion", but "hash" is never read as "has".
    best: dict[str, str] = {}
    for token, word in rows:
        if token not in best and edit_distance(token, word, max_edits(token)) <= max_edits(token):
            best[token] = word
    if not best or all(best.get(t, t) == t for t in tokens):
        return None
    return _WORD.sub(lambda m: best.get(m.group(0).lower(), m.group(0)), text)


def max_edits(word: str) -> int:
    """How many edits a word of this length tolerates."""
    if len(word) <= 4:
        return 0
    return 1 if len(word) <= 7 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (transpositions count once), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
