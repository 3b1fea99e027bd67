"""No-repeat rotation: a channel sees every quote (or day-log entry) of the catalog once before any comes back.

Items are keyed by record slug plus a digest of their text, so reordering a record's entries changes nothing and an
edited entry counts as a new one. Each cycle visits the current catalog in an order shuffled deterministically from
(channel, kind, cycle); entries already posted in the cycle are passed over, so records added or removed mid-cycle
need no bookkeeping. A new cycle never opens with the entry that closed the previous one.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from bot.core.daily.schedule import Kind
from bot.core.records.model import Catalog, Specimen

_DIGEST_CHARS = 12


@dataclass(frozen=True, slots=True)
class RotationItem:
    """One postable entry: ``index`` into the specimen's burn_ward or day_log."""

    key: str
    slug: str
    index: int


@dataclass(frozen=True, slots=True)
class Pick:
    """The entry to post, its cycle, and whether it opens that cycle (the store then forgets the previous one)."""

    item: RotationItem
    cycle: int
    starts_cycle: bool = False


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:_DIGEST_CHARS]


def _entry_texts(specimen: Specimen, kind: Kind) -> list[tuple[str, ...]]:
    if kind is Kind.QUOTES:
        return [(q.quote, q.source or "") for q in specimen.burn_ward]
    return [(e.start, e.end, e.title, e.description) for e in specimen.day_log]


def rotation_items(catalog: Catalog, kind: Kind) -> tuple[RotationItem, ...]:
    """Every entry of ``kind`` in the catalog, sorted by key (identical entries of one record count once)."""
    items: dict[str, RotationItem] = {}
    for specimen in catalog:
        for index, texts in enumerate(_entry_texts(specimen, kind)):
            key = f"{specimen.slug}:{_digest(kind.value, *texts)}"
            items.setdefault(key, RotationItem(key, specimen.slug, index))
    return tuple(sorted(items.values(), key=lambda item: item.key))


class Entries:
    """Every postable entry of a catalog by kind, with lookup by key: built once per catalog, shared by all picks."""

    __slots__ = ("_by_key", "_items")

    def __init__(self, catalog: Catalog) -> None:
        self._items = {kind: rotation_items(catalog, kind) for kind in Kind}
        self._by_key: Mapping[Kind, Mapping[str, RotationItem]] = {
            kind: {item.key: item for item in items} for kind, items in self._items.items()
        }

    def items(self, kind: Kind) -> tuple[RotationItem, ...]:
        return self._items[kind]

    def get(self, kind: Kind, key: str | None) -> RotationItem | None:
        return self._by_key[kind].get(key) if key else None


def cycle_order(items: Sequence[RotationItem], channel_id: str, kind: Kind, cycle: int) -> list[RotationItem]:
    """``items`` shuffled by a seed derived from channel, kind and cycle: the same every run, differing per channel."""
    seed = int(_digest(channel_id, kind.value, str(cycle)), 16)
    order = sorted(items, key=lambda item: item.key)
    random.Random(seed).shuffle(order)
    return order


def pick_next(
    items: Sequence[RotationItem],
    channel_id: str,
    kind: Kind,
    *,
    cycle: int,
    posted: Collection[str],
    last_key: str | None = None,
) -> Pick | None:
    """The next entry for a channel, or None when the catalog has no entry of ``kind``.

    Args:
        items: the catalog's entries (``rotation_items``).
        cycle: the channel's current cycle number (0 before anything was posted).
        posted: keys already posted in ``cycle``.
        last_key: the key posted most recently, so a new cycle does not open with it.
    """
    if not items:
        return None
    order = cycle_order(items, channel_id, kind, cycle)
    for item in order:
        if item.key not in posted:
            return Pick(item, cycle)
    fresh = cycle_order(items, channel_id, kind, cycle + 1)
    first = fresh[1] if len(fresh) > 1 and fresh[0].key == last_key else fresh[0]
    return Pick(first, cycle + 1, starts_cycle=True)
