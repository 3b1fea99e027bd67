"""No-repeat rotation: every entry once per cycle, a deterministic reshuffle per channel, catalog changes absorbed."""

from __future__ import annotations

import dataclasses

from bot.core.daily.rotation import RotationItem, cycle_order, pick_next, rotation_items
from bot.core.daily.schedule import Kind
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Catalog, Specimen
from bot.testing.synthetic import synthetic_record_data


def catalog(count: int) -> Catalog:
    return Catalog(tuple(specimen_from_data(synthetic_record_data(i)) for i in range(count)))


def run(items: tuple[RotationItem, ...], channel: str, days: int, kind: Kind = Kind.QUOTES) -> list[tuple[str, int]]:
    """Pick ``days`` times as the store does: posted keys of the current cycle, reset when a new cycle starts."""
    cycle, posted, last, picks = 0, set[str](), None, []
    for _ in range(days):
        pick = pick_next(items, channel, kind, cycle=cycle, posted=posted, last_key=last)
        assert pick is not None
        if pick.starts_cycle:
            posted = set()
        cycle, last = pick.cycle, pick.item.key
        posted.add(pick.item.key)
        picks.append((pick.item.key, pick.cycle))
    return picks


def test_every_quote_is_posted_once_before_any_repeats() -> None:
    items = rotation_items(catalog(5), Kind.QUOTES)
    assert len(items) == 20  # 5 synthetic records x 4 quotes
    picks = run(items, "C1", 20)
    assert sorted(key for key, _ in picks) == sorted(item.key for item in items)
    assert {cycle for _, cycle in picks} == {0}


def test_the_next_cycle_is_reshuffled_and_never_opens_with_the_last_entry() -> None:
    items = rotation_items(catalog(5), Kind.QUOTES)
    picks = run(items, "C1", 40)
    first, second = [k for k, _ in picks[:20]], [k for k, _ in picks[20:]]
    assert {cycle for _, cycle in picks[20:]} == {1}
    assert sorted(second) == sorted(first)
    assert second != first
    assert second[0] != first[-1]


def test_order_is_deterministic_per_channel_and_differs_between_channels() -> None:
    items = rotation_items(catalog(5), Kind.QUOTES)
    assert run(items, "C1", 20) == run(items, "C1", 20)
    assert cycle_order(items, "C1", Kind.QUOTES, 0) != cycle_order(items, "C2", Kind.QUOTES, 0)


def test_day_log_entries_rotate_separately() -> None:
    items = rotation_items(catalog(3), Kind.DAY_LOG)
    assert len(items) == 9
    picks = run(items, "C1", 9, Kind.DAY_LOG)
    assert len({key for key, _ in picks}) == 9


def test_an_entry_added_mid_cycle_is_included_and_removed_ones_are_not_picked() -> None:
    before = rotation_items(catalog(3), Kind.QUOTES)
    posted = {key for key, _ in run(before, "C1", 5)}
    after = rotation_items(catalog(4), Kind.QUOTES)[4:]  # drop some old entries, keep the new record's
    remaining = [item for item in after if item.key not in posted]
    seen = set()
    for _ in remaining:
        pick = pick_next(after, "C1", Kind.QUOTES, cycle=0, posted=posted | seen)
        assert pick is not None and pick.cycle == 0
        seen.add(pick.item.key)
    assert seen == {item.key for item in remaining}


def test_keys_survive_reordering_a_records_entries() -> None:
    specimen = catalog(1).specimens[0]
    shuffled: Specimen = dataclasses.replace(specimen, burn_ward=tuple(reversed(specimen.burn_ward)))
    original = {(i.key, specimen.burn_ward[i.index].quote) for i in rotation_items(Catalog((specimen,)), Kind.QUOTES)}
    moved = {(i.key, shuffled.burn_ward[i.index].quote) for i in rotation_items(Catalog((shuffled,)), Kind.QUOTES)}
    assert original == moved


def test_an_empty_catalog_has_nothing_to_pick() -> None:
    assert pick_next((), "C1", Kind.QUOTES, cycle=0, posted=set()) is None


def test_a_single_entry_catalog_repeats_it() -> None:
    only = (RotationItem("a:1", "a", 0),)
    assert [key for key, _ in run(only, "C1", 3)] == ["a:1", "a:1", "a:1"]
