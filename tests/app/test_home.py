"""App Home end to end: the app as a real server process, signed events and interactions, the Web API stand-in."""

from __future__ import annotations

import json
import threading
import time as time_module
from datetime import UTC, datetime, time
from typing import Any

import pytest

from bot.core.blocks.text import units
from bot.core.daily.schedule import Days, Kind, Schedule
from bot.core.ids import (
    ACTION_FULL_FILE,
    ACTION_HOME_SEARCH,
    ACTION_POST_TO,
    BLOCK_POST_TO,
    VIEW_FULL_FILE,
    VIEW_HOME,
    VIEW_HOME_FILE,
)
from bot.core.records.loader import load_catalog
from bot.store.store import Store
from bot.testing.block_kit import block_kit_problems
from tests.support import payloads
from tests.support.faults import Fault
from tests.support.paths import RECORDS
from tests.support.server import AppServer
from tests.support.slack_api import Call
from tests.support.web_methods import views_publish
from tests.support.workspace import TEAM_ID, USER_ID

SLUG = "junior-machine-learning-engineer"
TITLE = "Junior Machine Learning Engineer"
NINE_DAILY = Schedule(time(9, 0), "Europe/Berlin", Days.EVERY_DAY)


def open_home(app_server: AppServer, **event_fields: Any) -> dict[str, Any]:
    """Send ``app_home_opened`` and return the view the app published (checked against Block Kit's limits)."""
    before = len(app_server.api.calls("views.publish"))
    exchange = app_server.post_event(payloads.app_home_opened(**event_fields))
    assert exchange.status == 200, exchange.text
    call = app_server.api.wait_for("views.publish", before + 1)[-1]
    return published(call)


def published(call: Call) -> dict[str, Any]:
    assert call.ok, call.reply
    assert call.params["user_id"] == USER_ID
    view = call.params["view"]
    assert block_kit_problems(view, "home") == []
    return view


def stored_home(app_server: AppServer) -> dict[str, Any]:
    """The Home view as Slack holds it (id, hash...), for interactions that come from it."""
    return app_server.api.workspace.home_views[USER_ID]


def no_more_calls(app_server: AppServer, method: str, count: int) -> None:
    """Nothing beyond ``count`` calls of ``method`` arrives (a bounded wait: the app works after its answer)."""
    with pytest.raises(AssertionError):
        app_server.api.wait_for(method, count + 1, timeout=1.0)


def test_home_opened_publishes_the_index_after_the_event_is_acknowledged(app_server: AppServer) -> None:
    api = app_server.api
    acknowledged = threading.Event()
    seen_after_ack: list[bool] = []

    def publish_once_acknowledged(ws: Any, params: dict[str, Any]) -> dict[str, Any]:
        # A publish made before the HTTP answer would wait here in vain: the test sets the flag only once answered.
        seen_after_ack.append(acknowledged.wait(5))
        return views_publish(ws, params)

    api.on("views.publish", publish_once_acknowledged)
    try:
        exchange = app_server.post_event(payloads.app_home_opened())
        acknowledged.set()
        assert exchange.status == 200
        view = published(api.wait_for("views.publish")[0])
    finally:
        api.on("views.publish", views_publish)
    assert seen_after_ack == [True]
    assert view["type"] == "home" and view["callback_id"] == VIEW_HOME
    text = json.dumps(view, ensure_ascii=False)
    assert TITLE in text and "▰▰▰▰▰▰▰▰▱▱" in text and "Today's quote" in text
    buttons = [b["accessory"] for b in view["blocks"] if (b.get("accessory") or {}).get("type") == "button"]
    first_page = sorted(load_catalog(RECORDS, None), key=lambda s: (s.title.casefold(), s.slug))[:20]
    assert [(b["action_id"], b["value"]) for b in buttons] == [(ACTION_FULL_FILE, s.slug) for s in first_page]
    assert stored_home(app_server)["callback_id"] == VIEW_HOME  # the stand-in accepted and kept it


def test_the_messages_tab_publishes_nothing(app_server: AppServer) -> None:
    exchange = app_server.post_event(payloads.app_home_opened(tab="messages"))
    assert exchange.status == 200
    no_more_calls(app_server, "views.publish", 0)


def test_subscriptions_and_misses_of_this_workspace_are_shown(app_server: AppServer) -> None:
    now = datetime.now(UTC)
    store = Store.open(f"sqlite:///{app_server.log_dir / 'specimen.db'}")
    try:
        for channel_id, team_id in (("C0HOMEDAILY", TEAM_ID), ("C0ELSEWHERE", "T0OTHER")):
            store.subscribe(
                channel_id=channel_id, team_id=team_id, user_id=None, schedule=NINE_DAILY, kind=Kind.QUOTES, now=now
            )

        def ask(team: str, user: str, query: str, public: bool = True) -> None:
            store.record_ask(team, user, query, public=public, requested=False, now=now)

        for user in ("U1", "U2", "U3"):
            ask(TEAM_ID, user, "pizza chef")
            ask(TEAM_ID, user, "asked in private channels only", public=False)
        for _ in range(2):
            ask(TEAM_ID, "U1", "<!channel> boss")
        ask(TEAM_ID, "U2", "<!channel> boss")
        ask(TEAM_ID, "U1", "asked by one person")
        ask(TEAM_ID, "U1", "asked by one person")
        for user in ("U1", "U2"):
            ask("T0OTHER", user, "not ours")
    finally:
        store.close()
    text = json.dumps(open_home(app_server), ensure_ascii=False)
    assert "<#C0HOMEDAILY>: a quote at 09:00 Europe/Berlin, every day — next *" in text
    assert "C0ELSEWHERE" not in text and "not ours" not in text
    assert "“pizza chef” — 3 people" in text
    assert "&lt;!channel&gt; boss” — 2 people" in text and "<!channel>" not in text
    assert "asked by one person" not in text  # one person's searches are never shown to the whole workspace
    assert "private channels only" not in text  # nor titles typed only where others could not see them


def test_a_search_answers_options_within_slacks_limits(app_server: AppServer) -> None:
    view = open_home(app_server)
    for typed in ("jr ml", "ai apprentice", "Junior Machine Learnig"):
        body = payloads.block_suggestion(ACTION_HOME_SEARCH, typed, view=stored_home(app_server))
        exchange = app_server.post_interaction(body)
        assert exchange.status == 200, exchange.text
        options = exchange.json()["options"]
        assert options[0]["value"] == SLUG, typed
        assert units(options[0]["text"]["text"]) <= 75
    assert view["private_metadata"] == "1"


@pytest.mark.parametrize("typed", ["<!channel>", "x" * 5000, "zzzz qqqq", "  "])
def test_any_typed_text_gets_a_valid_answer(app_server: AppServer, typed: str) -> None:
    open_home(app_server)
    exchange = app_server.post_interaction(
        payloads.block_suggestion(ACTION_HOME_SEARCH, typed, view=stored_home(app_server))
    )
    assert exchange.status == 200, exchange.text
    options = exchange.json()["options"]
    assert len(options) <= 100
    for option in options:
        assert units(option["text"]["text"]) <= 75 and len(option["value"]) <= 150


def test_picking_a_search_result_opens_its_full_file(app_server: AppServer) -> None:
    open_home(app_server)
    home = stored_home(app_server)
    answer = app_server.post_interaction(payloads.block_suggestion(ACTION_HOME_SEARCH, "jr ml", view=home)).json()
    chosen = answer["options"][0]
    pick = payloads.view_block_actions(
        home, payloads.external_select_action(ACTION_HOME_SEARCH, chosen), api=app_server.api
    )
    assert app_server.post_interaction(pick).status == 200
    opened = app_server.api.wait_for("views.open")[0]
    assert opened.ok, opened.reply
    assert opened.params["view"]["callback_id"] == VIEW_HOME_FILE
    assert opened.params["view"]["private_metadata"] == SLUG
    assert opened.params["view"]["submit"]["text"] == "Share"  # a find on the Home tab can be shared


def test_a_file_found_on_the_home_tab_is_shared_in_the_channel_picked(app_server: AppServer) -> None:
    app_server.api.workspace.set_channel("C0OUTSIDE", name="outside", member=False)
    for channel, outcome in (
        ("C0GENERAL", "Shared in <#C0GENERAL>."),
        ("C0OUTSIDE", "I'm not a member of <#C0OUTSIDE>"),
    ):
        app_server.api.reset()
        open_home(app_server)
        home = stored_home(app_server)
        option = app_server.post_interaction(payloads.block_suggestion(ACTION_HOME_SEARCH, "scrum", view=home))
        pick = payloads.view_block_actions(
            home, payloads.external_select_action(ACTION_HOME_SEARCH, option.json()["options"][0]), api=app_server.api
        )
        assert app_server.post_interaction(pick).status == 200
        [opened] = app_server.api.wait_for("views.open")
        stored = opened.reply["view"]
        values = {BLOCK_POST_TO: {ACTION_POST_TO: {"type": "conversations_select", "selected_conversation": channel}}}
        submission = payloads.view_submission(
            VIEW_HOME_FILE, values=values, private_metadata="scrum-master", view_id=stored["id"], api=app_server.api
        )
        answer = app_server.post_interaction(submission).json()
        assert answer["response_action"] == "update" and f"Sharing in <#{channel}>" in json.dumps(answer["view"])
        app_server.settle()
        [update] = app_server.api.calls("views.update")
        assert outcome in json.dumps(update.params["view"])
        posts = [c for c in app_server.api.calls("chat.postMessage") if c.ok]
        if channel == "C0GENERAL":
            assert posts[-1].params["blocks"][0]["text"]["text"] == "Scrum Master"
        else:
            assert posts == []


@pytest.mark.parametrize("value", ["no-such-specimen", "../etc/passwd", ""])
def test_a_pick_of_no_specimen_opens_nothing(app_server: AppServer, value: str) -> None:
    open_home(app_server)
    option = {"text": {"type": "plain_text", "text": "Forged"}, "value": value}
    pick = payloads.view_block_actions(
        stored_home(app_server), payloads.external_select_action(ACTION_HOME_SEARCH, option), api=app_server.api
    )
    assert app_server.post_interaction(pick).status == 200
    no_more_calls(app_server, "views.open", 0)


def test_the_full_file_button_on_home_opens_the_modal(app_server: AppServer) -> None:
    open_home(app_server)
    click = payloads.view_block_actions(
        stored_home(app_server), payloads.button_action(ACTION_FULL_FILE, SLUG, text="Full file"), api=app_server.api
    )
    assert app_server.post_interaction(click).status == 200
    opened = app_server.api.wait_for("views.open")[0]
    assert opened.ok, opened.reply
    assert opened.params["view"]["callback_id"] == VIEW_FULL_FILE


def test_a_reopen_passes_the_views_hash_and_a_conflict_is_not_an_error(app_server: AppServer) -> None:
    open_home(app_server)
    shown = stored_home(app_server)
    conflict = Fault("hash_conflict", body=json.dumps({"ok": False, "error": "hash_conflict"}).encode())
    app_server.api.inject("views.publish", conflict)
    before = len(app_server.api.calls("views.publish"))
    assert app_server.post_event(payloads.app_home_opened(view=shown)).status == 200
    call = app_server.api.wait_for("views.publish", before + 1)[-1]
    assert call.params["hash"] == shown["hash"] and call.fault == "hash_conflict"
    assert logged_without_traceback(app_server, "changed meanwhile")
    assert open_home(app_server, view=stored_home(app_server))["type"] == "home"  # and the next one goes through


def logged_without_traceback(app_server: AppServer, line: str) -> bool:
    """Whether the app logged ``line`` (it logs after the publish call returns; polled for up to 5 s)."""
    deadline = time_module.monotonic() + 5
    while time_module.monotonic() < deadline:
        if line in app_server.stderr():
            return "Traceback" not in app_server.stderr().split(line)[-1]
        time_module.sleep(0.02)
    return False


def test_a_private_channels_daily_post_is_listed_only_to_its_subscriber(app_server: AppServer) -> None:
    now = datetime.now(UTC)
    app_server.api.workspace.set_channel("C0SECRET", name="secret-plans", private=True)
    app_server.api.workspace.set_channel("G0OLDPRIV", name="old-private")
    app_server.api.workspace.set_channel("C0TOWNHALL", name="townhall")
    store = Store.open(f"sqlite:///{app_server.log_dir / 'specimen.db'}")
    try:
        for channel_id, user in (("C0SECRET", "U0BOB"), ("G0OLDPRIV", "U0BOB"), ("C0TOWNHALL", "U0BOB")):
            store.subscribe(
                channel_id=channel_id, team_id=TEAM_ID, user_id=user, schedule=NINE_DAILY, kind=Kind.QUOTES, now=now
            )
    finally:
        store.close()
    others = json.dumps(open_home(app_server), ensure_ascii=False)  # USER_ID did not subscribe them
    assert "C0TOWNHALL" in others and "C0SECRET" not in others and "G0OLDPRIV" not in others
    before = len(app_server.api.calls("views.publish"))
    assert app_server.post_event(payloads.app_home_opened("U0BOB")).status == 200
    bobs = json.dumps(app_server.api.wait_for("views.publish", before + 1)[-1].params["view"], ensure_ascii=False)
    assert "C0SECRET" in bobs and "G0OLDPRIV" in bobs and "C0TOWNHALL" in bobs
