"""Fitting lists of entries into section blocks: a fair split of a text budget, then greedy packing.

Both the card (one block per section, a small budget) and the full-file modal (several blocks per section, a large
budget) use these, so a record of any size that passes ``specimen check`` always fits Slack's limits: what does not
fit is dropped from the end of its list and summarised by a line such as "…and 37 more in the full file".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.core.blocks.limits import SECTION_TEXT_MAX
from bot.core.blocks.text import clamp, units

# Below this many units left, a first entry is not worth showing cut down; the summary line says it all.
_MIN_USEFUL = 40


def fair_shares(needs: Sequence[int], budget: int) -> list[int]:
    """Split ``budget`` max-min fairly: small needs are met whole, the large ones share what is left equally."""
    shares = [0] * len(needs)
    remaining = max(0, budget)
    order = sorted(range(len(needs)), key=lambda i: needs[i])
    for position, index in enumerate(order):
        cap = remaining // (len(needs) - position)
        shares[index] = min(max(0, needs[index]), cap)
        remaining -= shares[index]
    return shares


def block_need(heading: str, entries: Sequence[str]) -> int:
    """Units a section needs to show ``heading`` and every entry, one per line."""
    return units(heading) + sum(units(e) + 1 for e in entries)


def pack_entries(
    heading: str,
    entries: Sequence[str],
    allowance: int,
    more: Callable[[int], str],
    *,
    chunk_limit: int = SECTION_TEXT_MAX,
    max_chunks: int | None = None,
) -> list[str]:
    """Texts of the section blocks showing ``heading`` and as many whole entries as fit.

    Args:
        heading: first line of the first block (already escaped mrkdwn).
        entries: lines to show in order (already escaped mrkdwn); one that can never fit a block is clamped.
        allowance: units all the blocks together may hold (soft: heading and summary are always shown).
        more: the summary line for ``n`` entries left out.
        chunk_limit: units one block may hold.
        max_chunks: how many blocks at most (None: as many as the allowance gives).
    """
    fitted = _pack(heading, entries, allowance, chunk_limit, max_chunks=max_chunks, reserve=0)
    if fitted is not None:
        return fitted[0]
    note_room = units(more(len(entries))) + 1
    packed = _pack(
        heading, entries, allowance - note_room, chunk_limit - note_room, max_chunks=max_chunks, reserve=note_room
    )
    assert packed is not None  # with a reserve, _pack returns whatever fitted
    chunks, shown = packed
    if shown < len(entries):
        chunks[-1] += "\n" + more(len(entries) - shown)
    return chunks


def _pack(
    heading: str,
    entries: Sequence[str],
    allowance: int,
    capacity: int,
    *,
    max_chunks: int | None,
    reserve: int,
) -> tuple[list[str], int] | None:
    """Greedy packing; with ``reserve == 0`` returns None unless every entry fits, else stops at the first misfit."""
    chunks = [heading]
    sizes = [units(heading)]
    used = sizes[0]
    entry_max = max(1, capacity - sizes[0] - 1)
    for shown, raw in enumerate(entries):
        entry = clamp(raw, entry_max)
        size = units(entry)
        left = allowance - used - 1
        if size > left:
            if reserve == 0:
                return None
            if shown > 0 or left < _MIN_USEFUL:
                return chunks, shown
            entry = clamp(entry, left)
            size = units(entry)
        if sizes[-1] + 1 + size <= capacity:
            chunks[-1] += "\n" + entry
            sizes[-1] += 1 + size
        elif max_chunks is None or len(chunks) < max_chunks:
            chunks.append(entry)
            sizes.append(size)
        elif reserve == 0:
            return None
        else:
            return chunks, shown
        used += size + 1
    return chunks, len(entries)


def join_fitting(items: Sequence[str], sep: str, limit: int, more: Callable[[int], str]) -> str:
    """``items`` joined by ``sep`` within ``limit`` units; whole items only, then ``more(n)`` for the n left out."""
    joined = sep.join(items)
    if units(joined) <= limit:
        return joined
    room = limit - units(more(len(items))) - 1
    shown: list[str] = []
    used = 0
    for item in items:
        cost = units(item) + (units(sep) if shown else 0)
        if used + cost > room:
            break
        shown.append(item)
        used += cost
    note = more(len(items) - len(shown))
    return f"{sep.join(shown)} {note}" if shown else note
