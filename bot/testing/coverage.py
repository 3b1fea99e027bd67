"""The guide's coverage of what people type: a labelled query set (tests/data/coverage.yml) scored against the
shipped catalog's index. Used by tests/unit/core/matching/test_coverage_set.py and ``python -m bench.coverage``.

Precision = right cards / cards given; recall = right cards / queries that should get one; a wrong card is a card
for a query that should get another card, a did-you-mean, or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.core.matching.index import TitleIndex
from bot.core.matching.result import Ambiguous, Hit, LookupResult

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class CoverageSet:
    """query → slug by kind (``hit``), query → the slugs a did-you-mean offers (``ambiguous``), ``unrelated``."""

    hit: Mapping[str, Mapping[str, str]]
    ambiguous: Mapping[str, tuple[str, ...]]
    unrelated: tuple[str, ...]

    @property
    def slugs(self) -> set[str]:
        named = {slug for kind in self.hit.values() for slug in kind.values()}
        return named | {slug for slugs in self.ambiguous.values() for slug in slugs}


def parse_coverage_set(text: str) -> CoverageSet:
    data: Any = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader or CSafeLoader
    hit = {str(kind): {str(q): str(s) for q, s in items.items()} for kind, items in data["hit"].items()}
    ambiguous = {str(q): tuple(str(s) for s in slugs) for q, slugs in (data.get("ambiguous") or {}).items()}
    return CoverageSet(hit, ambiguous, tuple(str(t) for t in data.get("unrelated") or ()))


@dataclass(slots=True)
class Coverage:
    """How the index did on a coverage set."""

    should_hit: int = 0
    cards: int = 0  # cards given, for any query of the set
    right_cards: int = 0
    wrong_cards: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # queries that should get a card and got none
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind → (right cards, queries)
    ambiguous_right: int = 0
    ambiguous_wrong: list[str] = field(default_factory=list)
    unrelated_cards: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right_cards / self.cards if self.cards else 1.0

    @property
    def recall(self) -> float:
        return self.right_cards / self.should_hit if self.should_hit else 1.0


def _describe(result: LookupResult) -> str:
    if isinstance(result, Hit):
        return f"card {result.specimen.slug}"
    if isinstance(result, Ambiguous):
        return "did-you-mean " + ", ".join(c.specimen.slug for c in result.candidates)
    return "miss" + (" (closest " + result.suggestions[0].specimen.slug + ")" if result.suggestions else "")


def measure(index: TitleIndex, labelled: CoverageSet) -> Coverage:
    out = Coverage()
    for kind, items in labelled.hit.items():
        right_in_kind = 0
        for query, slug in items.items():
            result = index.lookup(query)
            out.should_hit += 1
            if isinstance(result, Hit):
                out.cards += 1
                if result.specimen.slug == slug:
                    out.right_cards += 1
                    right_in_kind += 1
                else:
                    out.wrong_cards.append(f"{kind}: {query!r} → {_describe(result)}; expected {slug}")
            else:
                out.missed.append(f"{kind}: {query!r} → {_describe(result)}; expected card {slug}")
        out.by_kind[kind] = (right_in_kind, len(items))
    for query, slugs in labelled.ambiguous.items():
        result = index.lookup(query)
        if isinstance(result, Hit):
            out.cards += 1
            out.wrong_cards.append(f"ambiguous: {query!r} → {_describe(result)}; expected a choice of {list(slugs)}")
        elif isinstance(result, Ambiguous) and {c.specimen.slug for c in result.candidates} == set(slugs):
            out.ambiguous_right += 1
        else:
            out.ambiguous_wrong.append(f"{query!r} → {_describe(result)}; expected a choice of {sorted(slugs)}")
    for title in labelled.unrelated:
        result = index.lookup(title)
        if isinstance(result, Hit):
            out.cards += 1
            out.wrong_cards.append(f"unrelated: {title!r} → {_describe(result)}")
            out.unrelated_cards.append(title)
    return out
