"""The list page's facet index: for every facet value, the set of published tools that have
it, as a bitmap (a Python int, one bit per tool); held in each process.

Counting a facet value over the tools of a list state is then one AND and one popcount of
two 100,000-bit integers (microseconds) instead of reading and grouping every matching row,
so the list costs nearly the same for 1,000 and 100,000 tools. Bit ``p`` is the tool at
position ``p`` in name order (name, id: the list's own order), so the name-sorted page is the
lowest set bits; the verified order is kept as a list of positions.

The index is current: PostgreSQL keeps a stamp that a trigger changes with every statement
that writes a tool or a provider (migration ``0014_facet_index_stamp``), from a sequence, so
a stamp never comes back after a rollback. Each list request reads the stamp (one query)
and rebuilds the index when it differs (one query over the published tools; about a second
at 100,000 tools, once after a curator's change: the built index goes into the shared cache,
so the other processes load it instead of building it too). The values counted are the
facets' own ``counted()`` expressions, and a chosen facet filters as ``FacetDefinition.q``
does: any of its values.
"""

import threading
from array import array
from collections import defaultdict, deque
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from catalogue.facets import FACETS, FacetDefinition
from catalogue.models import Tool, Visibility

STAMP_SQL = "SELECT value FROM catalogue_facet_stamp WHERE id = 1"
SHARED_SECONDS = 600  # long enough for the other processes' next list request
SKILL = "skill"  # not a list facet: the case finder's skill level (``values[SKILL]``)


@dataclass
class FacetIndex:
    stamp: int | None
    size: int  # published tools (bits)
    ids: array  # position → tool id (positions in name, id order)
    verified_order: array  # positions, most recently verified first (then name, id)
    public: int  # the tools open to everyone
    values: dict[str, dict[str, int]]  # facet → counted value (as text) → tools
    universe: dict[str, list[str]] = field(default_factory=dict)  # facet → values to show

    @cached_property
    def positions(self) -> dict[int, int]:
        """Tool id → position (made where it is used, not stored in the shared cache)."""
        return dict(zip(self.ids, range(self.size), strict=True))

    @cached_property
    def verified_rank(self) -> array:
        """Position → its place in ``verified_order`` (made where it is used)."""
        ranks = array("q", bytes(8 * self.size))
        for place, p in enumerate(self.verified_order):
            ranks[p] = place
        return ranks

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("positions", None)
        state.pop("verified_rank", None)
        return state

    @property
    def everything(self) -> int:
        return (1 << self.size) - 1

    def bitmap(self, positions: list[int]) -> int:
        """The bitmap with the bits ``positions`` set."""
        return _bitmap(positions, self.size)

    def facet_mask(self, facet: FacetDefinition, raw_values: list[str]) -> int:
        """The tools with any of ``raw_values`` (counted values, as text) of ``facet``."""
        masks = self.values.get(facet.name, {})
        found = 0
        for value in raw_values:
            found |= masks.get(value, 0)
        return found


# Bytes 0 and 1 as the digits "0" and "1": a byte-per-tool buffer read as a binary number.
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _bitmap(positions: list[int], size: int) -> int:
    """The int whose bits ``positions`` are set (the loops run in C: about 5 ms for 30,000
    positions among 100,000)."""
    flags = bytearray(size)
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return int(flags.translate(_DIGITS)[::-1] or b"0", 2)


def build(stamp: int | None) -> FacetIndex:
    """Read the published tools once (name order) and make each value's bitmap. ``stamp``
    was read before the tools, so a change in between only makes the next request rebuild."""
    columns = {f"f_{facet.name}": facet.counted() for facet in FACETS}
    query = (
        Tool.objects.published()
        .annotate(**columns)
        .order_by("name", "pk")
        .values_list("pk", "visibility", "last_verified", "skill_level", *columns)
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    size = len(rows)
    found: list[defaultdict[object, list[int]]] = [defaultdict(list) for _facet in FACETS]
    arrays = [facet.counts_array for facet in FACETS]
    public = []
    skills: defaultdict[str, list[int]] = defaultdict(list)  # the case finder's skill need
    for p, row in enumerate(rows):
        if row[1] == Visibility.PUBLIC:
            public.append(p)
        if row[3]:
            skills[row[3]].append(p)
        for per_value, is_array, value in zip(found, arrays, row[4:], strict=True):
            if value is None:
                continue
            if is_array:
                for each in value:
                    per_value[each].append(p)
            else:
                per_value[value].append(p)
    ids = array("q", (row[0] for row in rows))
    # Most recently verified first, never-verified last, then name order (the position).
    verified = [row[2].toordinal() if row[2] else None for row in rows]
    verified_order = array(
        "q", sorted(range(size), key=lambda p: (verified[p] is None, -(verified[p] or 0), p))
    )
    values = {
        facet.name: {
            str(value): _bitmap(positions, size)
            for value, positions in per_value.items()
            if value is not None
        }
        for facet, per_value in zip(FACETS, found, strict=True)
    }
    values[SKILL] = {level: _bitmap(positions, size) for level, positions in skills.items()}
    universe = {}
    for facet in FACETS:
        if facet.universe is not None:
            universe[facet.name] = [str(v) for (v,) in facet.universe() if v is not None]
    return FacetIndex(
        stamp=stamp,
        size=size,
        ids=ids,
        verified_order=verified_order,
        public=_bitmap(public, size),
        values=values,
        universe=universe,
    )


_current: FacetIndex | None = None
_lock = threading.Lock()


def current() -> FacetIndex:
    """The index for the catalogue as this connection sees it: one query to read the stamp,
    plus the rebuild when it changed."""
    global _current
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL)
        row = cursor.fetchone()
    stamp = row[0] if row else None
    index = _current
    if index is not None and stamp is not None and index.stamp == stamp:
        return index
    if stamp is None:  # no stamp to tell whether an index is current: never keep one
        return build(stamp)
    with _lock:
        index = _current
        if index is not None and index.stamp == stamp:
            return index
        # Another process may have built this stamp's index already (a shared cache; a
        # cache in this process's memory would only hold a second copy).
        shared = "locmem" not in settings.CACHES["default"]["BACKEND"].lower()
        key = f"catalogue:facet-index:{connection.settings_dict['NAME']}:{stamp}"
        index = cache.get(key) if shared else None
        if index is None:
            index = build(stamp)
            if shared:
                cache.set(key, index, SHARED_SECONDS)
        _current = index
        return index


def forget() -> None:
    """Drop this process's index (tests that change the stamp table itself)."""
    global _current
    _current = None
