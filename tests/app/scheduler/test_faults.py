"""The clock's fault handling against the Web API stand-in: 5xx and timeouts, 429, channels that refuse posts,
dead tokens, missing history scope."""

# ruff: noqa: F811 - the api/client/clock fixtures are imported from test_scheduler

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.store import Store
from tests.app.scheduler.test_passes import (  # noqa: F401 - fixtures
    FRIDAY_DUE,
    SETTINGS,
    FakeClock,
    api,
    client,
    clock,
    ledger_state,
    posts,
    run,
    subscribe,
)
from tests.support.faults import Fault
from tests.support.slack_api import SlackApi
from tests.support.workspace import TEAM_ID


def test_a_send_that_never_reached_slack_is_sent_after_checking_history(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    subscribe(store, "C0GENERAL")
    clock.set(FRIDAY_DUE)
    api.inject("chat.postMessage", Fault.server_error(503))
    report = run(client, store, clock)
    assert report.posted == 0
    assert ledger_state(store, "C0GENERAL", date(2026, 3, 27))[0] == "sending"
    clock.set(FRIDAY_DUE + SETTINGS.recheck_after)
    report = run(client, store, clock)
    assert (report.recovered, report.posted) == (0, 1)
    assert len(api.calls("conversations.history")) == 1
    assert len(posts(api)) == 1


def test_a_timeout_after_slack_stored_the_post_is_settled_from_history_not_resent(
    store: Store, api: SlackApi, clock: FakeClock
) -> None:
    impatient = WebClient(token=api.bot_token, base_url=api.base_url, timeout=0.3, retry_handlers=[])
    subscribe(store, "C0GENERAL")
    clock.set(FRIDAY_DUE)
    api.inject("chat.postMessage", Fault.delayed(1.0))  # Slack stores it, but only after the client gave up
    report = run(impatient, store, clock)
    assert report.posted == 0
    api.wait_for("chat.postMessage", 1)
    assert ledger_state(store, "C0GENERAL", date(2026, 3, 27))[0] == "sending"
    clock.set(FRIDAY_DUE + SETTINGS.recheck_after)
    report = run(impatient, store, clock)
    assert (report.recovered, report.posted) == (1, 0)
    assert len(posts(api)) == 1


def test_without_history_access_a_maybe_sent_post_is_never_sent_again(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    subscribe(store, "C0GENERAL")
    clock.set(FRIDAY_DUE)
    api.inject("chat.postMessage", Fault.server_error(500))
    run(client, store, clock)
    api.inject("conversations.history", Fault.error("missing_scope", needed="channels:history"))
    clock.set(FRIDAY_DUE + SETTINGS.recheck_after)
    with caplog.at_level(logging.WARNING, "bot.slack.scheduler"):
        report = run(client, store, clock)
    assert report.unconfirmed == 1
    state, _, detail = ledger_state(store, "C0GENERAL", date(2026, 3, 27))
    assert state == "unconfirmed" and "channels:history" in (detail or "")
    clock.set(FRIDAY_DUE + timedelta(minutes=30))
    run(client, store, clock)
    assert posts(api) == []


def test_a_429_holds_only_that_workspace_and_retries_after_retry_after(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    subscribe(store, "CAAA", team="TA")
    subscribe(store, "CBBB", team="TB")
    clock.set(FRIDAY_DUE)
    api.inject("chat.postMessage", Fault.rate_limited(7))  # the first post (CAAA, sorted first) is refused
    report = run(client, store, clock)
    assert report.posted == 2
    assert clock.slept == [7]
    attempts = [(c.params["channel"], c.status) for c in api.calls("chat.postMessage")]
    assert attempts == [("CAAA", 429), ("CBBB", 200), ("CAAA", 200)]
    assert len(posts(api, "CAAA")) == 1


def test_a_long_retry_after_hands_the_post_back_for_a_later_pass(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    subscribe(store, "C0GENERAL")
    clock.set(FRIDAY_DUE)
    api.inject("chat.postMessage", Fault.rate_limited(600))
    report = run(client, store, clock)
    assert (report.posted, report.retry_later) == (0, 1)
    assert clock.slept == []
    assert ledger_state(store, "C0GENERAL", date(2026, 3, 27))[0] == "claimed"
    clock.set(FRIDAY_DUE + timedelta(seconds=599))
    assert run(client, store, clock).posted == 0
    clock.set(FRIDAY_DUE + timedelta(seconds=600))
    assert run(client, store, clock).posted == 1
    assert api.calls("conversations.history") == []  # a 429 is a certain "not stored"


@pytest.mark.parametrize(
    ("setting", "error"),
    [
        ({"member": False}, "not_in_channel"),
        ({"exists": False}, "channel_not_found"),
        ({"archived": True}, "is_archived"),
    ],
)
def test_a_channel_that_refuses_posts_is_paused_and_the_subscriber_told(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock, setting: dict, error: str
) -> None:
    api.workspace.set_channel("C0GONE", **setting)
    subscribe(store, "C0GONE", user="U0ADA")
    clock.set(FRIDAY_DUE)
    report = run(client, store, clock)
    assert (report.posted, report.paused, report.failed) == (0, 1, 1)
    sub = store.subscription(TEAM_ID, "C0GONE")
    assert sub is not None and sub.paused == error
    assert ledger_state(store, "C0GONE", date(2026, 3, 27))[:1] == ("failed",)
    (dm,) = [c.params for c in api.calls("chat.postMessage") if c.params["channel"] == "U0ADA"]
    assert "<#C0GONE>" in dm["text"] and "/invite @specimen" in dm["text"]
    clock.set(datetime(2026, 3, 30, 7, 0, tzinfo=UTC))  # Monday: still paused
    assert run(client, store, clock).busy() is False


def test_invalid_auth_stops_the_workspace_and_is_logged_once(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    for channel in ("C1", "C2", "C3"):
        subscribe(store, channel, team="T0DEAD")
    subscribe(store, "C4", team=TEAM_ID)
    clock.set(FRIDAY_DUE)
    api.inject("chat.postMessage", Fault.error("invalid_auth"))
    with caplog.at_level(logging.ERROR, "bot.slack.scheduler"):
        run(client, store, clock)
        clock.set(FRIDAY_DUE + timedelta(minutes=1))
        run(client, store, clock)
    assert [c.params["channel"] for c in api.calls("chat.postMessage")] == ["C1", "C4"]
    assert [r.getMessage() for r in caplog.records if "stopped" in r.getMessage()] == [
        "Slack said invalid_auth for workspace T0DEAD: its daily posts are stopped"
    ]
    assert store.blocked_teams() == {"T0DEAD": "invalid_auth"}
    # The token works again (a clock restart checks auth.test for its own workspace; here: a command arrived).
    store.unblock_team("T0DEAD")
    clock.set(FRIDAY_DUE + timedelta(minutes=2))
    assert run(client, store, clock).posted == 3
