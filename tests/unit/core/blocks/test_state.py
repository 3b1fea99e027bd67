from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

from bot.core.blocks.state import CardState, StateError, decode_slug, decode_state, encode_state, state_fits
from bot.core.cards.pick import pick_entries, pick_index, wrap_index
from tests.support.cards import seed_specimen


@pytest.mark.parametrize(
    "state",
    [
        CardState("card", "junior-machine-learning-engineer", 3, 2),
        CardState("quote", "a", 0, 0),
        CardState("day", "x" * 120, 99, 99),
    ],
)
def test_state_round_trips(state: CardState) -> None:
    value = encode_state(state)
    assert len(value) <= 2000
    assert decode_state(value) == state


def test_state_is_compact_json() -> None:
    value = encode_state(CardState("card", "sdet", 1, 2))
    assert value == '{"k":"card","s":"sdet","q":1,"d":2}'


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "must be text"),
        ("", "not valid JSON"),
        ("not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"k":"card","s":"sdet","q":1}', "exactly the keys"),
        ('{"k":"card","s":"sdet","q":1,"d":0,"x":1}', "exactly the keys"),
        ('{"k":"post","s":"sdet","q":1,"d":0}', "unknown kind"),
        ('{"k":"card","s":"../etc/passwd","q":1,"d":0}', "not a valid slug"),
        ('{"k":"card","s":"Sdet","q":1,"d":0}', "not a valid slug"),
        ('{"k":"card","s":"sdet\\n","q":1,"d":0}', "not a valid slug"),
        ('{"k":"card","s":7,"q":1,"d":0}', "slug must be text"),
        ('{"k":"card","s":"sdet","q":-1,"d":0}', "quote index"),
        ('{"k":"card","s":"sdet","q":100,"d":0}', "quote index"),
        ('{"k":"card","s":"sdet","q":1.5,"d":0}', "quote index"),
        ('{"k":"card","s":"sdet","q":true,"d":0}', "quote index"),
        ('{"k":"card","s":"sdet","q":0,"d":"1"}', "day index"),
        ("x" * 2001, "at most 2000"),
    ],
)
def test_tampered_values_are_rejected_clearly(value: object, message: str) -> None:
    with pytest.raises(StateError, match=message):
        decode_state(value)


@pytest.mark.parametrize(
    ("kind", "quote", "day", "fits"),
    [
        ("card", 3, 2, True),  # the last quote (of 4) and the last day-log entry (of 3)
        ("card", 0, 0, True),
        ("card", 4, 0, False),
        ("card", 99, 0, False),  # a forged value: decodes (under MAX_ITEMS), must not be answered
        ("card", 0, 3, False),
        ("quote", 3, 0, True),
        ("quote", 4, 0, False),
        ("day", 0, 2, True),
        ("day", 0, 99, False),
        ("day", 99, 0, False),  # the index a snippet does not show must be in range too
    ],
)
def test_a_state_fits_its_specimen_only_with_every_index_in_range(kind: str, quote: int, day: int, fits: bool) -> None:
    seed = seed_specimen()
    assert (len(seed.burn_ward), len(seed.day_log)) == (4, 3)
    state = decode_state(json.dumps({"k": kind, "s": seed.slug, "q": quote, "d": day}))
    assert state_fits(state, seed) is fits


def test_a_state_of_another_specimen_does_not_fit() -> None:
    seed = seed_specimen()
    assert not state_fits(CardState("card", "someone-else"), seed)


def test_index_0_fits_a_specimen_without_entries() -> None:
    seed = replace(seed_specimen(), burn_ward=(), day_log=())
    assert state_fits(CardState("card", seed.slug, 0, 0), seed)
    assert not state_fits(CardState("card", seed.slug, 1, 0), seed)


def test_encode_refuses_what_decode_would_refuse() -> None:
    with pytest.raises(StateError):
        encode_state(CardState("card", "Bad Slug"))
    with pytest.raises(StateError):
        encode_state(CardState("card", "ok", 100, 0))


def test_decode_slug() -> None:
    assert decode_slug("sdet") == "sdet"
    for bad in (None, "", "a b", "<!channel>", "x" * 121, json.dumps({"s": "x"})):
        with pytest.raises(StateError):
            decode_slug(bad)


def test_pick_index_is_seeded_and_avoids_the_current_entry() -> None:
    rng = random.Random(1)
    assert {pick_index(4, rng, avoid=2) for _ in range(200)} == {0, 1, 3}
    assert pick_index(1, rng, avoid=0) == 0
    assert pick_index(0, rng) == 0
    assert pick_index(5, random.Random(3)) == pick_index(5, random.Random(3))


def test_pick_entries_within_range() -> None:
    seed = seed_specimen()
    for n in range(50):
        quote, day = pick_entries(seed, random.Random(n))
        assert 0 <= quote < len(seed.burn_ward)
        assert 0 <= day < len(seed.day_log)


def test_wrap_index() -> None:
    assert wrap_index(5, 4) == 1
    assert wrap_index(3, 0) == 0
