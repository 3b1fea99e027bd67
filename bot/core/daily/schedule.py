"""When a daily subscription is due: local wall time in an IANA zone, on chosen weekdays, across DST changes.

DST rules (decided here, documented in the README section on daily posts):

* A wall time that does not exist on a spring-forward day (02:30 in Europe/Berlin on 29 March 2026) posts at the
  first minute that does exist after the gap (03:00 local), not an hour late and not skipped.
* A wall time that happens twice on a fall-back day (02:30 in Europe/Berlin on 25 October 2026) posts once, at its
  first occurrence (02:30 CEST). The ledger keys posts by local date, so the second 02:30 can never post again.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# A far bound for "next occurrence" searches: every schedule has one within a week, so a year-plus means a bug.
_SEARCH_DAYS = 400


class Days(enum.Enum):
    """Which local weekdays a subscription posts on."""

    WEEKDAYS = "weekdays"
    EVERY_DAY = "every day"

    def includes(self, local_date: date) -> bool:
        return self is Days.EVERY_DAY or local_date.weekday() < 5


class Kind(enum.Enum):
    """What a subscription posts: burn-ward quotes or day-log entries."""

    QUOTES = "quotes"
    DAY_LOG = "day-log"


@dataclass(frozen=True, slots=True)
class Schedule:
    """A local wall time (minute precision) in an IANA zone on some weekdays."""

    at: time
    zone: str
    days: Days = Days.WEEKDAYS

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def describe(self) -> str:
        """Human form, e.g. ``09:00 Europe/Berlin, weekdays``."""
        return f"{self.at:%H:%M} {self.zone}, {self.days.value}"


@dataclass(frozen=True, slots=True, order=True)
class Occurrence:
    """One due post: the channel's local date and the UTC instant it is due."""

    local_date: date
    due: datetime

    def local_due(self, zone: str) -> datetime:
        return self.due.astimezone(ZoneInfo(zone))


def due_instant(local_date: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall time ``at`` on ``local_date`` in ``zone`` (gap → end of gap; repeat → first)."""
    wall = datetime.combine(local_date, at.replace(second=0, microsecond=0))
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    return _end_of_gap(wall, zone)


def _end_of_gap(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant whose local wall time is at or after ``wall``, for a ``wall`` inside a DST gap."""
    low = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)  # offset after the gap: lands before it
    high = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)  # offset before the gap: lands after it
    low, high = min(low, high), max(low, high)
    # Wall time rises monotonically across a gap; bisect to the second (gaps start on whole seconds).
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle.astimezone(zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high


def occurrence_on(schedule: Schedule, local_date: date) -> Occurrence | None:
    """The schedule's occurrence on ``local_date``, or None when that weekday is not included."""
    if not schedule.days.includes(local_date):
        return None
    return Occurrence(local_date, due_instant(local_date, schedule.at, schedule.tzinfo))


def next_occurrence(schedule: Schedule, not_before: datetime, excluded: Collection[date] = ()) -> Occurrence:
    """The first occurrence due at or after ``not_before`` (aware) whose local date is not in ``excluded``."""
    _require_aware(not_before)
    start = not_before.astimezone(schedule.tzinfo).date() - timedelta(days=1)
    for offset in range(_SEARCH_DAYS + len(excluded)):
        day = start + timedelta(days=offset)
        found = occurrence_on(schedule, day)
        if found is not None and found.due >= not_before and day not in excluded:
            return found
    raise ValueError(f"no occurrence of {schedule.describe()} after {not_before.isoformat()}")


def occurrence_after_date(schedule: Schedule, local_date: date) -> Occurrence:
    """The first occurrence on a local date strictly after ``local_date``."""
    for offset in range(1, _SEARCH_DAYS):
        found = occurrence_on(schedule, local_date + timedelta(days=offset))
        if found is not None:
            return found
    raise ValueError(f"no occurrence of {schedule.describe()} after {local_date.isoformat()}")


def latest_occurrence(schedule: Schedule, at_or_before: datetime) -> Occurrence | None:
    """The newest occurrence due at or before ``at_or_before`` (aware), or None if there is none within a year."""
    _require_aware(at_or_before)
    start = at_or_before.astimezone(schedule.tzinfo).date() + timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        found = occurrence_on(schedule, start - timedelta(days=offset))
        if found is not None and found.due <= at_or_before:
            return found
    return None


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment.isoformat()}")
