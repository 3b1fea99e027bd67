"""`/specimen daily …` end to end against a real store: what changes, and what the user reads."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.core.answers.daily import handle_daily
from bot.core.cards.daily import pause_notice
from bot.core.daily.channels import is_direct_message
from bot.core.daily.schedule import Days, Kind, Schedule
from bot.store import Store
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems

FRIDAY_EVENING = datetime(2026, 3, 27, 18, 0, tzinfo=UTC)  # 19:00 in Berlin, the weekend before the DST change


def daily(
    store: Store,
    text: str,
    *,
    tz: str | None = "Europe/Berlin",
    now: datetime = FRIDAY_EVENING,
    channel_id: str = "C1",
    channel_name: str | None = "general",
) -> str:
    reply = handle_daily(
        store, text, channel_id=channel_id, channel_name=channel_name, team_id="T1", user_id="U1", user_tz=tz, now=now
    )
    assert reply["response_type"] == "ephemeral"
    assert block_kit_problems(reply) == []
    assert markup_problems(reply) == []
    return str(reply["text"])


def test_on_with_no_options_uses_the_defaults_and_says_when_the_first_post_comes(store: Store) -> None:
    text = daily(store, "on")
    sub = store.subscription("T1", "C1")
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
    sub = store.subscription("T1", "C1")
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
    sub = store.subscription("T1", "C1")
    assert sub is not None
    assert (sub.schedule.at, sub.schedule.zone, sub.schedule.days) == (time(10, 0), "Asia/Tokyo", Days.EVERY_DAY)
    assert "updated" in text


def test_a_bad_time_changes_nothing_and_explains(store: Store) -> None:
    text = daily(store, "on 25:00")
    assert text == "`25:00` is not a time — try `/specimen daily on 09:30 Europe/Berlin`"
    assert store.subscription("T1", "C1") is None


def test_without_a_zone_from_slack_or_the_command_the_user_is_asked_for_one(store: Store) -> None:
    assert "couldn't read your time zone" in daily(store, "on", tz=None)
    assert store.subscription("T1", "C1") is None
    daily(store, "on Europe/Paris", tz=None)
    sub = store.subscription("T1", "C1")
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
    assert store.subscription("T1", "C1") is None
    assert "nothing to turn off" in daily(store, "off")


def test_a_paused_channel_says_why_and_on_resumes_it(store: Store) -> None:
    daily(store, "on")
    store.pause("T1", "C1", "not_in_channel", FRIDAY_EVENING)
    text = daily(store, "status")
    assert "*paused*: I'm not a member of that channel" in text
    assert "/invite @specimen" in text
    assert "resumed" in daily(store, "on", now=FRIDAY_EVENING + timedelta(days=1))
    sub = store.subscription("T1", "C1")
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


NOT_A_CHANNEL = "Daily posts go to channels: run this in the channel that should get them, after `/invite @specimen`."


@pytest.mark.parametrize(
    ("channel_id", "channel_name"),
    [("D0ADA", "directmessage"), ("D0ADA", None), ("G0GROUP", "mpdm-ada--bob--eve-1"), ("C0GROUP", "mpdm-ada--bob-1")],
    ids=["dm", "dm-without-name", "group-dm-g", "group-dm-c"],
)
def test_daily_on_in_a_dm_or_group_dm_is_refused_and_changes_nothing(
    store: Store, channel_id: str, channel_name: str | None
) -> None:
    for text in ("on", "on 07:00 Europe/Paris every day"):
        assert daily(store, text, channel_id=channel_id, channel_name=channel_name) == NOT_A_CHANNEL
    assert store.subscription("T1", channel_id) is None


def test_status_and_off_still_work_in_a_dm(store: Store) -> None:
    """A subscription made in a DM before `daily on` was refused there can still be seen and turned off."""
    schedule = Schedule(time(9, 0), "Europe/Berlin", Days.WEEKDAYS)
    store.subscribe(
        channel_id="D0ADA", team_id="T1", user_id="U1", schedule=schedule, kind=Kind.QUOTES, now=FRIDAY_EVENING
    )
    assert "This channel gets a quote at 09:00" in daily(store, "status", channel_id="D0ADA", channel_name="x")
    assert "off for this channel" in daily(store, "off", channel_id="D0ADA", channel_name="directmessage")
    assert store.subscription("T1", "D0ADA") is None
    assert "Daily posts go to channels" in daily(store, "status", channel_id="D0ADA", channel_name="directmessage")


def test_daily_on_works_in_a_private_channel(store: Store) -> None:
    assert "Daily posts are on" in daily(store, "on", channel_id="G0PRIVATE", channel_name="secret-plans")
    assert store.subscription("T1", "G0PRIVATE") is not None


@pytest.mark.parametrize(
    ("channel_id", "channel_name", "expected"),
    [
        ("C0123", "general", False),
        ("G0123", "privategroup", False),
        ("G0123", None, False),
        ("D0123", None, True),
        ("D0123", "directmessage", True),
        ("C0123", "directmessage", True),
        ("G0123", "mpdm-ada--bob-1", True),
    ],
)
def test_what_counts_as_a_direct_message(channel_id: str, channel_name: str | None, expected: bool) -> None:
    assert is_direct_message(channel_id, channel_name) is expected
