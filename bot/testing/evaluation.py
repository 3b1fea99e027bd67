"""Score an index against a labelled evaluation set (tests/matching/evaluation.yml): used by tests and bench."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.core.matching.index import TitleIndex
from bot.core.matching.result import Ambiguous, Hit, LookupResult, Miss

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class EvaluationSet:
    """Labelled queries by kind (query → slug), partial queries (query → slug to suggest), unrelated titles."""

    labelled: Mapping[str, Mapping[str, str]]
    partial: Mapping[str, str]
    unrelated: tuple[str, ...]

    def queries(self) -> list[tuple[str, str, str]]:
        """Every labelled (kind, query, slug)."""
        return [(kind, q, slug) for kind, items in self.labelled.items() for q, slug in items.items()]


@dataclass(slots=True)
class Evaluation:
    """How an index did on an evaluation set."""

    total: int = 0
    hits: int = 0  # labelled queries answered with a Hit on the right specimen
    top1: int = 0  # labelled queries whose best-ranked specimen is the right one, hit or not
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind → (right hits, queries)
    failures: list[str] = field(default_factory=list)
    partial_suggested: int = 0
    partial_total: int = 0
    unrelated_hits: list[str] = field(default_factory=list)
    unrelated_ambiguous: int = 0
    unrelated_total: int = 0

    @property
    def hit_accuracy(self) -> float:
        return self.hits / self.total if self.total else 0.0

    @property
    def top1_accuracy(self) -> float:
        return self.top1 / self.total if self.total else 0.0


def parse_evaluation(text: str) -> EvaluationSet:
    """Read the evaluation YAML."""
    data: dict[str, Any] = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader or CSafeLoader
    labelled = {str(kind): {str(q): str(s) for q, s in items.items()} for kind, items in data["labelled"].items()}
    partial = {str(q): str(s) for q, s in (data.get("partial") or {}).items()}
    return EvaluationSet(labelled, partial, tuple(str(t) for t in data["unrelated"]))


def describe(result: LookupResult) -> str:
    """One line: what a lookup answered."""
    if isinstance(result, Hit):
        return f"hit {result.specimen.slug} ({result.score})"
    if isinstance(result, Ambiguous):
        return "ambiguous " + ", ".join(f"{c.specimen.slug} ({c.score})" for c in result.candidates)
    if isinstance(result, Miss) and result.suggestions:
        return "miss, suggests " + ", ".join(f"{c.specimen.slug} ({c.score})" for c in result.suggestions)
    return "miss"


def evaluate(index: TitleIndex, evaluation: EvaluationSet) -> Evaluation:
    """Run every query of the set through ``index``."""
    out = Evaluation()
    for kind, query, slug in evaluation.queries():
        result = index.lookup(query)
        ranking = index.rank(query, 1)
        right = isinstance(result, Hit) and result.specimen.slug == slug
        good, seen = out.by_kind.get(kind, (0, 0))
        out.by_kind[kind] = (good + right, seen + 1)
        out.total += 1
        out.hits += right
        out.top1 += bool(ranking) and ranking[0].specimen.slug == slug
        if not right:
            out.failures.append(f"{kind}: {query!r} → {describe(result)}; expected {slug}")
    for query, slug in evaluation.partial.items():
        out.partial_total += 1
        result = index.lookup(query)
        suggested = index.suggest(query, 3)
        if isinstance(result, Hit):
            out.failures.append(f"partial: {query!r} → {describe(result)}; expected no hit")
        elif suggested and suggested[0].specimen.slug == slug:
            out.partial_suggested += 1
        else:
            slugs = [c.specimen.slug for c in suggested]
            out.failures.append(f"partial: {query!r} → suggests {slugs}; expected {slug}")
    for title in evaluation.unrelated:
        out.unrelated_total += 1
        result = index.lookup(title)
        if isinstance(result, Hit):
            out.unrelated_hits.append(f"{title!r} → {describe(result)}")
        out.unrelated_ambiguous += isinstance(result, Ambiguous)
    return out
