"""`/specimen daily …` parsing: typed commands, and an error message that names the problem and shows an example."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.daily.commands import (
    DailyCommandError,
    DailyHelp,
    DailyOff,
    DailyOn,
    DailySkip,
    DailyStatus,
    DailyUnskip,
    parse_daily,
    parse_time,
    parse_zone,
)
from bot.core.daily.schedule import Days, Kind
from bot.core.daily.zones import close_zones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on", DailyOn()),
        ("daily on", DailyOn()),
        ("on 09:30", DailyOn(at=time(9, 30))),
        ("on 9:30 Europe/Berlin", DailyOn(at=time(9, 30), zone="Europe/Berlin")),
        ("on europe/berlin 7:05", DailyOn(at=time(7, 5), zone="Europe/Berlin")),
        ("on 9am UTC every day", DailyOn(at=time(9, 0), zone="UTC", days=Days.EVERY_DAY)),
        ("on 12pm weekdays quotes", DailyOn(at=time(12, 0), days=Days.WEEKDAYS, kind=Kind.QUOTES)),
        ("on 12am day-log everyday", DailyOn(at=time(0, 0), days=Days.EVERY_DAY, kind=Kind.DAY_LOG)),
        ("ON 23:59 America/New_York Every Day", DailyOn(at=time(23, 59), zone="America/New_York", days=Days.EVERY_DAY)),
        ("off", DailyOff()),
        ("status", DailyStatus()),
        ("", DailyStatus()),
        ("skip", DailySkip()),
        ("help", DailyHelp()),
    ],
)
def test_valid_commands_parse_to_typed_values(text: str, expected: object) -> None:
    assert parse_daily(text) == expected


def test_an_impossible_hour_gets_the_documented_message() -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_daily("on 25:00")
    assert str(caught.value) == "`25:00` is not a time — try `/specimen daily on 09:30 Europe/Berlin`"


@pytest.mark.parametrize("text", ["24:00", "9:60", "13pm", "0am", "9:5", "noonish1"])
def test_other_bad_times_name_the_input_and_give_an_example(text: str) -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_time(text)
    message = str(caught.value)
    assert message.startswith(f"`{text}` is not a time")
    assert "`/specimen daily on 09:30 Europe/Berlin`" in message


def test_an_unknown_zone_suggests_close_iana_names() -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_daily("on 9:00 Europe/Berln")
    message = str(caught.value)
    assert "`Europe/Berln` is not a time zone I know" in message
    assert "Did you mean `Europe/Berlin`" in message


@pytest.mark.parametrize(
    ("text", "zone"),
    [("berlin", "Europe/Berlin"), ("Berlin", "Europe/Berlin"), ("new york", "America/New_York"),
     ("in Europe/Berlin", "Europe/Berlin"), ("in berlin", "Europe/Berlin")],
)  # fmt: skip
def test_a_city_that_names_one_zone_is_that_zone_and_the_reply_says_so(text: str, zone: str) -> None:
    parsed = parse_daily(f"on 9:00 {text}")
    assert isinstance(parsed, DailyOn) and parsed.zone == zone
    assert parsed.note is None or zone in parsed.note


@pytest.mark.parametrize(
    ("abbreviation", "zone"),
    [("PST", "America/Los_Angeles"), ("EST", "America/New_York"), ("MST", "America/Denver"),
     ("HST", "Pacific/Honolulu"), ("CET", "Europe/Berlin"), ("pdt", "America/Los_Angeles")],
)  # fmt: skip
def test_every_common_abbreviation_is_read_alike_as_the_zone_it_means(abbreviation: str, zone: str) -> None:
    parsed = parse_daily(f"on 9:00 {abbreviation}")
    assert isinstance(parsed, DailyOn) and parsed.zone == zone
    assert parsed.note is not None and f"read as `{zone}`" in parsed.note and "daylight saving" in parsed.note


@pytest.mark.parametrize(
    ("offset", "zone", "east"),
    [("GMT+2", "Etc/GMT-2", 2), ("UTC+2", "Etc/GMT-2", 2), ("+02:00", "Etc/GMT-2", 2), ("UTC-5", "Etc/GMT+5", -5),
     ("utc+5:30", None, None), ("GMT+0", "UTC", 0)],
)  # fmt: skip
def test_a_fixed_offset_is_the_offset_the_person_meant(offset: str, zone: str | None, east: int | None) -> None:
    if zone is None:
        with pytest.raises(DailyCommandError):
            parse_daily(f"on 9:00 {offset}")
        return
    parsed = parse_daily(f"on 9:00 {offset}")
    assert isinstance(parsed, DailyOn) and parsed.zone == zone
    if east:  # Etc/GMT-2 is two hours ahead of UTC: the sign the person typed, not POSIX's
        assert datetime(2026, 7, 1, 12, tzinfo=ZoneInfo(zone)).utcoffset() == timedelta(hours=east)
        assert parsed.note is not None and "ignores daylight saving" in parsed.note


@pytest.mark.parametrize(
    ("text", "at"),
    [("9 am", time(9, 0)), ("9 pm", time(21, 0)), ("9:30 a.m.", time(9, 30)), ("at 9am", time(9, 0)),
     ("noon", time(12, 0)), ("9.30", time(9, 30)), ("0930", time(9, 30)), ("at 21:15", time(21, 15)),
     ("midnight", time(0, 0))],
)  # fmt: skip
def test_times_as_people_write_them(text: str, at: time) -> None:
    parsed = parse_daily(f"on {text}")
    assert isinstance(parsed, DailyOn) and parsed.at == at


def test_a_time_in_a_zone_reads_naturally() -> None:
    parsed = parse_daily("on 9am in Europe/Berlin every day")
    assert isinstance(parsed, DailyOn) and (parsed.at, parsed.zone) == (time(9, 0), "Europe/Berlin")


def test_unskip_is_a_command() -> None:
    assert isinstance(parse_daily("unskip"), DailyUnskip)


def test_zone_names_are_matched_in_any_case_and_returned_canonical() -> None:
    assert parse_zone("asia/KOLKATA") == "Asia/Kolkata"
    assert close_zones("Kolkata")[0] == "Asia/Kolkata"
    assert close_zones("Mars/Olympus_Mons") == []


def test_an_option_given_twice_is_an_error() -> None:
    with pytest.raises(DailyCommandError, match="one time only; `10:00` is a second one"):
        parse_daily("on 9:00 10:00")
    with pytest.raises(DailyCommandError, match="one day choice only"):
        parse_daily("on weekdays every day")


def test_words_after_a_simple_verb_are_refused() -> None:
    with pytest.raises(DailyCommandError, match="`daily skip` takes nothing after it; I got `tomorrow`"):
        parse_daily("skip tomorrow")


def test_an_unknown_verb_lists_the_commands() -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_daily("sometimes")
    assert "I don't know `daily sometimes`" in str(caught.value)
    assert "/specimen daily off" in str(caught.value)


def test_user_input_quoted_back_is_escaped_and_cannot_ping_or_break_the_code_span() -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_daily("on <!channel>`&")
    message = str(caught.value)
    assert "<!channel>" not in message
    assert "`&lt;!channel&gt;'&amp;`" in message


def test_very_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_daily("on " + "x" * 5000)
    assert len(str(caught.value)) < 400
