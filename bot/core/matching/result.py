"""What a lookup answers: one specimen, a short ranked choice, or a miss with ranked suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from bot.core.records.model import Specimen


class Candidate(NamedTuple):
    """A specimen with its match score (0-100) and the title, alias or slug it matched through."""

    specimen: Specimen
    score: int
    matched_name: str


@dataclass(frozen=True, slots=True)
class Hit:
    """The query names this specimen; show its card."""

    specimen: Specimen
    score: int
    matched_name: str


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """Several specimens match about equally well; ask which one (ranked, best first)."""

    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class Miss:
    """Nothing matches well enough for a card; ``suggestions`` (ranked, maybe empty) are did-you-mean choices."""

    suggestions: tuple[Candidate, ...]


LookupResult = Hit | Ambiguous | Miss
