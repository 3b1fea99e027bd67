"""The indexed names and their scoring: a query meets only the names that share a (neighbour) word with it.

Names are numbered by word count, so "fewest words first" is "smallest number first". A word held by many names
("engineer", "manager", "operator") is not walked but tested by set membership on the candidates the rarer words
found; names made only of such words are taken shortest first. Candidates that cannot reach the score floor even
with every remaining word matched are dropped before any per-name work.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from itertools import islice

from bot.core.matching.ranking import EXTRA_COST, level_factor, name_score
from bot.core.titles.normalize import Form

COMMON_NAMES = 256  # a word in more names than this is tested by membership, not walked
SHORT_NAMES = 64  # names taken (fewest words first) for a query made only of common words

Matches = list[tuple[str, float]]  # known words one query word may mean, with their credit
Shared = list[tuple[frozenset[int], float, str]]  # the common words among them: (names, credit, word)
Best = dict[int, tuple[float, int]]  # specimen number → (score, name number)


class NameTable:
    """Every distinct name form of a catalog, numbered, with word postings."""

    __slots__ = ("_by_key", "_common", "_postings", "display", "level", "owner", "size", "weight", "words")

    def __init__(self, entries: list[tuple[Form, int, str]]) -> None:
        entries = sorted(entries, key=lambda e: (len(e[0].words), e[0].key, e[1]))
        self.display = [text for _, _, text in entries]
        self.owner = [owner for _, owner, _ in entries]
        self.words = [form.words for form, _, _ in entries]
        self.size = [len(form.words) for form, _, _ in entries]
        self.weight = [form.weight for form, _, _ in entries]
        self.level = [form.level for form, _, _ in entries]
        by_key: dict[str, list[int]] = {}
        postings: dict[str, list[int]] = {}
        for number, (form, _, _) in enumerate(entries):
            by_key.setdefault(form.key, []).append(number)
            for word in form.words:
                postings.setdefault(word, []).append(number)
        self._by_key = {key: tuple(numbers) for key, numbers in by_key.items()}
        self._postings = postings
        self._common = {w: frozenset(n) for w, n in postings.items() if len(n) > COMMON_NAMES}

    def __len__(self) -> int:
        return len(self.display)

    def known_words(self) -> set[str]:
        return set(self._postings)

    def exact(self, key: str) -> tuple[int, ...]:
        """The names whose key is ``key``."""
        return self._by_key.get(key, ())

    def score(self, form: Form, matches: list[Matches], best: Best, floor: float) -> None:
        """Offer each specimen its best name score for ``form`` (``matches``: one list per form word)."""
        weight, owner, name_weight, typed = form.weight, self.owner, self.weight, len(form.words)
        query_level, levels = form.level, self.level
        for number in self.exact(form.key):
            _offer(
                best, owner[number], weight * name_weight[number] * level_factor(levels[number], query_level), number
            )
        # A name of m matched words scores at most m / (m + EXTRA_COST * (typed - m)); below `need` it is too low.
        need = floor * EXTRA_COST * typed / (1.0 - floor + floor * EXTRA_COST) - 1e-9
        rare: list[dict[int, float]] = []
        common: list[Shared] = []
        for word_matches in matches:
            sims: dict[int, float] = {}
            shared: Shared = []
            for word, sim in word_matches:
                many = self._common.get(word)
                if many is not None:
                    shared.append((many, sim, word))
                    continue
                for number in self._postings[word]:
                    if sims.get(number, 0.0) < sim:
                        sims[number] = sim
            rare.append(sims)
            common.append(shared)
        totals: dict[int, float] = {}
        for sims in rare:
            for number, sim in sims.items():
                totals[number] = totals.get(number, 0.0) + sim
        common_words = sum(1 for shared in common if shared)
        if common_words:
            if common_words >= need:
                for number in self._common_candidates(common):
                    totals.setdefault(number, 0.0)
            totals = {n: t for n, t in totals.items() if t + common_words >= need}
            for sims, shared in zip(rare, common, strict=True):
                if shared:
                    _add_common(totals, sims, shared)
        twice = _matched_twice(matches)
        if twice:
            for number in totals:
                if not twice.isdisjoint(self.words[number]):
                    totals[number] = _assigned(self.words[number], matches)
        size = self.size
        for number, total in totals.items():
            if total >= need:
                score = name_score(total, typed, size[number]) * weight * name_weight[number]
                _offer(best, owner[number], score * level_factor(levels[number], query_level), number)

    def _common_candidates(self, common: list[Shared]) -> Iterable[int]:
        """Names holding the query's common words: all (or most) of them, fewest words first."""
        tops = [max(shared, key=lambda item: item[1]) for shared in common if shared]
        found: set[int] = set()
        for _, _, word in tops:
            found.update(islice(self._postings[word], SHORT_NAMES // 4))
        if len(tops) == 1:
            found.update(islice(self._postings[tops[0][2]], SHORT_NAMES))
            return found
        sets = sorted((many for many, _, _ in tops), key=len)
        together = sets[0] & sets[1]
        for many in sets[2:]:
            narrower = together & many
            if narrower:
                together = narrower
        found.update(heapq.nsmallest(SHORT_NAMES, together) if len(together) > SHORT_NAMES else together)
        return found


def _add_common(totals: dict[int, float], sims: dict[int, float], shared: Shared) -> None:
    """Credit one query word's common-word matches to the candidates holding them."""
    for number in totals:
        rare_sim = sims.get(number, 0.0)
        sim = rare_sim
        for many, common_sim, _ in shared:
            if common_sim > sim and number in many:
                sim = common_sim
        if sim > rare_sim:
            totals[number] += sim - rare_sim


def _matched_twice(matches: list[Matches]) -> set[str]:
    """Known words that more than one query word matched ("mechanical", "technician" → "technical")."""
    seen: set[str] = set()
    twice: set[str] = set()
    for word_matches in matches:
        for word in {w for w, _ in word_matches}:
            if word in seen:
                twice.add(word)
            seen.add(word)
    return twice


def _assigned(name_words: tuple[str, ...], matches: list[Matches]) -> float:
    """The matched amount when each name word answers at most one query word (greedy, best pairs first)."""
    pairs = sorted(
        ((sim, n, word) for n, word_matches in enumerate(matches) for word, sim in word_matches if word in name_words),
        reverse=True,
    )
    used_typed: set[int] = set()
    used_words: set[str] = set()
    total = 0.0
    for sim, n, word in pairs:
        if n not in used_typed and word not in used_words:
            used_typed.add(n)
            used_words.add(word)
            total += sim
    return total


def _offer(best: Best, specimen: int, score: float, number: int) -> None:
    held = best.get(specimen)
    if held is None or score > held[0]:
        best[specimen] = (score, number)
