"""Fuzzing the pure answer paths: whatever a user types, a message holds or a valid record says, every reply is a
Block Kit payload within every limit and nothing in it can ping anyone or become a link.

The example count comes from the hypothesis profile (tests/conftest.py): ``ci`` under CI=true, ``dev`` otherwise,
``HYPOTHESIS_PROFILE=deep`` for the long run (10,000 examples per test)::

    HYPOTHESIS_PROFILE=deep .venv/bin/python -m pytest tests/test_fuzz.py

``tests/test_fuzz_app.py`` sends a few of the same inputs through the running app.
"""

from __future__ import annotations

import contextlib
import random
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.core.answers.guide import FieldGuide
from bot.core.answers.identify import link_choices
from bot.core.answers.slash import Daily, parse_slash
from bot.core.blocks.state import CardState, StateError, decode_slug, decode_state, encode_state
from bot.core.cards.chooser import Chooser
from bot.core.cards.full_file import full_file_payload
from bot.core.cards.home import SEARCH_OPTIONS_MAX, search_options
from bot.core.cards.modals import Flow, card_view, link_view, no_job_link_message, result_view, title_problem
from bot.core.cards.replies import list_message
from bot.core.links import extract_candidates
from bot.core.matching.index import TitleIndex
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Catalog
from bot.core.records.schema import validate_record
from bot.testing.markup import markup_problems
from tests.support.strategies import (
    check,
    every_reply_to,
    guide,
    hostile_text,
    long_text,
    records,
    shortcut_message,
    slash_text,
    slug,
)

pytestmark = pytest.mark.slow  # long fuzzing; CI runs it, the inner loop skips it

Payload = dict[str, Any]


@given(slash_text, st.integers(0, 2**32))
@example("<!channel> <@U123> &amp; <https://x|y>", 0)
@example("quote <!here>", 1)
@example("x" * 4000, 2)
def test_any_slash_text_gets_a_valid_inert_reply(text: str, seed: int) -> None:
    command = parse_slash(text)
    if isinstance(command, Daily):
        return  # answered by the daily module, with the store (tests/test_daily_*)
    answer = guide().answer(command, random.Random(seed))
    check(answer.payload)


@given(records(), st.integers(0, 2**32), hostile_text)
def test_any_valid_record_gives_valid_inert_payloads_everywhere(data: dict[str, Any], seed: int, asked: str) -> None:
    assert validate_record(data) == []
    specimen = specimen_from_data(data)
    catalog = Catalog((specimen,))
    g = FieldGuide(catalog, TitleIndex.build(catalog))
    rng = random.Random(seed)
    check(g.card(specimen, rng))
    for kind in ("card", "quote", "day"):
        state = CardState(
            kind, specimen.slug, rng.randrange(len(specimen.burn_ward)), rng.randrange(len(specimen.day_log))
        )
        every_reply_to(state, specimen, g, rng)
        assert decode_state(encode_state(state)) == state
    check(full_file_payload(specimen), "modal")
    check(list_message(catalog))
    for flow in Flow:
        check(card_view(specimen, flow, asked=asked or None).to_dict(), "modal")
    for query in (specimen.title, asked, *specimen.aliases[:2]):
        check(g.lookup(query, rng).payload)


@given(shortcut_message)
def test_any_shortcut_message_gives_a_valid_inert_modal_or_reply(message: dict[str, Any]) -> None:
    g = guide()
    scan = extract_candidates(message)
    if not scan.has_job_link:
        check(no_job_link_message(scan))
        return
    chooser = link_choices(scan, g.index.lookup)
    view = link_view(chooser, g.index.lookup).to_dict()
    check(view, "modal")
    restored = Chooser.from_metadata(view.get("private_metadata"))
    for number in range(len(restored.choices)):
        chosen = restored.select(number)
        assert chosen is not None
        check(link_view(chosen, g.index.lookup).to_dict(), "modal")


@given(hostile_text | long_text, st.sampled_from(list(Flow)))
def test_any_submitted_title_gets_an_error_or_a_valid_inert_view(title: str, flow: Flow) -> None:
    if title_problem(title) is not None:
        return
    check(result_view(flow, title, guide().index.lookup(title)).to_dict(), "modal")


@given(hostile_text | long_text)
def test_any_home_search_text_gets_valid_inert_options(text: str) -> None:
    options = search_options(guide().index.suggest(text[:200], limit=SEARCH_OPTIONS_MAX))
    assert len(options) <= SEARCH_OPTIONS_MAX
    assert markup_problems({"options": options}) == []
    for option in options:
        assert option["text"]["type"] == "plain_text" and 0 < len(option["text"]["text"]) <= 75
        assert 0 < len(option["value"]) <= 150


@given(st.one_of(hostile_text, st.builds(lambda s: encode_state(CardState("card", s)), slug), st.none(), st.integers()))
def test_any_button_value_is_refused_or_answered(value: Any) -> None:
    g = guide()
    rng = random.Random(0)
    try:
        state = decode_state(value)
    except StateError:
        pass
    else:
        specimen = g.catalog.by_slug(state.slug)
        if specimen is not None:
            every_reply_to(state, specimen, g, rng)
    with contextlib.suppress(StateError):
        decode_slug(value)
