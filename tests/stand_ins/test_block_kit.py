"""The stand-in's Block Kit rules: each limit accepts its maximum and rejects one more."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.block_kit import message_block_errors, view_errors


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def button(text: str = "Go", *, action_id: str = "go", value: str = "v") -> dict[str, Any]:
    return {"type": "button", "text": plain(text), "action_id": action_id, "value": value}


def section(text: str = "hi") -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(text)}


def select(option_text: str = "one", option_value: str = "1") -> dict[str, Any]:
    return {
        "type": "static_select",
        "action_id": "pick",
        "options": [{"text": plain(option_text), "value": option_value}],
    }


# (name, blocks at the limit, blocks one past it, json pointer expected in the error)
LIMITS: list[tuple[str, Any, Any, str]] = [
    ("header 150", [{"type": "header", "text": plain("h" * 150)}], [{"type": "header", "text": plain("h" * 151)}],
     "/blocks/0/text/text"),
    ("section text 3000", [section("s" * 3000)], [section("s" * 3001)], "/blocks/0/text/text"),
    ("section 10 fields", [{"type": "section", "fields": [mrkdwn("f")] * 10}],
     [{"type": "section", "fields": [mrkdwn("f")] * 11}], "/blocks/0/fields"),
    ("field 2000", [{"type": "section", "fields": [mrkdwn("f" * 2000)]}],
     [{"type": "section", "fields": [mrkdwn("f" * 2001)]}], "/blocks/0/fields/0/text"),
    ("context 10", [{"type": "context", "elements": [mrkdwn("c")] * 10}],
     [{"type": "context", "elements": [mrkdwn("c")] * 11}], "/blocks/0/elements"),
    ("actions 25", [{"type": "actions", "elements": [button(action_id=f"a{i}") for i in range(25)]}],
     [{"type": "actions", "elements": [button(action_id=f"a{i}") for i in range(26)]}], "/blocks/0/elements"),
    ("button text 75", [{"type": "actions", "elements": [button("b" * 75)]}],
     [{"type": "actions", "elements": [button("b" * 76)]}], "/blocks/0/elements/0/text/text"),
    ("button value 2000", [{"type": "actions", "elements": [button(value="v" * 2000)]}],
     [{"type": "actions", "elements": [button(value="v" * 2001)]}], "/blocks/0/elements/0/value"),
    ("action_id 255", [{"type": "actions", "elements": [button(action_id="a" * 255)]}],
     [{"type": "actions", "elements": [button(action_id="a" * 256)]}], "/blocks/0/elements/0/action_id"),
    ("block_id 255", [{**section(), "block_id": "b" * 255}], [{**section(), "block_id": "b" * 256}],
     "/blocks/0/block_id"),
    ("option text 75", [{"type": "actions", "elements": [select(option_text="o" * 75)]}],
     [{"type": "actions", "elements": [select(option_text="o" * 76)]}], "/blocks/0/elements/0/options/0/text/text"),
    ("option value 150", [{"type": "actions", "elements": [select(option_value="v" * 150)]}],
     [{"type": "actions", "elements": [select(option_value="v" * 151)]}], "/blocks/0/elements/0/options/0/value"),
    ("50 blocks", [section()] * 50, [section()] * 51, "/blocks"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "at_limit", "past_limit", "pointer"), LIMITS, ids=[row[0] for row in LIMITS])
def test_limit_accepts_maximum_and_rejects_one_more(name: str, at_limit: Any, past_limit: Any, pointer: str) -> None:
    assert message_block_errors(at_limit) == []
    errors = message_block_errors(past_limit)
    assert errors, name
    assert any(error.endswith(f"[json-pointer:{pointer}]") for error in errors), errors


@pytest.mark.parametrize(
    "blocks",
    [
        [section("")],
        [{"type": "header", "text": plain("")}],
        [{"type": "section", "fields": [mrkdwn("")]}],
        [{"type": "context", "elements": [plain("")]}],
        [{"type": "actions", "elements": [button("")]}],
    ],
)
def test_empty_text_objects_are_rejected(blocks: list[dict[str, Any]]) -> None:
    errors = message_block_errors(blocks)
    assert any(error.startswith("must be more than 0 characters") for error in errors), errors


def test_other_structural_rules() -> None:
    assert message_block_errors([{"type": "header", "text": mrkdwn("*bold*")}]), "header must be plain_text"
    assert message_block_errors([{"type": "no_such_block"}]), "unknown block type"
    assert message_block_errors([{**section(), "block_id": "x"}, {**section(), "block_id": "x"}]), "duplicate id"
    assert message_block_errors([{"type": "section"}]), "section needs text or fields"
    assert message_block_errors([{"type": "actions", "elements": [button(), button()]}]), "duplicate action_id"
    assert message_block_errors([{"type": "section", "text": {"type": "mrkdwn", "text": "x", "emoji": True}}])
    assert message_block_errors("not a list")
    assert message_block_errors([{"type": "divider"}, {"type": "image", "image_url": "https://x/y.png"}])


def modal(**fields: Any) -> dict[str, Any]:
    return {"type": "modal", "title": plain("Specimen"), "blocks": [section()], **fields}


def test_modal_limits() -> None:
    assert view_errors(modal()) == []
    assert view_errors(modal(title=plain("t" * 24))) == []
    assert view_errors(modal(title=plain("t" * 25)))[0].endswith("[json-pointer:/view/title/text]")
    assert view_errors(modal(blocks=[section()] * 100)) == []
    assert view_errors(modal(blocks=[section()] * 101))
    assert view_errors(modal(private_metadata="m" * 3000)) == []
    assert view_errors(modal(private_metadata="m" * 3001))
    assert view_errors(modal(callback_id="c" * 255)) == []
    assert view_errors(modal(callback_id="c" * 256))
    assert view_errors(modal(submit=plain("s" * 25)))
    assert view_errors({"type": "modal", "blocks": []}), "a modal needs a title"


def test_modal_with_input_needs_submit_and_home_has_none() -> None:
    input_block = {"type": "input", "label": plain("Title"), "element": {"type": "plain_text_input", "action_id": "t"}}
    assert view_errors(modal(blocks=[input_block]))
    assert view_errors(modal(blocks=[input_block], submit=plain("Find"))) == []
    home = {"type": "home", "blocks": [section()] * 100}
    assert view_errors(home, expected_type="home") == []
    assert view_errors({**home, "blocks": [section()] * 101}, expected_type="home")
    assert view_errors({**home, "submit": plain("No")}, expected_type="home")
    assert view_errors(home, expected_type="modal")
