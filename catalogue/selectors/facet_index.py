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
at 100,000 tools, once per process after a curator's change). The values counted are the
facets' own ``counted()`` expressions, and a chosen facet filters as ``FacetDefinition.q``
does: any of its values.
"""

import threading
from array import array
from dataclasses import dataclass, field
from datetime import date

from django.db import connection

from catalogue.facets import FACETS, FacetDefinition
from catalogue.models import Tool, Visibility

STAMP_SQL = "SELECT value FROM catalogue_facet_stamp WHERE id = 1"


@dataclass
class FacetIndex:
    stamp: int | None
    size: int  # published tools (bits)
    ids: array  # position → tool id (positions in name, id order)
    positions: dict[int, int]  # tool id → position
    verified_order: array  # positions, most recently verified first (then name, id)
    public: int  # the tools open to everyone
    values: dict[str, dict[str, int]]  # facet → counted value (as text) → tools
    universe: dict[str, list[str]] = field(default_factory=dict)  # facet → values to show

    @property
    def everything(self) -> int:
        return (1 << self.size) - 1

    def mask_of(self, ids: list[int]) -> int:
        """The bitmap of the tools ``ids`` (ids not in the index are left out)."""
        bits = bytearray((self.size + 7) // 8)
        positions = self.positions
        for pk in ids:
            p = positions.get(pk)
            if p is not None:
                bits[p >> 3] |= 1 << (p & 7)
        return int.from_bytes(bits, "little")

    def facet_mask(self, facet: FacetDefinition, raw_values: list[str]) -> int:
        """The tools with any of ``raw_values`` (counted values, as text) of ``facet``."""
        masks = self.values.get(facet.name, {})
        found = 0
        for value in raw_values:
            found |= masks.get(value, 0)
        return found


def _raw(facet: FacetDefinition, value: object) -> list[str]:
    """A row's counted value(s) of ``facet``, as text (how the counts key them)."""
    if value is None:
        return []
    if facet.counts_array:
        return [str(v) for v in value if v is not None]
    return [str(value)]


def build(stamp: int | None) -> FacetIndex:
    """Read the published tools once (name order) and make each value's bitmap. ``stamp``
    was read before the tools, so a change in between only makes the next request rebuild."""
    columns = {f"f_{facet.name}": facet.counted() for facet in FACETS}
    rows = list(
        Tool.objects.published()
        .annotate(**columns)
        .order_by("name", "pk")
        .values_list("pk", "visibility", "last_verified", *columns)
    )
    size = len(rows)
    nbytes = (size + 7) // 8
    buffers: dict[str, dict[str, bytearray]] = {facet.name: {} for facet in FACETS}
    public = bytearray(nbytes)
    ids = array("q", (r[0] for r in rows))
    for p, row in enumerate(rows):
        byte, bit = p >> 3, 1 << (p & 7)
        if row[1] == Visibility.PUBLIC:
            public[byte] |= bit
        for facet, value in zip(FACETS, row[3:], strict=True):
            per_value = buffers[facet.name]
            for raw in _raw(facet, value):
                buf = per_value.get(raw)
                if buf is None:
                    buf = per_value[raw] = bytearray(nbytes)
                buf[byte] |= bit
    oldest = date.min.toordinal()
    verified_order = array(
        "q",
        sorted(
            range(size),
            key=lambda p: (-(rows[p][2].toordinal() if rows[p][2] else oldest - 1), p),
        ),
    )
    universe = {}
    for facet in FACETS:
        if facet.universe is not None:
            universe[facet.name] = [str(v) for (v,) in facet.universe() if v is not None]
    return FacetIndex(
        stamp=stamp,
        size=size,
        ids=ids,
        positions={pk: p for p, pk in enumerate(ids)},
        verified_order=verified_order,
        public=int.from_bytes(public, "little"),
        values={
            name: {raw: int.from_bytes(buf, "little") for raw, buf in per_value.items()}
            for name, per_value in buffers.items()
        },
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
    with _lock:
        index = _current
        if index is not None and stamp is not None and index.stamp == stamp:
            return index
        index = build(stamp)
        if stamp is not None:
            _current = index
        return index


def forget() -> None:
    """Drop this process's index (tests that change the stamp table itself)."""
    global _current
    _current = None
