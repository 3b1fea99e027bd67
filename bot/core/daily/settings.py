"""The operator's daily settings (DAILY_CHANNEL, DAILY_AT, DAILY_TZ, DAILY_DAYS, DAILY_KIND, DAILY_GRACE_MINUTES,
DAILY_WORKERS), read from a snapshot of the environment that ``bot.config`` takes: the daily rules check them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

from bot.core.daily.channels import is_channel_id, is_direct_message
from bot.core.daily.commands import DailyCommandError, parse_time, parse_zone
from bot.core.daily.schedule import Days, Kind

DEFAULT_DAILY_GRACE_MINUTES = 120


class DailySettingsError(ValueError):
    """Malformed daily settings; the message lists every one."""


@dataclass(frozen=True)
class DailySettings:
    """The operator's daily channel (DAILY_CHANNEL, DAILY_AT, DAILY_TZ, DAILY_DAYS, DAILY_KIND), the grace window
    (DAILY_GRACE_MINUTES) and how many posts a clock sends side by side (DAILY_WORKERS)."""

    channel: str | None
    at: time
    zone: str
    days: Days
    kind: Kind
    grace: timedelta
    workers: int = 4


def read_daily_settings(env: Mapping[str, str]) -> DailySettings:
    """Read the daily settings from ``env``; one DailySettingsError lists every malformed variable."""
    problems: list[str] = []

    def read(name: str, default: str, parse: Callable[[str], Any]) -> Any:
        raw = env.get(name, "").strip() or default
        try:
            return parse(raw)
        except (DailyCommandError, ValueError) as error:
            problems.append(f"{name}={raw!r}: {error}")
            return parse(default)

    channel = env.get("DAILY_CHANNEL", "").strip() or None
    if channel is not None and not is_channel_id(channel):
        problems.append(f"DAILY_CHANNEL={channel!r}: use the channel ID (like C0123456789), not its name")
    elif channel is not None and is_direct_message(channel):
        problems.append(f"DAILY_CHANNEL={channel!r} is a direct message: daily posts go to channels")
    settings = DailySettings(
        channel=channel,
        at=read("DAILY_AT", "09:00", lambda v: parse_time(v, "DAILY_AT=09:30")),
        zone=read("DAILY_TZ", "UTC", lambda v: parse_zone(v, "DAILY_TZ=Europe/Berlin")),
        days=read(
            "DAILY_DAYS", "weekdays", lambda v: _choice(v, {"weekdays": Days.WEEKDAYS, "every day": Days.EVERY_DAY})
        ),
        kind=read("DAILY_KIND", "quotes", lambda v: _choice(v, {"quotes": Kind.QUOTES, "day-log": Kind.DAY_LOG})),
        grace=read("DAILY_GRACE_MINUTES", str(DEFAULT_DAILY_GRACE_MINUTES), _minutes),
        workers=read("DAILY_WORKERS", "4", _workers),
    )
    if problems:
        raise DailySettingsError("malformed daily settings:\n  " + "\n  ".join(problems))
    return settings


def _choice(value: str, choices: Mapping[str, Any]) -> Any:
    folded = " ".join(value.casefold().replace("_", " ").split())
    if folded not in choices:
        raise ValueError(f"expected one of {', '.join(choices)}")
    return choices[folded]


def _workers(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 32:
        raise ValueError("expected a whole number from 1 to 32")
    return int(value)


def _minutes(value: str) -> timedelta:
    if not value.isdigit() or int(value) < 1:
        raise ValueError("expected a whole number of minutes, at least 1")
    return timedelta(minutes=int(value))
