"""`/specimen daily …` parsing: typed commands, and an error message that names the problem and shows an example."""

from __future__ import annotations

from datetime import time

import pytest

from bot.core.daily.commands import (
    DailyCommandError,
    DailyHelp,
    DailyOff,
    DailyOn,
    DailySkip,
    DailyStatus,
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


def test_a_city_without_its_area_suggests_the_full_name() -> None:
    with pytest.raises(DailyCommandError, match=r"Did you mean `Europe/Berlin`"):
        parse_daily("on 9:00 Berlin")
    with pytest.raises(DailyCommandError, match=r"`New York` is not a time zone name.*`America/New_York`"):
        parse_daily("on 9:00 New York")


def test_abbreviations_are_explained_rather_than_guessed() -> None:
    with pytest.raises(DailyCommandError, match="abbreviation"):
        parse_daily("on 9:00 PST")
    with pytest.raises(DailyCommandError, match="abbreviation"):
        parse_daily("on 9:00 UTC+2")


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
