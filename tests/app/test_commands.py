"""`/specimen` end to end: the app as a real server process, signed requests, Slack's Web API stand-in."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from bot.core.ids import (
    ACTION_CANCEL,
    ACTION_FULL_FILE,
    ACTION_PICK,
    ACTION_SHARE,
    ACTION_SHARED_MENU,
    ACTION_SHUFFLE,
)
from bot.store.store import Store
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from tests.support import payloads
from tests.support.faults import Fault
from tests.support.server import AppServer
from tests.support.signing import FORM
from tests.support.workspace import User

TITLE = "Junior Machine Learning Engineer"


def texts(payload: Any) -> list[str]:
    """Every text string anywhere in a payload."""
    found: list[str] = []
    if isinstance(payload, dict):
        for key, value in payload.items():
            if key == "text" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(texts(value))
    elif isinstance(payload, list):
        for item in payload:
            found.extend(texts(item))
    return found


def buttons(payload: dict[str, Any]) -> dict[str, list[str]]:
    """action_id → the values of its buttons, in order."""
    found: dict[str, list[str]] = {}
    for block in payload.get("blocks", []):
        elements = block.get("elements", []) if block.get("type") == "actions" else [block.get("accessory") or {}]
        for element in elements:
            if element.get("type") == "button":
                found.setdefault(element["action_id"], []).append(element.get("value", ""))
    return found


def command(app_server: AppServer, text: str, **fields: str) -> dict[str, Any]:
    exchange = app_server.post_command(text, **fields)
    assert exchange.status == 200, exchange.text
    payload = exchange.json()
    assert block_kit_problems(payload, "message") == []
    return payload


def test_title_alias_and_typo_answer_with_the_card_preview(app_server: AppServer) -> None:
    for query in ("Junior Machine Learning Engineer", "ai apprentice", "jr ml eng", "Junior Machine Learnig Enginer"):
        payload = command(app_server, query)
        assert payload["response_type"] == "ephemeral"
        header = payload["blocks"][0]
        assert header["type"] == "header"
        assert header["text"]["text"] == TITLE
        assert {ACTION_SHARE, ACTION_SHUFFLE, ACTION_CANCEL, ACTION_FULL_FILE} <= set(buttons(payload))
        assert TITLE in payload["text"]
    assert app_server.api.calls("chat.postMessage") == []  # answered in the HTTP response itself


def test_the_card_carries_every_section_of_the_record(app_server: AppServer) -> None:
    joined = "\n".join(texts(command(app_server, "junior ml engineer")))
    for fact in (
        "What does a Junior Machine Learning Engineer actually do?",
        "AI Apprentice",
        "Innovation Hubs",
        "$146,027",
        "Salary quoted for United States",
        "▰▰▰▰▰▰▰▰▱▱",
        "85%",
        "Often hired on hype",
        "Accuracy Bump on Test Set",
        "Jupyter Notebooks",
        "Smile and nod",
        "Collaborate with senior engineers",
        "Transforms poorly formatted CSVs",
        "Enterprise Architect",
        "Satire",
    ):
        assert fact in joined, fact


def test_empty_text_and_help_show_help_list_shows_the_catalog(app_server: AppServer) -> None:
    for text in ("", "help"):
        assert "/specimen daily on" in "\n".join(texts(command(app_server, text)))
    assert TITLE in "\n".join(texts(command(app_server, "list")))


def test_quote_and_day_previews_have_send_shuffle_cancel(app_server: AppServer) -> None:
    for text in ("quote", "quote ai apprentice", "day", "day jr ml eng"):
        payload = command(app_server, text)
        assert {ACTION_SHARE, ACTION_SHUFFLE, ACTION_CANCEL} <= set(buttons(payload)), text
        state = json.loads(buttons(payload)[ACTION_SHARE][0])
        assert state["k"] == text.split()[0]


def test_unrelated_title_gets_a_miss_card_and_is_counted(app_server: AppServer) -> None:
    payload = command(app_server, "Registered Nurse")
    assert "Registered Nurse" in "\n".join(texts(payload))
    assert payload["blocks"][0].get("text", {}).get("text") != TITLE
    command(app_server, "registered  nurse", user_id="U0CAROL")
    app_server.settle()
    store = Store.open(f"sqlite:///{app_server.log_dir / 'specimen.db'}")
    try:
        counted = store.top_asked(payloads.TEAM_ID)
    finally:
        store.close()
    assert [(a.normalized_query, a.people) for a in counted] == [("registered nurse", 2)]


@pytest.mark.parametrize("hostile", ["<!channel>", "<@U123>", "<https://x|y>", "@here & <b>", "<!subteam^S1>"])
def test_hostile_text_is_shown_inert(app_server: AppServer, hostile: str) -> None:
    payload = command(app_server, hostile)
    assert markup_problems(payload) == []
    for text in texts(payload):
        assert "<" not in text, text
    assert "&lt;" in json.dumps(payload)


def test_share_posts_in_channel_through_response_url_then_removes_the_preview(app_server: AppServer) -> None:
    preview = command(app_server, "jr ml eng")
    state = buttons(preview)[ACTION_SHARE][0]
    url = app_server.api.issue_response_url()
    exchange = app_server.post_action(ACTION_SHARE, value=state, response_url=url, is_ephemeral=True)
    assert exchange.status == 200
    posts = wait_for_posts(app_server, url, 2)
    shared, removal = posts[0].params, posts[1].params
    assert shared["response_type"] == "in_channel"
    assert shared.get("replace_original") is False
    assert shared["blocks"][0]["text"]["text"] == TITLE
    assert ACTION_SHARE not in buttons(shared) and ACTION_FULL_FILE in buttons(shared)
    assert any("shared by" in t.lower() for t in texts(shared))
    assert removal.get("delete_original") is True
    # the shared card shows the same quote and day-log entry as the preview
    quote = [t for t in texts(shared) if t.startswith("*The burn ward*")]
    assert quote and quote == [t for t in texts(preview) if t.startswith("*The burn ward*")]
    assert len(shared["blocks"]) <= 12 and sum(len(t) for t in texts(shared)) <= 2600  # one screen, text included


def shared_post(app_server: AppServer, message_ts: str = "1700000000.000100") -> tuple[str, dict[str, Any], str]:
    """Share a preview once: the preview's state, the in_channel post, and the preview's message_ts."""
    preview = command(app_server, "jr ml eng")
    state = buttons(preview)[ACTION_SHARE][0]
    url = app_server.api.issue_response_url()
    container = {"type": "message", "message_ts": message_ts, "channel_id": "C0GENERAL", "is_ephemeral": True}
    assert (
        app_server.post_action(
            ACTION_SHARE, value=state, response_url=url, is_ephemeral=True, container=container
        ).status
        == 200
    )
    return state, wait_for_posts(app_server, url, 2)[0].params, message_ts


def test_a_double_click_on_share_posts_once(app_server: AppServer) -> None:
    state, _, message_ts = shared_post(app_server, "1700000000.000200")
    second = app_server.api.issue_response_url()
    container = {"type": "message", "message_ts": message_ts, "channel_id": "C0GENERAL", "is_ephemeral": True}
    again = app_server.post_action(
        ACTION_SHARE, value=state, response_url=second, is_ephemeral=True, container=container
    )
    assert again.status == 200
    app_server.settle()
    assert app_server.api.response_posts(second) == []  # the first click shared it; this one posts nothing


def test_only_the_sharer_can_remove_a_shared_post(app_server: AppServer) -> None:
    _, post, _ = shared_post(app_server, "1700000000.000300")
    [menu] = [e for b in post["blocks"] if b["type"] == "actions" for e in b["elements"] if e["type"] == "overflow"]
    option = menu["options"][0]
    for user, expected in (("U0BOB", "Only the person who shared this post can remove it."), (payloads.USER_ID, None)):
        url = app_server.api.issue_response_url()
        action = {"type": "overflow", "action_id": ACTION_SHARED_MENU, "block_id": "b1", "selected_option": option}
        click = payloads.block_actions(ACTION_SHARED_MENU, api=app_server.api, user_id=user, response_url=url)
        click["actions"] = [action]
        assert app_server.post_interaction(click).status == 200
        app_server.settle()
        [reply] = app_server.api.response_posts(url)
        if expected:
            assert expected in json.dumps(reply.params) and reply.params.get("replace_original") is False
        else:
            assert reply.params.get("delete_original") is True


def test_shuffle_replaces_the_preview_and_cancel_deletes_it(app_server: AppServer) -> None:
    preview = command(app_server, "jr ml eng")
    state = json.loads(buttons(preview)[ACTION_SHUFFLE][0])
    url = app_server.api.issue_response_url()
    app_server.post_action(ACTION_SHUFFLE, value=json.dumps(state), response_url=url, is_ephemeral=True)
    [post] = wait_for_posts(app_server, url, 1)
    assert post.params["replace_original"] is True
    new_state = json.loads(buttons(post.params)[ACTION_SHUFFLE][0])
    assert (new_state["q"], new_state["d"]) != (state["q"], state["d"])
    url = app_server.api.issue_response_url()
    app_server.post_action(ACTION_CANCEL, value=json.dumps(new_state), response_url=url, is_ephemeral=True)
    [post] = wait_for_posts(app_server, url, 1)
    assert post.params["delete_original"] is True


def test_full_file_opens_a_modal_with_every_entry(app_server: AppServer) -> None:
    trigger = app_server.api.issue_trigger()
    slug = "junior-machine-learning-engineer"
    app_server.post_action(ACTION_FULL_FILE, value=slug, trigger_id=trigger)
    [call] = app_server.api.wait_for("views.open")
    assert call.ok, call.reply
    view = call.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert block_kit_problems(view, "modal") == []
    joined = "\n".join(texts(view))
    for fact in ("Hyperparameter Tweaking Séance", "Documentation & README.md Expansion", "teamblind.com"):
        assert fact.replace("&", "&amp;") in joined or fact in joined, fact
    assert "organizational hierarchy" in joined
    assert "r/learnmachinelearning" in joined


def test_pick_from_did_you_mean_replaces_the_preview(app_server: AppServer) -> None:
    url = app_server.api.issue_response_url()
    app_server.post_action(ACTION_PICK, value="junior-machine-learning-engineer", response_url=url, is_ephemeral=True)
    [post] = wait_for_posts(app_server, url, 1)
    assert post.params["replace_original"] is True
    assert post.params["blocks"][0]["text"]["text"] == TITLE


def test_tampered_button_value_gets_a_clear_reply(app_server: AppServer) -> None:
    url = app_server.api.issue_response_url()
    app_server.post_action(ACTION_SHARE, value='{"k":"card","s":"../../etc"}', response_url=url)
    [post] = wait_for_posts(app_server, url, 1)
    assert "out of date" in "\n".join(texts(post.params))
    assert post.params.get("response_type", "ephemeral") == "ephemeral"


@pytest.mark.parametrize(("secret", "skew"), [("wrong-secret", 0), (None, -310), (None, 310)])
def test_forged_requests_get_401_and_run_nothing(app_server: AppServer, secret: str | None, skew: int) -> None:
    tamper: dict[str, object] = {"timestamp": int(time.time()) + skew}
    if secret:
        tamper["secret"] = secret

    body = payloads.form_body(payloads.slash_command("jr ml eng", api=app_server.api))
    response = app_server.post_raw(body, FORM, **tamper)
    assert response.status == 401
    assert app_server.api.calls() == []


def test_health_endpoint(app_server: AppServer) -> None:
    response = app_server.get("/healthz")
    assert response.status == 200
    assert response.json()["records"] >= 1


def wait_for_posts(app_server: AppServer, url: str, count: int, timeout: float = 5.0) -> list[Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        posts = app_server.api.response_posts(url)
        if len(posts) >= count:
            return posts
        time.sleep(0.02)
    raise AssertionError(f"expected {count} response_url posts, got {app_server.api.response_posts(url)}")


@pytest.mark.parametrize(("fault", "byline"), [(None, "Shared by Grace Hopper"), ("user_not_found", "Shared by ada")])
def test_share_byline_is_the_display_name(app_server: AppServer, fault: str | None, byline: str) -> None:
    app_server.api.workspace.users[payloads.USER_ID] = User(payloads.USER_ID, "Grace Hopper", "UTC")
    if fault:
        app_server.api.inject("users.info", Fault.error(fault))
    state = buttons(command(app_server, "jr ml eng"))[ACTION_SHARE][0]
    url = app_server.api.issue_response_url()
    app_server.post_action(ACTION_SHARE, value=state, response_url=url, is_ephemeral=True)
    shared = wait_for_posts(app_server, url, 2)[0].params
    assert any(t.startswith(byline) for t in texts(shared))
