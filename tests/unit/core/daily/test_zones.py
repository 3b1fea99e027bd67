"""Time zone names: only real IANA names are accepted or suggested, never the files beside them in a zoneinfo folder
("localtime", "posixrules", the "posix/" and "right/" copies) and never a path."""

from __future__ import annotations

import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.daily.commands import DailyCommandError, parse_daily, parse_zone
from bot.core.daily.zones import canonical_zone, close_zones, zone_names, zones_for_city

NOT_ZONES = ["localtime", "posixrules", "Factory", "posix/Europe/Berlin", "right/UTC", "zone.tab", "tzdata.zi"]
PATHS = [
    "/etc/localtime",
    "/usr/share/zoneinfo/Europe/Berlin",
    "../../etc/passwd",
    "Europe/../UTC",
    "./UTC",
    "Europe/Berlin/",
    "Europe//Berlin",
]


def test_every_name_is_an_iana_name_the_zoneinfo_module_knows() -> None:
    names = zone_names()
    assert {"Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata"} <= names
    assert names <= zoneinfo.available_timezones()
    for name in names:
        assert not name.startswith(("/", "posix/", "right/")) and "." not in name, name
    assert names.isdisjoint(NOT_ZONES)


@pytest.mark.parametrize("text", NOT_ZONES + PATHS)
def test_what_is_not_an_iana_name_is_not_a_zone(text: str) -> None:
    assert canonical_zone(text) is None
    with pytest.raises(DailyCommandError):
        parse_zone(text)


@pytest.mark.parametrize("text", PATHS)
def test_a_path_is_refused_as_a_path_and_gets_no_suggestion(text: str) -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_daily(f"on 09:00 {text}")
    message = str(caught.value)
    assert "looks like a file path; time zones are IANA names like `Europe/Berlin`" in message
    assert "Did you mean" not in message


def test_etc_localtime_no_longer_suggests_localtime() -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_daily("on 09:00 /etc/localtime")
    assert "`localtime`" not in str(caught.value)


@pytest.mark.parametrize("text", ["localtime", "posixrules", "Factory", "LOCALTIME", "factory"])
def test_a_zoneinfo_file_that_is_not_a_zone_is_refused(text: str) -> None:
    with pytest.raises(DailyCommandError) as caught:
        parse_daily(f"on 09:00 {text}")
    message = str(caught.value)
    assert "Did you mean `localtime`" not in message and "Did you mean `Factory`" not in message
    assert message.startswith(f"I don't understand `{text}`")


@given(st.text(max_size=40))
def test_suggestions_are_only_ever_iana_names(text: str) -> None:
    names = zone_names()
    assert set(close_zones(text)) <= names
    assert set(zones_for_city(text)) <= names
