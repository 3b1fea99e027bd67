"""Reading what people type (through the app): keyword forms only when the rest parses, help on a topic, any command
name the workspace chose, and replies that read well."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.core.ids import ACTION_SHUFFLE
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from tests.support.inprocess import InProcessApp


def slash(app: InProcessApp, text: str, **fields: str) -> dict[str, Any]:
    exchange = app.post_command(text, **fields)
    assert exchange.status == 200, exchange.text
    payload = exchange.json()
    assert block_kit_problems(payload, "message") == [] and markup_problems(payload) == []
    return payload


def shown(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)


@pytest.mark.parametrize("text", ["day trader", "quote unquote enjoyer", "daily standup facilitator", "list maker"])
def test_a_keyword_with_a_rest_that_does_not_parse_is_a_title_echoed_as_typed(
    app_server: InProcessApp, text: str
) -> None:
    assert f"No specimen matches “{text}”." in shown(slash(app_server, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("quote of the day", "burn ward of"),
    ("day in the life", "A day in the life of"),
    ("day in the life of a scrum master", "A day in the life of a Scrum Master"),
    ("list all", "The field guide: 31 specimens"),
    ("help me", "help: every command"),
])  # fmt: skip
def test_what_people_write_for_the_keyword_forms(app_server: InProcessApp, text: str, expected: str) -> None:
    assert expected in slash(app_server, text)["text"]


def test_help_names_the_shortcuts_the_home_tab_and_its_topics(app_server: InProcessApp) -> None:
    text = shown(slash(app_server, "help"))
    for part in ("Identify specimen", "Look up a specimen", "Home tab", "help &lt;topic&gt;", "daily unskip"):
        assert part in text, part
    daily = shown(slash(app_server, "help daily"))
    assert "Daily posts" in daily and "9am" in daily and "No specimen matches" not in daily


def test_a_command_installed_under_another_name_is_answered_in_its_own_words(app_server: InProcessApp) -> None:
    payload = slash(app_server, "pizza chef", command="/specimen-dev")
    text = shown(payload)
    assert "/specimen-dev list" in text and "/specimen list" not in text
    card = slash(app_server, "jr ml eng", command="/fieldguide")
    assert card["blocks"][0]["text"]["text"] == "Junior Machine Learning Engineer"


def test_shuffle_is_offered_only_where_there_is_another_entry(app_server: InProcessApp) -> None:
    preview = slash(app_server, "quote jr ml eng")
    actions = [e["action_id"] for b in preview["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert ACTION_SHUFFLE in actions  # four quotes: there is another


def test_a_day_in_the_life_fallback_uses_the_right_article(app_server: InProcessApp) -> None:
    for text, expected in (("day sdet", "an SDET"), ("day account executive", "an Account Executive")):
        assert expected in slash(app_server, text)["text"]
