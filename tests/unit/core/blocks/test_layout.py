from __future__ import annotations

import random
import re

import pytest

from bot.core.blocks.layout import fair_shares, join_fitting, pack_entries
from bot.core.blocks.text import units


def more(count: int) -> str:
    return f"…and {count} more"


def test_fair_shares_meet_small_needs_and_split_the_rest() -> None:
    assert fair_shares([100, 5000, 200, 5000], 4300) == [100, 2000, 200, 2000]
    assert fair_shares([10, 20], 1000) == [10, 20]
    assert fair_shares([], 100) == []
    assert fair_shares([50, 50], -3) == [0, 0]


def test_fair_shares_never_exceed_the_budget() -> None:
    rng = random.Random(7)
    for _ in range(200):
        needs = [rng.randrange(0, 5000) for _ in range(rng.randrange(1, 12))]
        budget = rng.randrange(0, 20000)
        shares = fair_shares(needs, budget)
        assert sum(shares) <= budget
        assert all(0 <= s <= n for s, n in zip(shares, needs, strict=True))


def test_pack_keeps_everything_that_fits_in_one_block() -> None:
    assert pack_entries("*H*", ["a", "b"], 100, more, max_chunks=1) == ["*H*\na\nb"]


def test_pack_summarises_what_does_not_fit() -> None:
    entries = [f"entry {i} " + "x" * 90 for i in range(50)]
    chunks = pack_entries("*H*", entries, 1000, more, max_chunks=1)
    assert len(chunks) == 1
    assert units(chunks[0]) <= 3000
    shown = chunks[0].count("entry ")
    assert chunks[0].endswith(f"…and {50 - shown} more")
    assert 5 <= shown < 50


def test_pack_spreads_over_blocks_within_the_block_limit() -> None:
    entries = ["y" * 2500 for _ in range(10)]
    chunks = pack_entries("*H*", entries, 100_000, more)
    assert len(chunks) == 10
    assert all(units(c) <= 3000 for c in chunks)
    assert "more" not in chunks[-1]


def test_pack_clamps_an_entry_too_long_for_any_block() -> None:
    chunks = pack_entries("*H*", ["z" * 9000], 100_000, more)
    assert len(chunks) == 1
    assert units(chunks[0]) <= 3000
    assert chunks[0].endswith("…")


def test_pack_shows_a_cut_first_entry_rather_than_nothing() -> None:
    chunks = pack_entries("*H*", ["w" * 2000, "v" * 10], 500, more, max_chunks=1)
    assert chunks[0].startswith("*H*\nwww")
    assert chunks[0].endswith("…and 1 more")
    assert units(chunks[0]) <= 520


@pytest.mark.parametrize("limit", [5, 20, 40, 200])
def test_join_fitting_whole_items_then_a_count(limit: int) -> None:
    items = [f"alias{i}" for i in range(30)]
    joined = join_fitting(items, " · ", limit, lambda n: f"(+{n})")
    note = re.search(r"\(\+(\d+)\)$", joined)
    assert note is not None
    shown = re.findall(r"alias\d+", joined)
    assert shown == items[: len(shown)]
    assert len(shown) + int(note[1]) == 30
    assert units(joined) <= max(limit, len(note[0]))


def test_join_fitting_all_when_they_fit() -> None:
    assert join_fitting(["a", "b"], " · ", 50, lambda n: "?") == "a · b"
