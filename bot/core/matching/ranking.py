"""How names are scored and scores become an answer.

A name's score compares its words with the query's: ``matched / (matched + EXTRA_COST * typed words left over +
MISSING_COST * name words not typed)``, times the weight of the readings that matched (an ignored optional part,
an ambiguous short form). A typo or inflected word counts as a partial match (see `credit`). The two costs are the
coverage penalty: "engineer" alone scores 62 against "DevOps Engineer", never a hit; and a query with a word the
name lacks ("Senior Product Marketing Manager") is asking for another role, so extra typed words cost more than
name words left out ("machine learning engineer" for "Junior Machine Learning Engineer").
The thresholds come from the labelled set in tests/matching/evaluation.yml (`python -m bench.matching` sweeps them).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

from bot.core.matching.result import Ambiguous, Candidate, Hit, LookupResult, Miss
from bot.core.records.model import Specimen

EXTRA_COST = 0.75
MISSING_COST = 0.6
TYPO_COST = 0.5  # share of a typo's dissimilarity that counts against the match
HIT_SCORE = 0.84  # at or above: the query names the specimen (if no rival is within MARGIN)
MARGIN = 0.05  # a rival this close makes the answer ambiguous
SUGGEST_SCORE = 0.5  # at or above: worth a did-you-mean
DEFAULT_LIMIT = 5
# Levels (normalize.py): a name of a record with a level ("Junior …") met by a query without one counts a little less
# than a name without a level, so "ML Engineer" finds the unlevelled record when both exist; met by another level
# ("Senior …") it stays below HIT_SCORE: a did-you-mean at most, never the card.
# A query with a level prefers a name of that level to one without ("jr ml enginer": the junior record, not
# AI Engineer).
LEVEL_UNSTATED = 0.93
LEVEL_GENERIC = 0.94
LEVEL_OTHER = 0.8


def level_factor(name_level: str | None, query_level: str | None) -> float:
    """How much a name of ``name_level`` counts for a query of ``query_level``."""
    if name_level == query_level:
        return 1.0
    if name_level is None:
        return LEVEL_GENERIC
    return LEVEL_UNSTATED if query_level is None else LEVEL_OTHER


def level_tier(name_level: str | None, query_level: str | None) -> int:
    """Exact matches by level: the query's own level (3), no level (2), the record's level unstated (1), other (0)."""
    if name_level is not None and name_level == query_level:
        return 3
    if name_level is None:
        return 2
    return 1 if query_level is None else 0


def credit(similarity: float) -> float:
    """How much a neighbour word (similarity in (0, 1]) counts as a match of the typed word."""
    return 1.0 - TYPO_COST * (1.0 - similarity)


def name_score(matched: float, typed: int, words: int) -> float:
    """The score of a name of ``words`` words against ``typed`` query words of which ``matched`` matched."""
    matched = min(matched, typed, words)
    return matched / (matched + EXTRA_COST * (typed - matched) + MISSING_COST * (words - matched))


def ranked(
    specimens: Sequence[Specimen],
    names: Sequence[str],
    best: Mapping[int, tuple[float, int]],
    *,
    floor: float = 0.0,
    limit: int = DEFAULT_LIMIT,
) -> list[tuple[float, Candidate]]:
    """The best ``limit`` specimens (by score, then title), each with the name it matched through."""
    items = [(score, owner, name) for owner, (score, name) in best.items() if score >= floor]
    if len(items) > limit:
        cut = heapq.nlargest(limit, (score for score, _, _ in items))[-1]
        items = [item for item in items if item[0] >= cut]
    items.sort(key=lambda item: (-item[0], specimens[item[1]].title.casefold(), specimens[item[1]].slug))
    return [(score, Candidate(specimens[s], _percent(score), names[name])) for score, s, name in items[:limit]]


def classify(ranking: list[tuple[float, Candidate]], limit: int = DEFAULT_LIMIT) -> LookupResult:
    """A hit when the best score is high enough and no rival is close; else a ranked choice or a miss."""
    if not ranking or ranking[0][0] < HIT_SCORE:
        return Miss(tuple(c for score, c in ranking[:limit] if score >= SUGGEST_SCORE))
    best = ranking[0][0]
    if len(ranking) > 1 and best - ranking[1][0] < MARGIN:
        return Ambiguous(tuple(c for score, c in ranking[: max(limit, 2)] if score > best - 2 * MARGIN))
    top = ranking[0][1]
    return Hit(top.specimen, top.score, top.matched_name)


def _percent(score: float) -> int:
    return min(100, max(0, round(score * 100)))
