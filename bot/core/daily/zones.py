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
