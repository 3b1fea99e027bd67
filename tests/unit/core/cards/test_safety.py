"""Property: nothing a user types or a record holds can ping anyone or inject markup, and every payload stays valid."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.cards.full_file import full_file_payload
from bot.core.cards.replies import Suggestion, did_you_mean, error_message, miss_card
from bot.core.cards.snippets import day_preview, quote_preview, shared_day, shared_quote
from bot.core.cards.specimen import card_preview, shared_card
from bot.core.records.loader import specimen_from_data
from bot.core.records.schema import validate_record
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from bot.testing.synthetic import synthetic_record_data
from tests.support.cards import all_text

HOSTILE = ["<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C1|x>", "<!subteam^S1>", "<https://x.test|y>"]
HOSTILE += ["&", "&amp;", "&lt;", "<", ">", "*", "_", "`", "~", "\n", "@here", "😀", " "]
# Any text a record may hold: the record format refuses control characters other than tab and newline.
record_text = st.text(st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\t\n"), max_size=20)
fragments = st.one_of(st.sampled_from(HOSTILE), record_text)
hostile_text = st.lists(fragments, min_size=1, max_size=12).map("".join).filter(lambda t: t.strip() != "")
_STRUCTURED = {"slug", "start", "end", "currency"}


def _replace_text(node: Any, draw: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: _replace_text(v, draw, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_text(v, draw, key) for v in node]
    if isinstance(node, str) and key not in _STRUCTURED:
        return draw(hostile_text)
    return node


@st.composite
def hostile_records(draw: Any) -> dict[str, Any]:
    data = _replace_text(copy.deepcopy(synthetic_record_data(draw(st.integers(0, 50)))), draw)
    assert validate_record(data) == []
    return data


def assert_inert_and_valid(payload: dict[str, Any], surface: str = "message") -> None:
    assert markup_problems(payload) == []
    assert block_kit_problems(payload, surface) == []  # type: ignore[arg-type]
    assert not any("<" in text for text in all_text(payload))


@pytest.mark.slow  # hypothesis, hundreds of examples: the full run keeps it, the inner loop skips it
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_records(), hostile_text, st.integers(0, 99), st.integers(0, 99))
def test_payloads_from_hostile_records_are_inert(data: dict[str, Any], name: str, quote: int, day: int) -> None:
    specimen = specimen_from_data(data)
    assert_inert_and_valid(card_preview(specimen, quote, day, {"x"}))
    assert_inert_and_valid(shared_card(specimen, quote, day, name, "U0ANN"))
    assert_inert_and_valid(quote_preview(specimen, quote))
    assert_inert_and_valid(day_preview(specimen, day))
    assert_inert_and_valid(shared_quote(specimen, quote, name))
    assert_inert_and_valid(shared_day(specimen, day, name))
    assert_inert_and_valid(full_file_payload(specimen), "modal")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300) | hostile_text, st.lists(hostile_text, max_size=8))
def test_replies_to_hostile_queries_are_inert(query: str, titles: list[str]) -> None:
    suggestions = [Suggestion(title, f"slug-{i}", i * 10) for i, title in enumerate(titles)]
    assert_inert_and_valid(did_you_mean(query, suggestions))
    assert_inert_and_valid(miss_card(query, suggestions))
    assert_inert_and_valid(error_message(query))


def test_the_classic_pings_show_escaped() -> None:
    for query in ("<!channel>", "<@U123>", "<https://x|y>"):
        payload = miss_card(query, [])
        escaped = query.replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in payload["blocks"][0]["text"]["text"]
        assert_inert_and_valid(payload)


def test_the_safety_check_itself_catches_raw_markup() -> None:
    bad = {
        "text": "hi <!here>",
        "link_names": 1,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "a & b"}},
            {"type": "context", "elements": [{"type": "plain_text", "text": "<@U1>"}]},
        ],
    }
    problems = markup_problems(bad)
    assert "link_names: must not be set" in problems
    assert "text: holds a raw <; escape it as &lt;" in problems
    assert "blocks[0].text.text: holds a bare &; escape it as &amp;" in problems
    assert "blocks[0].text: mrkdwn without verbatim: true" in problems
    assert "blocks[1].elements[0].text: holds a raw <; escape it as &lt;" in problems
