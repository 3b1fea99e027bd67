"""A miss leads somewhere: the miss card counts the guide, offers the closest specimens and Request this specimen;
what people asked for reaches the Home tab only when two different people asked where others could see it."""

from __future__ import annotations

import json
from typing import Any

from bot.core.ids import ACTION_LIST_OPEN, ACTION_PICK, ACTION_REQUEST
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from tests.support import payloads
from tests.support.inprocess import InProcessApp
from tests.support.workspace import USER_ID

DM = {"channel_id": "D0ADA", "channel_name": "directmessage"}
PRIVATE = {"channel_id": "C0SECRET", "channel_name": "privategroup"}


def slash(app: InProcessApp, text: str, user: str = USER_ID, **where: str) -> dict[str, Any]:
    exchange = app.post_command(text, user_id=user, **where)
    assert exchange.status == 200, exchange.text
    payload = exchange.json()
    assert block_kit_problems(payload, "message") == [] and markup_problems(payload) == []
    return payload


def home_text(app: InProcessApp, user: str = "U0BOB") -> str:
    app.settle()
    before = len(app.api.calls("views.publish"))
    assert app.post_event(payloads.app_home_opened(user)).status == 200
    call = app.api.wait_for("views.publish", before + 1)[-1]
    assert call.ok and call.params["user_id"] == user
    return json.dumps(call.params["view"], ensure_ascii=False)


def buttons(payload: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for block in payload["blocks"]:
        elements = block.get("elements", []) if block["type"] == "actions" else [block.get("accessory") or {}]
        found += [(e["action_id"], e.get("value", "")) for e in elements if e.get("type") == "button"]
    return found


def test_a_miss_card_counts_the_guide_and_offers_closest_specimens_and_a_request(app_server: InProcessApp) -> None:
    payload = slash(app_server, "Quantum Pastry Architect")
    text = json.dumps(payload, ensure_ascii=False)
    assert "No specimen matches “Quantum Pastry Architect”." in text and "The field guide holds 31 specimens." in text
    offered = [value for action, value in buttons(payload) if action == ACTION_PICK]
    assert 1 <= len(offered) <= 3
    assert (ACTION_REQUEST, "quantum pastry architect") in buttons(payload)


def test_a_title_with_nothing_close_still_offers_specimens_to_meet(app_server: InProcessApp) -> None:
    payload = slash(app_server, "zzyzx qwfp")
    assert "Nothing close. Meet one of these instead:" in json.dumps(payload)
    assert len([a for a, _ in buttons(payload) if a == ACTION_PICK]) == 3


def test_dm_searches_never_reach_anyones_home_tab(app_server: InProcessApp) -> None:
    for _ in range(2):
        slash(app_server, "john smith is useless", **DM)
    slash(app_server, "john smith is useless", user="U0CAROL", **DM)
    slash(app_server, "john smith is useless", user="U0DAVE", **PRIVATE)
    text = home_text(app_server)
    assert "john smith" not in text


def test_public_misses_show_once_two_different_people_asked(app_server: InProcessApp) -> None:
    for _ in range(3):
        slash(app_server, "Pizza Chef")
    assert "pizza chef" not in home_text(app_server)  # one person's repeats count once
    slash(app_server, "pizza  chef", user="U0CAROL")
    assert "“pizza chef” — 2 people" in home_text(app_server)


def test_request_is_stored_once_per_person_and_thanked_privately(app_server: InProcessApp) -> None:
    payload = slash(app_server, "Llama Whisperer", **DM)
    value = dict(buttons(payload))[ACTION_REQUEST]
    for expected in ("is on this workspace's request list", "already requested"):
        url = app_server.api.issue_response_url("D0ADA")
        click = payloads.block_actions(
            ACTION_REQUEST, value=value, api=app_server.api, channel_id="D0ADA", is_ephemeral=True, response_url=url
        )
        assert app_server.post_interaction(click).status == 200
        app_server.settle()
        [reply] = app_server.api.response_posts(url)
        assert expected in json.dumps(reply.params, ensure_ascii=False)
        assert reply.params.get("replace_original") is False  # the miss card and its buttons stay
    assert "llama whisperer" not in home_text(app_server)  # one requester so far
    other = payloads.block_actions(
        ACTION_REQUEST, value=value, api=app_server.api, user_id="U0CAROL", is_ephemeral=True
    )
    assert app_server.post_interaction(other).status == 200
    assert "“llama whisperer” — 2 people" in home_text(app_server)  # requested: shown, though typed in a DM


def test_a_forged_request_value_changes_nothing(app_server: InProcessApp) -> None:
    for value in ("", "x" * 101, "a\x00b", "\x9b31m"):
        forged = payloads.block_actions(ACTION_REQUEST, value=value, api=app_server.api, is_ephemeral=True)
        assert app_server.post_interaction(forged).status == 200
    app_server.settle()
    for call in app_server.api.response_posts():
        assert "out of date" in json.dumps(call.params)


def test_the_list_opens_any_specimen_from_its_select(app_server: InProcessApp) -> None:
    listed = slash(app_server, "list")
    [select] = [e for b in listed["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert select["action_id"] == ACTION_LIST_OPEN
    typed = app_server.post_interaction(payloads.message_block_suggestion(ACTION_LIST_OPEN, ""))
    options = typed.json()["options"]
    titles = [o["text"]["text"] for o in options]
    assert titles == sorted(titles, key=str.casefold) and len(options) == 31
    narrowed = app_server.post_interaction(payloads.message_block_suggestion(ACTION_LIST_OPEN, "scrum"))
    option = narrowed.json()["options"][0]
    assert option["value"] == "scrum-master"
    url = app_server.api.issue_response_url()
    pick = payloads.block_actions(
        ACTION_LIST_OPEN, api=app_server.api, is_ephemeral=True, response_url=url,
        actions=[payloads.external_select_action(ACTION_LIST_OPEN, option)],
    )  # fmt: skip
    assert app_server.post_interaction(pick).status == 200
    app_server.settle()
    [card] = app_server.api.response_posts(url)
    assert card.params["replace_original"] is True
    assert card.params["blocks"][0]["text"]["text"] == "Scrum Master"
