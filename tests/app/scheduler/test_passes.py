"""The clock against the Web API stand-in: one post per channel and local date through DST, races and crashes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from bot.core.cards.daily_post import EVENT_TYPE
from bot.core.daily.model import PostState
from bot.core.daily.schedule import Days, Kind, Schedule
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Catalog
from bot.slack.scheduler import EnvSubscription, PosterSettings, post_due, run_clock
from bot.store import Store
from bot.store.tables import post_ledger
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from bot.testing.synthetic import synthetic_record_data
from tests.support.slack_api import SlackApi
from tests.support.workspace import TEAM_ID, Workspace

if TYPE_CHECKING:
    from conftest import Backend

BERLIN = "Europe/Berlin"
FRIDAY_0700_UTC = datetime(2026, 3, 27, 7, 0, tzinfo=UTC)
FRIDAY_DUE = datetime(2026, 3, 27, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
CATALOG = Catalog(tuple(specimen_from_data(synthetic_record_data(i)) for i in range(5)))
SETTINGS = PosterSettings()


class FakeClock:
    """The injected clock: tests move it; the poster's ``sleep`` moves it too (and records what it waited)."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)

    def set(self, now: datetime) -> None:
        self.now = now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FRIDAY_0700_UTC)


@pytest.fixture
def api(clock: FakeClock) -> Iterator[SlackApi]:
    with SlackApi(workspace=Workspace(clock=lambda: clock().timestamp())) as stand_in:
        yield stand_in


@pytest.fixture
def client(api: SlackApi) -> WebClient:
    return WebClient(token=api.bot_token, base_url=api.base_url, retry_handlers=[])


def subscribe(store: Store, channel: str, *, team: str = TEAM_ID, user: str | None = "U0ADA", **kw) -> None:
    store.subscribe(
        channel_id=channel,
        team_id=team,
        user_id=user,
        schedule=Schedule(kw.get("at", time(9, 0)), kw.get("zone", BERLIN), kw.get("days", Days.WEEKDAYS)),
        kind=kw.get("kind", Kind.QUOTES),
        now=kw.get("now", FRIDAY_0700_UTC),
    )


def run(client: WebClient, store: Store, clock: FakeClock, token: str = "clock-a", **settings):
    return post_due(
        client,
        store,
        CATALOG,
        clock=clock,
        settings=PosterSettings(**settings) if settings else SETTINGS,
        sleep=clock.sleep,
        token=token,
    )


def posts(api: SlackApi, channel: str | None = None) -> list[dict]:
    """Messages accepted by chat.postMessage (not DMs), optionally in one channel."""
    return [
        c.params
        for c in api.calls("chat.postMessage")
        if c.ok and (channel is None or c.params["channel"] == channel) and "metadata" in c.params
    ]


def ledger_state(store: Store, channel: str, day: date) -> tuple[str, str | None, str | None]:
    with store.engine.begin() as conn:
        row = conn.execute(
            select(post_ledger.c.state, post_ledger.c.message_ts, post_ledger.c.detail).where(
                post_ledger.c.channel_id == channel, post_ledger.c.local_date == day
            )
        ).one()
    return row.state, row.message_ts, row.detail


def test_a_due_post_is_sent_once_with_its_metadata_and_recorded(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    subscribe(store, "C0GENERAL")
    assert run(client, store, clock).posted == 0  # 08:00 in Berlin: not yet
    clock.set(FRIDAY_DUE + timedelta(seconds=5))
    report = run(client, store, clock)
    assert report.posted == 1
    (sent,) = posts(api)
    assert sent["channel"] == "C0GENERAL"
    assert sent["metadata"] == {
        "event_type": EVENT_TYPE,
        "event_payload": {"channel": "C0GENERAL", "local_date": "2026-03-27"},
    }
    assert sent["unfurl_links"] is False and sent["unfurl_media"] is False
    assert block_kit_problems(sent) == [] and markup_problems(sent) == []
    assert "“" in str(sent["blocks"])  # a burn-ward quote
    assert "This channel's daily specimen" in str(sent["blocks"]) and "/specimen daily off` stops it" in str(
        sent["blocks"]
    )
    assert " of " not in sent["text"].split("—")[-1] or "burn ward of" in sent["text"]  # no "4 of 4"
    state, ts, _ = ledger_state(store, "C0GENERAL", date(2026, 3, 27))
    assert state == "posted" and ts
    clock.set(FRIDAY_DUE + timedelta(minutes=1))
    assert run(client, store, clock).posted == 0
    assert len(posts(api)) == 1


def test_day_log_subscriptions_post_day_log_entries(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    subscribe(store, "C0GENERAL", kind=Kind.DAY_LOG)
    clock.set(FRIDAY_DUE)
    run(client, store, clock)
    assert "A day in the life of" in posts(api)[0]["text"]


def test_posts_follow_local_nine_across_the_march_dst_change(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    subscribe(store, "C0GENERAL", days=Days.EVERY_DAY)
    clock.set(datetime(2026, 3, 27, 0, 0, tzinfo=UTC))
    while clock.now < datetime(2026, 3, 31, 0, 0, tzinfo=UTC):
        run(client, store, clock)
        clock.sleep(60 * 5)
    sent = [datetime.fromtimestamp(c.time, UTC) for c in api.calls("chat.postMessage")]
    assert sent == [
        datetime(2026, 3, 27, 8, 0, tzinfo=UTC),  # Friday, CET
        datetime(2026, 3, 28, 8, 0, tzinfo=UTC),  # Saturday, CET
        datetime(2026, 3, 29, 7, 0, tzinfo=UTC),  # Sunday: clocks went forward at 02:00
        datetime(2026, 3, 30, 7, 0, tzinfo=UTC),  # Monday, CEST
    ]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Spring forward: 02:30 does not exist on 29 March; the post goes out at 03:00 CEST (01:00 UTC).
        (
            datetime(2026, 3, 28, 0, 0, tzinfo=UTC),
            [(3, 28, 1, 30), (3, 29, 1, 0), (3, 30, 0, 30)],
        ),
        # Fall back: 02:30 happens twice on 25 October; the post goes out once, at the first (00:30 UTC).
        (
            datetime(2026, 10, 24, 0, 0, tzinfo=UTC),
            [(10, 24, 0, 30), (10, 25, 0, 30), (10, 26, 1, 30)],
        ),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_a_0230_subscription_posts_once_a_day_through_dst_changes(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock, start: datetime, expected: list[tuple[int, ...]]
) -> None:
    subscribe(store, "C0GENERAL", at=time(2, 30), days=Days.EVERY_DAY, now=start)
    clock.set(start)
    while clock.now < start + timedelta(days=3):
        run(client, store, clock)
        clock.sleep(15 * 60)
    sent = [datetime.fromtimestamp(c.time, UTC) for c in api.calls("chat.postMessage")]
    assert sent == [datetime(2026, month, day, hour, minute, tzinfo=UTC) for month, day, hour, minute in expected]


def test_two_clocks_and_a_one_shot_pass_post_each_channel_once(
    backend: Backend, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    setup = backend.open()
    for n in range(40):
        subscribe(setup, f"C{n:03d}")
    setup.close()
    clock.set(FRIDAY_DUE + timedelta(seconds=1))
    errors: list[BaseException] = []

    def clock_process(token: str) -> None:
        own = backend.open()
        try:
            post_due(
                client, own, CATALOG, clock=clock, sleep=clock.sleep, token=token, settings=PosterSettings(batch_size=5)
            )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=clock_process, args=(name,)) for name in ("clock-a", "clock-b", "one-shot")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    channels = sorted(p["channel"] for p in posts(api))
    assert channels == [f"C{n:03d}" for n in range(40)]


def test_a_crash_after_slack_accepted_the_post_does_not_post_it_again(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(store, "C0GENERAL")
    clock.set(FRIDAY_DUE)
    real_set_state = Store.set_state

    def crash_on_posted(self: Store, claim, state: PostState, **kwargs):  # type: ignore[no-untyped-def]
        if state is PostState.POSTED:
            raise ConnectionError("database went away just after Slack accepted the post")
        return real_set_state(self, claim, state, **kwargs)

    monkeypatch.setattr(Store, "set_state", crash_on_posted)
    with pytest.raises(ConnectionError):
        run(client, store, clock)
    monkeypatch.setattr(Store, "set_state", real_set_state)
    assert len(posts(api)) == 1
    assert ledger_state(store, "C0GENERAL", date(2026, 3, 27))[0] == "sending"
    clock.set(FRIDAY_DUE + timedelta(minutes=1))  # a restarted clock, before the lease ran out: hands off
    assert run(client, store, clock, token="clock-b").busy() is False
    clock.set(FRIDAY_DUE + SETTINGS.lease + timedelta(seconds=1))
    report = run(client, store, clock, token="clock-b")
    assert (report.recovered, report.posted) == (1, 0)
    assert len(posts(api)) == 1
    state, ts, detail = ledger_state(store, "C0GENERAL", date(2026, 3, 27))
    assert state == "posted" and ts == api.calls("chat.postMessage")[0].reply["ts"] and detail == "found in history"
    history = api.calls("conversations.history")[0].params
    assert history["include_all_metadata"] in (True, "true", "1", 1)


def test_a_crash_before_sending_posts_after_the_lease_without_reading_history(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    subscribe(store, "C0GENERAL")
    clock.set(FRIDAY_DUE)
    store.claim_due(now=clock(), grace=SETTINGS.grace, lease=SETTINGS.lease, limit=10, token="dead-clock")
    clock.set(FRIDAY_DUE + SETTINGS.lease)
    assert run(client, store, clock).posted == 1
    assert api.calls("conversations.history") == []


def test_a_clock_that_starts_after_the_grace_window_logs_the_missed_post(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    subscribe(store, "C0GENERAL")
    clock.set(FRIDAY_DUE + timedelta(hours=2, minutes=1))
    with caplog.at_level(logging.WARNING, "bot.slack.scheduler"):
        report = run(client, store, clock)
    assert (report.posted, report.missed) == (0, 1)
    assert "missed" in caplog.text
    assert posts(api) == []


def test_a_shorter_grace_window_is_respected(store: Store, api: SlackApi, client: WebClient, clock: FakeClock) -> None:
    subscribe(store, "C0GENERAL")
    clock.set(FRIDAY_DUE + timedelta(minutes=11))
    assert run(client, store, clock, grace=timedelta(minutes=10)).missed == 1


def test_run_clock_upserts_the_env_channel_and_wakes_on_minute_boundaries(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock
) -> None:
    clock.set(FRIDAY_DUE - timedelta(minutes=2, seconds=-17))  # 07:58:17 UTC
    waits: list[float] = []

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        clock.sleep(seconds)
        return False

    env = EnvSubscription("C0GENERAL", Schedule(time(9, 0), BERLIN, Days.WEEKDAYS))
    run_clock(client, store, CATALOG, clock=clock, env=env, wait=wait, max_passes=4)
    assert waits == [43.0, 60.0, 60.0]
    sub = store.subscription(TEAM_ID, "C0GENERAL")
    assert sub is not None and sub.team_id == TEAM_ID and sub.user_id is None
    (sent,) = api.calls("chat.postMessage")
    assert datetime.fromtimestamp(sent.time, UTC) == FRIDAY_DUE
    assert api.calls("auth.test")


def test_run_clock_keeps_going_when_a_pass_fails(
    store: Store, api: SlackApi, client: WebClient, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        raise ConnectionError("database restarting")

    monkeypatch.setattr("bot.slack.scheduler.clock.post_due", flaky)
    run_clock(client, store, CATALOG, clock=clock, wait=lambda s: clock.sleep(s) or False, max_passes=3)
    assert len(calls) == 3
