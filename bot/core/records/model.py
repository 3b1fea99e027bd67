"""The specimen record: typed, immutable, one per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Salary:
    amount: int
    currency: str
    region_note: str
    quote: str


@dataclass(frozen=True, slots=True)
class FlightRisk:
    percent: int
    level: str
    diagnosis: str


@dataclass(frozen=True, slots=True)
class NamedEntry:
    """A bullshit metric or a piece of signature weaponry."""

    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Encounter:
    trigger: str
    advice: str


@dataclass(frozen=True, slots=True)
class Autopsy:
    illusion: str
    source: str
    translation: str


@dataclass(frozen=True, slots=True)
class DayLogEntry:
    start: str
    end: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class BurnQuote:
    quote: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class RelatedSpecimen:
    title: str
    match_percent: int
    description: str
    slug: str | None = None


@dataclass(frozen=True, slots=True)
class Specimen:
    title: str
    slug: str
    question: str
    org_chart_caption: str | None
    aliases: tuple[str, ...]
    habitat: tuple[str, ...]
    salary: Salary
    flight_risk: FlightRisk
    metrics: tuple[NamedEntry, ...]
    weaponry: tuple[NamedEntry, ...]
    encounter_guide: tuple[Encounter, ...]
    jd_autopsy: tuple[Autopsy, ...]
    day_log: tuple[DayLogEntry, ...]
    burn_ward: tuple[BurnQuote, ...]
    related: tuple[RelatedSpecimen, ...]
    burn_ward_caption: str | None = None


class Catalog:
    """Every specimen of a records directory, in slug order, indexed by slug."""

    __slots__ = ("_by_slug", "specimens")

    def __init__(self, specimens: tuple[Specimen, ...]) -> None:
        self.specimens = tuple(sorted(specimens, key=lambda s: s.slug))
        self._by_slug = {s.slug: s for s in self.specimens}

    def by_slug(self, slug: str) -> Specimen | None:
        return self._by_slug.get(slug)

    def __len__(self) -> int:
        return len(self.specimens)

    def __iter__(self) -> Iterator[Specimen]:
        return iter(self.specimens)
