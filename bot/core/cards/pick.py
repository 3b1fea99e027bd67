"""Choosing which quote and day-log entry a card shows, with an injected random source (builders never roll dice)."""

from __future__ import annotations

import random

from bot.core.records.model import Specimen


def pick_index(count: int, rng: random.Random, avoid: int | None = None) -> int:
    """A random index below ``count``, other than ``avoid`` whenever there is another (so Shuffle always changes)."""
    if count <= 0:
        return 0
    if avoid is None or count == 1 or not 0 <= avoid < count:
        return rng.randrange(count)
    index = rng.randrange(count - 1)
    return index + 1 if index >= avoid else index


def pick_entries(specimen: Specimen, rng: random.Random) -> tuple[int, int]:
    """(quote index, day-log index) for a fresh card."""
    return pick_index(len(specimen.burn_ward), rng), pick_index(len(specimen.day_log), rng)


def wrap_index(index: int, count: int) -> int:
    """An index from a button that may be stale (the record shrank since): wrapped into range, 0 when empty."""
    return index % count if count else 0
