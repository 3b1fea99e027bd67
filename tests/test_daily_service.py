"""`/specimen daily …` end to end against a real store: what changes, and what the user reads."""

# ruff: noqa: F811 - the backend/store fixtures are imported from test_store_backends

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.cards.limits import block_kit_problems
from bot.cards.safety import markup_problems
from bot.daily.replies import pause_notice
from bot.daily.schedule import Days, Kind
from bot.daily.service import handle_daily
from bot.store import Store
from tests.test_store_backends import backend, store  # noqa: F401 - fixtures

FRIDAY_EVENING = datetime(2026, 3, 27, 18, 0, tzinfo=UTC)  # 19:00 in Berlin, the weekend before the DST change


def daily(store: Store, text: str, *, tz: str | None = "Europe/Berlin", now: datetime = FRIDAY_EVENING) -> str:
    reply = handle_daily(store, text, channel_id="C1", team_id="T1", user_id="U1", user_tz=tz, now=now)
    assert reply["response_type"] == "ephemeral"
    assert block_kit_problems(reply) == []
    assert markup_problems(reply) == []
    return str(reply["text"])


def test_on_with_no_options_uses_the_defaults_and_says_when_the_first_post_comes(store: Store) -> None:
    text = daily(store, "on")
    sub = store.subscription("C1")
    assert sub is not None
    assert (sub.schedule.at, sub.schedule.zone, sub.schedule.days, sub.kind) == (
        time(9, 0),
        "Europe/Berlin",
        Days.WEEKDAYS,
        Kind.QUOTES,
    )
    assert sub.user_id == "U1" and sub.team_id == "T1"
    assert "Daily posts are on for this channel: a quote at 09:00 Europe/Berlin, weekdays." in text
    assert "Next post: *Monday 30 March 2026 at 09:00* (Europe/Berlin, CEST)." in text
    assert "/invite @specimen" in text


def test_on_with_options_sets_them(store: Store) -> None:
    daily(store, "on 07:15 America/New_York every day day-log")
    sub = store.subscription("C1")
    assert sub is not None
    assert (sub.schedule.at, sub.schedule.zone, sub.schedule.days, sub.kind) == (
        time(7, 15),
        "America/New_York",
        Days.EVERY_DAY,
        Kind.DAY_LOG,
    )


def test_changing_one_option_keeps_the_others(store: Store) -> None:
    daily(store, "on 07:15 Asia/Tokyo every day")
    text = daily(store, "on 10:00", tz="America/Los_Angeles")
    sub = store.subscription("C1")
    assert sub is not None
    assert (sub.schedule.at, sub.schedule.zone, sub.schedule.days) == (time(10, 0), "Asia/Tokyo", Days.EVERY_DAY)
    assert "updated" in text


def test_a_bad_time_changes_nothing_and_explains(store: Store) -> None:
    text = daily(store, "on 25:00")
    assert text == "`25:00` is not a time — try `/specimen daily on 09:30 Europe/Berlin`"
    assert store.subscription("C1") is None


def test_without_a_zone_from_slack_or_the_command_the_user_is_asked_for_one(store: Store) -> None:
    assert "couldn't read your time zone" in daily(store, "on", tz=None)
    assert store.subscription("C1") is None
    daily(store, "on Europe/Paris", tz=None)
    sub = store.subscription("C1")
    assert sub is not None and sub.schedule.zone == "Europe/Paris"


def test_status_shows_the_next_post_in_the_channel_zone(store: Store) -> None:
    assert "has no daily posts" in daily(store, "status")
    daily(store, "on 08:00 Pacific/Auckland")
    text = daily(store, "status")
    assert "This channel gets a quote at 08:00 Pacific/Auckland, weekdays." in text
    assert "Next post: *Monday 30 March 2026 at 08:00* (Pacific/Auckland, NZDT)." in text


def test_skip_skips_the_next_post_only(store: Store) -> None:
    daily(store, "on")
    text = daily(store, "skip")
    assert "Skipping the post of *Monday 30 March 2026*." in text
    assert "Next post: *Tuesday 31 March 2026 at 09:00*" in text
    assert "Next post: *Wednesday 1 April 2026 at 09:00*" in daily(store, "skip")


def test_skip_without_a_subscription_says_so(store: Store) -> None:
    assert "has no daily posts" in daily(store, "skip")


def test_off_stops_and_says_so_and_is_harmless_twice(store: Store) -> None:
    daily(store, "on")
    assert "off for this channel" in daily(store, "off")
    assert store.subscription("C1") is None
    assert "nothing to turn off" in daily(store, "off")


def test_a_paused_channel_says_why_and_on_resumes_it(store: Store) -> None:
    daily(store, "on")
    store.pause("C1", "not_in_channel", FRIDAY_EVENING)
    text = daily(store, "status")
    assert "*paused*: I'm not a member of that channel" in text
    assert "/invite @specimen" in text
    assert "resumed" in daily(store, "on", now=FRIDAY_EVENING + timedelta(days=1))
    sub = store.subscription("C1")
    assert sub is not None and sub.paused is None


def test_a_command_from_a_stopped_workspace_resumes_its_posts(store: Store) -> None:
    store.block_team("T1", "invalid_auth", FRIDAY_EVENING)
    daily(store, "on")
    assert store.blocked_teams() == {}


def test_help_lists_the_syntax(store: Store) -> None:
    text = daily(store, "help")
    assert "weekdays|every day" in text and "quotes|day-log" in text


@pytest.mark.parametrize("reason", ["not_in_channel", "channel_not_found", "is_archived", "something_new"])
def test_the_pause_dm_names_the_channel_and_the_fix(reason: str) -> None:
    text = pause_notice("C0GENERAL", reason)
    assert "<#C0GENERAL>" in text
    assert "`/invite @specimen`" in text and "`/specimen daily on`" in text


def test_the_pause_dm_never_embeds_a_malformed_channel_id() -> None:
    assert "<" not in pause_notice("<!channel>", "not_in_channel")
