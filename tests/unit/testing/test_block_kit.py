from __future__ import annotations

import json

import pytest

from bot.core.cards.full_file import full_file_payload
from bot.core.cards.replies import Suggestion, did_you_mean, error_message, help_message, list_message, miss_card
from bot.core.cards.snippets import day_preview, quote_preview, shared_day, shared_quote
from bot.core.cards.specimen import card_preview, shared_card
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Catalog
from bot.testing.block_kit import block_kit_problems
from bot.testing.synthetic import synthetic_record_data
from tests.support.block_kit import message_block_errors, view_errors  # the stand-in's own checker: a second opinion
from tests.support.cards import seed_specimen, worst_case_specimens


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def section(text: str, **extra: object) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}, **extra}


def message(*blocks: dict, text: str = "fallback") -> dict:
    return {"text": text, "blocks": list(blocks)}


def button(label: str = "Go", **extra: object) -> dict:
    return {"type": "button", "text": plain(label), "action_id": "a", **extra}


def test_a_good_message_has_no_problems() -> None:
    payload = message({"type": "header", "text": plain("Title")}, section("hi"), {"type": "divider"})
    assert block_kit_problems(payload) == []


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (message(*[section("x")] * 51), "blocks: has 51 blocks; 1 to 50 allowed"),
        (message({"type": "header", "text": plain("h" * 151)}), "blocks[0].text.text: is 151 characters; at most 150"),
        (message({"type": "header", "text": {"type": "mrkdwn", "text": "h"}}), "must be plain_text"),
        (message(section("s" * 3001)), "blocks[0].text.text: is 3001 characters; at most 3000"),
        (message(section("😀" * 1501)), "is 3002 characters; at most 3000"),
        (message(section("")), "blocks[0].text.text: is empty"),
        (message(section("  ")), "blocks[0].text.text: is empty"),
        (message({"type": "section", "fields": [plain("f")] * 11}), "blocks[0].fields: must be a list of 1 to 10"),
        (message({"type": "section", "fields": [plain("f" * 2001)]}), "fields[0].text: is 2001 characters"),
        (message({"type": "section"}), "blocks[0].text: is required but missing"),
        (message({"type": "context", "elements": [plain("c")] * 11}), "must be a list of 1 to 10 elements"),
        (message({"type": "actions", "elements": [button()] * 26}), "must be a list of 1 to 25 elements"),
        (message({"type": "actions", "elements": [button(), button()]}), "'a' repeats within the block"),
        (message({"type": "actions", "elements": [button("b" * 76)]}), "elements[0].text.text: is 76 characters"),
        (message({"type": "actions", "elements": [button(value="v" * 2001)]}), "elements[0].value: is 2001"),
        (message({"type": "actions", "elements": [button(action_id="i" * 256)]}), "action_id: is 256 characters"),
        (message({"type": "actions", "elements": [button(style="loud")]}), "must be primary or danger"),
        (message(section("x", block_id="b"), section("y", block_id="b")), "'b' is used by another block"),
        (message(section("x", block_id="i" * 256)), "block_id: is 256 characters"),
        (message({"type": "sectoin"}), "unknown block type 'sectoin'"),
        (message(section("x"), text=""), "text: is empty; give a fallback"),
        ({"text": "x", "blocks": [section("x")], "link_names": True}, "link_names: must not be set"),
        (message(*[section("t" * 2500)] * 5), "characters of text; at most 12000"),
        (message({"type": "markdown", "text": "m" * 12_001}), "at most 12000"),
        (message({"type": "section", "text": {"type": "mrkdwn", "text": "x", "emoji": True}}), "only allowed on plain"),
        (
            message(
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "static_select",
                            "action_id": "s",
                            "options": [{"text": plain("o" * 76), "value": "v" * 151}],
                        }
                    ],
                }
            ),
            "options[0].text.text: is 76 characters",
        ),
    ],
)
def test_each_message_limit_is_caught(payload: dict, expected: str) -> None:
    problems = block_kit_problems(payload)
    assert any(expected in p for p in problems), problems


def modal(*blocks: dict, **extra: object) -> dict:
    return {"type": "modal", "title": plain("File"), "blocks": list(blocks), **extra}


@pytest.mark.parametrize(
    ("view", "surface", "expected"),
    [
        (modal(*[section("x")] * 101), "modal", "has 101 blocks; 1 to 100 allowed"),
        (modal(), "modal", "has 0 blocks"),
        ({**modal(section("x")), "title": plain("t" * 25)}, "modal", "title.text: is 25 characters; at most 24"),
        ({**modal(section("x")), "title": None}, "modal", "title: is required"),
        (modal(section("x"), close=plain("c" * 25)), "modal", "close.text: is 25 characters"),
        (modal(section("x"), private_metadata="p" * 3001), "modal", "private_metadata: is 3001"),
        (modal(section("x"), callback_id="c" * 256), "modal", "callback_id: is 256"),
        (
            modal({"type": "input", "label": plain("L"), "element": {"type": "plain_text_input", "action_id": "i"}}),
            "modal",
            "submit: is required",
        ),
        (modal(*[section("x" * 2900)] * 99), "modal", "bytes of JSON; at most 250,000"),
        (modal(section("x")), "home", "type: must be 'home'"),
        ({"type": "home", "blocks": [section("x")], "close": plain("c")}, "home", "not allowed on a Home tab"),
    ],
)
def test_each_view_limit_is_caught(view: dict, surface: str, expected: str) -> None:
    problems = block_kit_problems(view, surface)  # type: ignore[arg-type]
    assert any(expected in p for p in problems), problems


def test_a_home_tab_with_up_to_100_blocks_is_fine() -> None:
    assert block_kit_problems({"type": "home", "blocks": [section("x")] * 100}, "home") == []


def every_payload(specimen, known=frozenset()) -> list[tuple[str, dict]]:
    return [
        ("message", card_preview(specimen, 99, 99, known)),
        ("message", shared_card(specimen, 0, 1, "N" * 4000, "U" + "9" * 30)),
        ("message", quote_preview(specimen, 7)),
        ("message", day_preview(specimen, 8)),
        ("message", shared_quote(specimen, 9, "<!here>" * 600)),
        ("message", shared_day(specimen, 10, None)),
        ("modal", full_file_payload(specimen)),
    ]


def second_opinion(surface: str, payload: dict) -> list[str]:
    return message_block_errors(payload["blocks"]) if surface == "message" else view_errors(payload)


@pytest.mark.parametrize("name", sorted(worst_case_specimens()))
def test_worst_case_records_stay_within_every_limit(name: str) -> None:
    specimen = worst_case_specimens()[name]
    known = frozenset(r.slug for r in specimen.related if r.slug)
    for surface, payload in every_payload(specimen, known):
        assert block_kit_problems(payload, surface) == [], surface  # type: ignore[arg-type]
        assert second_opinion(surface, payload) == []


def test_worst_case_card_summarises_what_it_dropped() -> None:
    payload = card_preview(worst_case_specimens()["words"], 0, 0, frozenset())
    text = json.dumps(payload)
    assert "more in the full file" in text
    assert len(payload["blocks"]) <= 50


def test_seed_payloads_stay_within_every_limit() -> None:
    for surface, payload in every_payload(seed_specimen()):
        assert block_kit_problems(payload, surface) == []  # type: ignore[arg-type]
        assert second_opinion(surface, payload) == []


def test_replies_stay_within_limits_with_huge_input() -> None:
    catalog = Catalog(tuple(specimen_from_data(synthetic_record_data(i)) for i in range(1000)))
    many = [Suggestion("S" * 4000, f"slug-{i}", 99.6) for i in range(50)]
    for payload in (
        list_message(catalog),
        list_message(Catalog(())),
        did_you_mean("q" * 10_000, many),
        did_you_mean("q", []),
        miss_card("<!channel>" * 1000, many),
        miss_card("", []),
        help_message(),
        error_message("e" * 10_000),
        error_message(""),
    ):
        assert block_kit_problems(payload) == []
        assert second_opinion("message", payload) == []
