"""`/specimen daily …` text → a typed command, or an error message that says exactly what is wrong.

Grammar (words after ``daily``; the options of ``on`` may come in any order, each at most once)::

    on [HH:MM | H[:MM]am/pm] [Area/City] [weekdays | every day] [quotes | day-log]
    off | status | skip | help

Error messages are Slack mrkdwn; anything the user typed is escaped before it is quoted back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import time

from bot.core.blocks.text import esc
from bot.core.daily.schedule import Days, Kind
from bot.core.daily.zones import (
    abbreviated_zone,
    canonical_zone,
    city_zone,
    close_zones,
    looks_like_a_path,
    offset_zone,
    zones_for_city,
)

EXAMPLE = "/specimen daily on 09:30 Europe/Berlin"
USAGE = (
    "`/specimen daily on [HH:MM] [Area/City] [weekdays|every day] [quotes|day-log]`, "
    "`/specimen daily off`, `/specimen daily status`, `/specimen daily skip`, `/specimen daily unskip`"
)
_ECHO_MAX = 60
_IANA_HINT = "time zones are IANA names like `Europe/Berlin`, `America/New_York` or `UTC`."

_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?P<half>am|pm|a\.m\.?|p\.m\.?)?|(?P<hhmm>\d{4})", re.IGNORECASE
)
_HALVES = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m"})
_NAMED_TIMES = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
_FILLERS = frozenset({"at", "in", "every-weekday"})
_ABBREVIATION = re.compile(r"(?:[A-Z]{2,5}|(?i:gmt|utc))(?:[+-]\d{1,2}(?::?\d{2})?)?")
_DAYS_WORDS = {
    "weekdays": Days.WEEKDAYS,
    "weekday": Days.WEEKDAYS,
    "mon-fri": Days.WEEKDAYS,
    "everyday": Days.EVERY_DAY,
    "every-day": Days.EVERY_DAY,
    "daily": Days.EVERY_DAY,
}
_KIND_WORDS = {
    "quotes": Kind.QUOTES,
    "quote": Kind.QUOTES,
    "day-log": Kind.DAY_LOG,
    "daylog": Kind.DAY_LOG,
    "days": Kind.DAY_LOG,
    "log": Kind.DAY_LOG,
}


class DailyCommandError(ValueError):
    """Text that is not a daily command; the message (mrkdwn, input escaped) tells the user how to fix it."""


@dataclass(frozen=True, slots=True)
class DailyOn:
    """Subscribe or change the subscription; None fields keep the current value (or take the default)."""

    at: time | None = None
    zone: str | None = None
    days: Days | None = None
    kind: Kind | None = None
    note: str | None = None  # how a zone that was not an IANA name was read ("PST" as America/Los_Angeles)


@dataclass(frozen=True, slots=True)
class DailyOff:
    pass


@dataclass(frozen=True, slots=True)
class DailyStatus:
    pass


@dataclass(frozen=True, slots=True)
class DailySkip:
    pass


@dataclass(frozen=True, slots=True)
class DailyUnskip:
    pass


@dataclass(frozen=True, slots=True)
class DailyHelp:
    pass


DailyCommand = DailyOn | DailyOff | DailyStatus | DailySkip | DailyUnskip | DailyHelp
_SIMPLE: dict[str, DailyCommand] = {
    "off": DailyOff(),
    "stop": DailyOff(),
    "status": DailyStatus(),
    "skip": DailySkip(),
    "unskip": DailyUnskip(),
    "help": DailyHelp(),
}


def quoted(text: str) -> str:
    """User input as inline code in an error message: escaped, shortened, backticks neutralised."""
    safe = esc(text.replace("`", "'"), _ECHO_MAX)
    return f"`{safe}`"


def parse_daily(text: str) -> DailyCommand:
    """Parse the words after ``daily`` (a leading ``daily`` is tolerated). Empty text means ``status``."""
    words = text.split()
    if words and words[0].casefold() == "daily":
        words = words[1:]
    if not words:
        return DailyStatus()
    verb, rest = words[0].casefold(), words[1:]
    if verb in _SIMPLE:
        if rest:
            raise DailyCommandError(f"`daily {verb}` takes nothing after it; I got {quoted(' '.join(rest))}.")
        return _SIMPLE[verb]
    if verb == "on":
        return _parse_on(rest)
    raise DailyCommandError(f"I don't know {quoted('daily ' + words[0])}. Try {USAGE}.")


def _parse_on(words: list[str]) -> DailyOn:
    """Options in any order, as people write them: ``9am``, ``9 am``, ``9:30 a.m.``, ``at 9``, ``noon``, ``9.30``,
    ``0930``; ``Europe/Berlin``, ``in berlin``, ``new york``, ``UTC+2``, ``PST``; ``weekdays`` or ``every day``;
    ``quotes`` or ``day-log``."""
    parsed = DailyOn()
    index = 0
    while index < len(words):
        word = words[index]
        folded = word.casefold()
        following = words[index + 1].casefold() if index + 1 < len(words) else ""
        if folded in _FILLERS:
            index += 1
            continue
        if folded == "every" and following == "day":
            parsed = _with(parsed, "days", Days.EVERY_DAY, "every day")
            index += 2
            continue
        if folded in _DAYS_WORDS:
            parsed = _with(parsed, "days", _DAYS_WORDS[folded], word)
        elif folded in _KIND_WORDS:
            parsed = _with(parsed, "kind", _KIND_WORDS[folded], word)
        elif folded in _NAMED_TIMES:
            parsed = _with(parsed, "at", _NAMED_TIMES[folded], word)
        elif word[0].isdigit() and not offset_zone(word):
            if following in _HALVES:
                word, index = word + following, index + 1
            parsed = _with(parsed, "at", parse_time(word), word)
        else:
            zone, note, used = _zone_of(words, index)
            if zone is None:
                pair = f"{word} {words[index + 1]}" if index + 1 < len(words) else ""
                if not zones_for_city(word) and pair and zones_for_city(pair):
                    word = pair
                raise DailyCommandError(_unknown_word(word, zones_for_city(word)))
            parsed = _with(parsed, "zone", zone, " ".join(words[index : index + used]))
            parsed = replace(parsed, note=note)
            index += used - 1
        index += 1
    return parsed


def _zone_of(words: list[str], index: int) -> tuple[str | None, str | None, int]:
    """The zone named at ``words[index]`` (or by it and the next word: "new york"), how it was read, and how many
    words it took. IANA names first; then fixed offsets, common abbreviations and cities that name one zone."""
    word = words[index]
    offset = offset_zone(word)
    if offset is not None:
        note = f"{quoted(word)} is a fixed offset ({offset}): it ignores daylight saving."
        return offset, None if offset == "UTC" else note, 1
    abbreviation = abbreviated_zone(word)
    if abbreviation is not None:
        note = f"{quoted(word)} read as `{abbreviation}`, which follows daylight saving."
        return abbreviation, note, 1
    if "/" in word or canonical_zone(word):
        return parse_zone(word), None, 1
    if index + 1 < len(words):
        pair = city_zone(f"{word} {words[index + 1]}")
        if pair is not None:
            return pair, f"{quoted(word + ' ' + words[index + 1])} read as `{pair}`.", 2
    single = city_zone(word)
    if single is not None:
        return single, f"{quoted(word)} read as `{single}`.", 1
    return None, None, 1


_LABELS = {"at": "time", "zone": "time zone", "days": "day choice", "kind": "post kind"}


def _with(parsed: DailyOn, field: str, value: object, word: str) -> DailyOn:
    if getattr(parsed, field) is not None:
        raise DailyCommandError(f"Give one {_LABELS[field]} only; {quoted(word)} is a second one. Example: `{EXAMPLE}`")
    return replace(parsed, **{field: value})  # type: ignore[arg-type]  # field is one of _LABELS, value parsed for it


def _unknown_word(word: str, city_zones: tuple[str, ...]) -> str:
    if city_zones:
        names = ", ".join(f"`{name}`" for name in city_zones[:3])
        return f"{quoted(word)} is not a time zone name; time zones look like `Area/City`. Did you mean {names}?"
    if _ABBREVIATION.fullmatch(word):
        return (
            f"{quoted(word)} looks like a time zone abbreviation; those are ambiguous and ignore daylight saving. "
            f"Use an `Area/City` name instead — try `{EXAMPLE}`"
        )
    return (
        f"I don't understand {quoted(word)}. `daily on` takes a time, an `Area/City` time zone, "
        f"`weekdays` or `every day`, and `quotes` or `day-log`. Example: `{EXAMPLE}`"
    )


def parse_time(text: str, example: str = f"`{EXAMPLE}`") -> time:
    """``09:30``, ``9:30``, ``9.30``, ``0930``, ``9``, ``9am``, ``9:30pm``, ``9:30 a.m.`` → a time; anything else
    raises DailyCommandError."""
    match = _TIME.fullmatch(text.strip().replace(" ", ""))
    if match is None:
        raise DailyCommandError(f"{quoted(text)} is not a time — try {example}")
    if match["hhmm"]:
        hour, minute = int(match["hhmm"][:2]), int(match["hhmm"][2:])
    else:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or "").replace(".", "").casefold()
    if half:
        if not 1 <= hour <= 12:
            raise DailyCommandError(f"{quoted(text)} is not a time: am/pm hours run from 1 to 12 — try {example}")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DailyCommandError(f"{quoted(text)} is not a time — try {example}")
    return time(hour, minute)


def parse_zone(text: str, example: str = f"`{EXAMPLE}`") -> str:
    """An IANA zone name in canonical case, or DailyCommandError suggesting close names (never for a path)."""
    name = canonical_zone(text)
    if name is not None:
        return name
    if looks_like_a_path(text):
        raise DailyCommandError(f"{quoted(text)} looks like a file path; {_IANA_HINT} Example: {example}")
    suggestions = close_zones(text)
    if suggestions:
        names = ", ".join(f"`{s}`" for s in suggestions)
        hint = f"Did you mean {names}?"
    else:
        hint = _IANA_HINT[0].upper() + _IANA_HINT[1:]
    raise DailyCommandError(f"{quoted(text)} is not a time zone I know. {hint} Example: {example}")
