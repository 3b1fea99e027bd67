"""When daily posts are due: local wall time in the channel's zone, weekdays, and both DST transitions of 2026."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.daily.schedule import (
    Days,
    Occurrence,
    Schedule,
    due_instant,
    latest_occurrence,
    next_occurrence,
    occurrence_after_date,
    occurrence_on,
)

BERLIN = "Europe/Berlin"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def test_nine_in_berlin_is_nine_local_on_both_sides_of_the_march_2026_change() -> None:
    schedule = Schedule(time(9, 0), BERLIN, Days.EVERY_DAY)
    saturday = occurrence_on(schedule, date(2026, 3, 28))  # CET, +01:00
    sunday = occurrence_on(schedule, date(2026, 3, 29))  # the change happens at 02:00 that night: CEST, +02:00
    assert saturday is not None and sunday is not None
    assert saturday.due == utc(2026, 3, 28, 8, 0)
    assert sunday.due == utc(2026, 3, 29, 7, 0)
    for occurrence in (saturday, sunday):
        assert local(occurrence.due, BERLIN).time() == time(9, 0)
    assert sunday.due - saturday.due == timedelta(hours=23)


def test_nine_in_berlin_is_nine_local_on_both_sides_of_the_october_2026_change() -> None:
    schedule = Schedule(time(9, 0), BERLIN, Days.EVERY_DAY)
    saturday = occurrence_on(schedule, date(2026, 10, 24))  # CEST
    sunday = occurrence_on(schedule, date(2026, 10, 25))  # back to CET at 03:00 that night
    assert saturday is not None and sunday is not None
    assert saturday.due == utc(2026, 10, 24, 7, 0)
    assert sunday.due == utc(2026, 10, 25, 8, 0)
    assert sunday.due - saturday.due == timedelta(hours=25)


def test_a_time_skipped_by_spring_forward_posts_when_the_gap_ends() -> None:
    # 02:30 does not exist in Berlin on 29 March 2026 (02:00 CET jumps to 03:00 CEST): post at 03:00 local.
    schedule = Schedule(time(2, 30), BERLIN, Days.EVERY_DAY)
    occurrence = occurrence_on(schedule, date(2026, 3, 29))
    assert occurrence is not None
    assert occurrence.due == utc(2026, 3, 29, 1, 0)
    assert local(occurrence.due, BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 0)
    # The days around it are ordinary.
    assert occurrence_after_date(schedule, date(2026, 3, 29)).due == utc(2026, 3, 30, 0, 30)


def test_a_time_repeated_by_fall_back_posts_once_at_its_first_occurrence() -> None:
    # 02:30 happens twice in Berlin on 25 October 2026: 00:30 UTC (CEST) and 01:30 UTC (CET).
    schedule = Schedule(time(2, 30), BERLIN, Days.EVERY_DAY)
    sunday = occurrence_on(schedule, date(2026, 10, 25))
    assert sunday is not None
    assert sunday.due == utc(2026, 10, 25, 0, 30)
    # Asked right after the first 02:30, the next post is Monday's: the second 02:30 is not an occurrence.
    after_first = next_occurrence(schedule, sunday.due + timedelta(minutes=1))
    assert after_first.local_date == date(2026, 10, 26)
    assert after_first.due == utc(2026, 10, 26, 1, 30)


def test_new_york_changes_on_other_dates_and_still_posts_at_local_time() -> None:
    schedule = Schedule(time(9, 0), "America/New_York", Days.EVERY_DAY)
    before, after = occurrence_on(schedule, date(2026, 3, 7)), occurrence_on(schedule, date(2026, 3, 8))
    assert before is not None and after is not None
    assert (before.due, after.due) == (utc(2026, 3, 7, 14, 0), utc(2026, 3, 8, 13, 0))


def test_weekdays_skip_saturday_and_sunday() -> None:
    schedule = Schedule(time(9, 0), BERLIN, Days.WEEKDAYS)
    friday_after_nine = utc(2026, 3, 27, 9, 0)  # 10:00 in Berlin
    following = next_occurrence(schedule, friday_after_nine)
    assert following.local_date == date(2026, 3, 30)  # Monday (and already CEST)
    assert following.due == utc(2026, 3, 30, 7, 0)
    assert occurrence_on(schedule, date(2026, 3, 28)) is None
    assert occurrence_on(schedule, date(2026, 3, 29)) is None


def test_weekdays_are_decided_in_the_channel_zone_not_in_utc() -> None:
    schedule = Schedule(time(9, 0), "Pacific/Auckland", Days.WEEKDAYS)
    # Friday 8 May 2026 22:00 UTC is already Saturday 10:00 in Auckland: the next post is Monday there,
    # which is still Sunday in UTC.
    following = next_occurrence(schedule, utc(2026, 5, 8, 22, 0))
    assert following.local_date == date(2026, 5, 11)
    assert following.due == utc(2026, 5, 10, 21, 0)


def test_every_day_includes_the_weekend() -> None:
    schedule = Schedule(time(9, 0), BERLIN, Days.EVERY_DAY)
    assert next_occurrence(schedule, utc(2026, 3, 27, 9, 0)).local_date == date(2026, 3, 28)


def test_next_occurrence_is_due_at_or_after_the_instant_and_skips_excluded_dates() -> None:
    schedule = Schedule(time(9, 0), BERLIN, Days.WEEKDAYS)
    exactly_due = utc(2026, 3, 30, 7, 0)
    assert next_occurrence(schedule, exactly_due) == Occurrence(date(2026, 3, 30), exactly_due)
    assert next_occurrence(schedule, exactly_due, excluded={date(2026, 3, 30)}).local_date == date(2026, 3, 31)


def test_latest_occurrence_is_the_newest_one_already_due() -> None:
    schedule = Schedule(time(9, 0), BERLIN, Days.WEEKDAYS)
    monday_noon = utc(2026, 3, 30, 10, 0)
    assert latest_occurrence(schedule, monday_noon) == Occurrence(date(2026, 3, 30), utc(2026, 3, 30, 7, 0))
    sunday = utc(2026, 3, 29, 12, 0)
    assert latest_occurrence(schedule, sunday) == Occurrence(date(2026, 3, 27), utc(2026, 3, 27, 8, 0))


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_occurrence(Schedule(time(9, 0), BERLIN), datetime(2026, 3, 30, 9, 0))


_ZONES = sorted(z for z in zoneinfo.available_timezones() if not z.startswith(("posix/", "right/")))


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(_ZONES),
    day=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 45, 59]),
)
def test_due_instant_is_the_first_moment_the_wall_clock_reaches_the_time(
    zone: str, day: date, hour: int, minute: int
) -> None:
    tz = ZoneInfo(zone)
    target = datetime.combine(day, time(hour, minute))
    due = due_instant(day, time(hour, minute), tz)

    def wall(moment: datetime) -> datetime:
        return moment.astimezone(tz).replace(tzinfo=None)

    assert wall(due) >= target
    assert wall(due - timedelta(seconds=1)) < target
    # When the time exists, it is exactly that time (a gap moves it to the gap's end, never further), and of a
    # time that happens twice (fall back) it is the first.
    if target.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == target:
        assert wall(due) == target
        assert due <= target.replace(tzinfo=tz, fold=1).astimezone(UTC)
