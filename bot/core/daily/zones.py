"""IANA time zone names: canonical spelling for what a user typed, and close names when it is not one."""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache

from rapidfuzz import fuzz, utils

_SUGGESTIONS = 3
_MIN_SCORE = 70


# A zoneinfo folder holds more than zones: "localtime" (a link to the machine's own zone), "posixrules", "Factory"
# (a placeholder zone), and "posix/…" and "right/…" copies of the real names. None is a place anyone lives in, and
# "localtime" would follow whichever server runs the clock, so none is accepted or suggested.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
_NOT_ZONE_PREFIXES = ("posix/", "right/")
# The shape of every IANA name: Area/City parts of letters, digits, "_", "-" and "+"; never a dot or a leading slash.
_IANA_SHAPE = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*")


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """The IANA zone names this machine knows (``zoneinfo.available_timezones()``), without the non-zones above."""
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name not in _NOT_ZONES and not name.startswith(_NOT_ZONE_PREFIXES) and _IANA_SHAPE.fullmatch(name)
    )


def looks_like_a_path(text: str) -> bool:
    """A leading slash, a dot or an empty part: a file path (``/etc/localtime``), never an IANA name."""
    text = text.strip()
    return text.startswith("/") or "." in text or "//" in text or text.endswith("/")


@lru_cache(maxsize=1)
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in sorted(zone_names())}


@lru_cache(maxsize=1)
def _zones_by_city() -> dict[str, tuple[str, ...]]:
    cities: dict[str, list[str]] = {}
    for name in _zones_by_folded_name().values():
        if "/" in name:
            cities.setdefault(name.rsplit("/", 1)[1].casefold(), []).append(name)
    return {city: tuple(names) for city, names in cities.items()}


def canonical_zone(text: str) -> str | None:
    """The IANA name for ``text`` in any letter case ("europe/berlin" → "Europe/Berlin"), or None."""
    return _zones_by_folded_name().get(text.strip().casefold())


def zones_for_city(text: str) -> tuple[str, ...]:
    """Zones whose last part is the city ``text`` ("berlin" or "new york" → ("Europe/Berlin",)...)."""
    return _zones_by_city().get(text.strip().replace(" ", "_").casefold(), ())


@lru_cache(maxsize=1)
def _comparable_names() -> tuple[tuple[str, str, str], ...]:
    """(name, processed name, processed city or "") for every zone, for fuzzy comparison."""
    return tuple(
        (name, utils.default_process(name), utils.default_process(name.rsplit("/", 1)[1]) if "/" in name else "")
        for name in _zones_by_folded_name().values()
    )


def close_zones(text: str, limit: int = _SUGGESTIONS) -> list[str]:
    """Up to ``limit`` IANA names close to ``text``, best first: exact city matches, then similar names."""
    found = list(zones_for_city(text.rsplit("/", 1)[-1]))
    query = utils.default_process(text)
    city_query = utils.default_process(text.rsplit("/", 1)[-1])
    scored = []
    for name, whole, city in _comparable_names():
        score = max(fuzz.ratio(query, whole), fuzz.ratio(city_query, city) if city else 0.0)
        if score >= _MIN_SCORE:
            scored.append((-score, name))
    found.extend(name for _, name in sorted(scored) if name not in found)
    return found[:limit]


# What people type for a zone that is not an IANA name: the zone a team most likely means. Each is read as that zone
# (and the reply says so), so "EST" and "PST" behave alike and a New York team keeps 09:00 through the summer.
ABBREVIATIONS: dict[str, str] = {
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver",
    "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago",
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "akst": "America/Anchorage", "akdt": "America/Anchorage", "hst": "Pacific/Honolulu",
    "gmt": "Europe/London", "bst": "Europe/London", "wet": "Europe/Lisbon", "west": "Europe/Lisbon",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "eet": "Europe/Helsinki", "eest": "Europe/Helsinki",
    "msk": "Europe/Moscow", "ist": "Asia/Kolkata", "sgt": "Asia/Singapore", "hkt": "Asia/Hong_Kong",
    "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "awst": "Australia/Perth", "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland", "brt": "America/Sao_Paulo",
}  # fmt: skip
_OFFSET = re.compile(r"(?:utc|gmt)?\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?", re.IGNORECASE)


def abbreviated_zone(text: str) -> str | None:
    """The zone a common abbreviation most likely means ("PST" → "America/Los_Angeles"), or None."""
    return ABBREVIATIONS.get(text.strip().casefold())


def offset_zone(text: str) -> str | None:
    """A fixed offset as the IANA zone that has it: "UTC+2", "GMT+2", "+02:00" → "Etc/GMT-2" (whose sign is
    inverted by POSIX convention: Etc/GMT-2 is two hours ahead of UTC). Whole hours only; None otherwise."""
    match = _OFFSET.fullmatch(text.strip())
    if match is None or (match["minutes"] or "00") != "00":
        return None
    hours = int(match["hours"])
    if hours == 0:
        return "UTC"
    if hours > (14 if match["sign"] == "+" else 12):
        return None
    return f"Etc/GMT{'-' if match['sign'] == '+' else '+'}{hours}"


def city_zone(text: str) -> str | None:
    """The zone a city names when it names exactly one ("berlin", "new york" → "America/New_York")."""
    found = zones_for_city(text)
    return found[0] if len(found) == 1 else None


def fixed_offset_hours(zone: str) -> int | None:
    """For an ``Etc/GMT±N`` zone, its offset from UTC in hours (east positive); None for any other zone."""
    if not zone.startswith("Etc/GMT") or zone == "Etc/GMT":
        return None
    return -int(zone.removeprefix("Etc/GMT"))
