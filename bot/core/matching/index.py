"""The title index: built once from the catalog; a lookup does work for the query only.

Every title, alias and slug is read into canonical words once (see normalize.py). A query is first looked up by
its key (one dict access answers every exact, reordered, abbreviated or decorated spelling of a name), then
scored against the names sharing a word, a typo neighbour or an inflection of one with it (words.py, names.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from rapidfuzz.distance import OSA

from bot.core.matching.names import Best, Matches, NameTable
from bot.core.matching.ranking import DEFAULT_LIMIT, SUGGEST_SCORE, classify, credit, level_tier, ranked
from bot.core.matching.result import Ambiguous, Candidate, Hit, LookupResult, Miss
from bot.core.matching.words import WordTable
from bot.core.records.model import Catalog, Specimen
from bot.core.titles.lexicon import Lexicon, title_words
from bot.core.titles.normalize import Form, Normalizer, default_normalizer, fold, word_list

__all__ = ["Ambiguous", "Candidate", "Hit", "LookupResult", "Miss", "TitleIndex"]

PREFIX_CREDIT = 0.9  # an unfinished word in `suggest` that a known word starts with
SUGGEST_FLOOR = 0.25  # `suggest` and `rank` list specimens from this score


class TitleIndex:
    """Ranked title lookup over a catalog's titles, aliases and slugs."""

    def __init__(self, specimens: tuple[Specimen, ...], normalizer: Normalizer) -> None:
        self.specimens = specimens
        self._normalizer = normalizer
        self._levels = tuple(_record_level(s, normalizer) for s in specimens)
        with _collector_paused():
            self._names = NameTable(_name_entries(specimens, normalizer))
            self._words = WordTable(self._names.known_words(), title_words())

    @classmethod
    def build(cls, catalog: Catalog | Iterable[Specimen], abbreviations: Lexicon | None = None) -> TitleIndex:
        """Index a catalog under the shipped lexicon (bot/core/titles/abbreviations.yml), or ``abbreviations``."""
        normalizer = default_normalizer() if abbreviations is None else Normalizer(abbreviations)
        return cls(tuple(catalog), normalizer)

    def __len__(self) -> int:
        """The number of distinct indexed name forms."""
        return len(self._names)

    def forget_typed_words(self) -> None:
        """Drop the remembered typo neighbours of typed words (for measuring cold lookups)."""
        self._words.forget()

    def lookup(self, query: str, limit: int = DEFAULT_LIMIT) -> LookupResult:
        """A Hit, an Ambiguous choice or a Miss with suggestions, best first.

        A Miss suggests at most ``limit`` specimens; an Ambiguous answer offers at most ``limit`` (and at least 2).
        """
        limit = max(limit, 1)
        forms = self._normalizer.query_forms(query)
        if not forms:
            return Miss(())
        names = self._names
        level = forms[0].level
        exact = [n for n in names.exact(forms[0].key) if names.weight[n] == 1.0]
        tiers = [level_tier(names.level[n], level) for n in exact]
        top = max(tiers, default=0)
        exact = [n for n, tier in zip(exact, tiers, strict=True) if tier == top and tier > 0]
        owners = {names.owner[n]: n for n in reversed(exact)}
        if len(owners) == 1:
            number = exact[0]
            return Hit(self.specimens[names.owner[number]], 100, names.display[number])
        if len(owners) > 1:  # one name claimed by several records (the loader refuses this; built catalogs may not)
            best = {owner: (1.0, number) for owner, number in owners.items()}
            return Ambiguous(tuple(c for _, c in self._ranked(best, 0.0, max(limit, 2))))
        # The runner-up is ranked even for limit 1: a close one makes the answer ambiguous.
        ranking = self._ranked(self._best(forms, SUGGEST_SCORE), SUGGEST_SCORE, max(limit, 2))
        result = classify(ranking, limit)
        if isinstance(result, Hit) and not self._shares_a_word(result.matched_name, forms):
            # Every word only resembles the name's ("Communication Technician" for "Technical Communicator"):
            # likely another role, so ask rather than show the card.
            return Miss(tuple(c for _, c in ranking[:limit]))
        return result

    def _shares_a_word(self, name: str, forms: list[Form]) -> bool:
        """Whether the query spells at least one word of ``name`` exactly or with one slip of the keyboard
        ("softwre"), not only words that resemble it ("technician" for "technical"). One-word queries always do."""
        if any(len(form.words) == 1 for form in forms):
            return True
        words = {w for form in self._normalizer.name_forms(name) for w in form.words}
        typed = {w for form in forms for w in form.words}
        if not words.isdisjoint(typed):
            return True
        return any(OSA.distance(t, w, score_cutoff=1) <= 1 for t in typed if len(t) >= 4 for w in words if len(w) >= 4)

    def read(self, query: str) -> list[Form]:
        """How a query is read: its canonical forms, best first (for explaining a lookup)."""
        return self._normalizer.query_forms(query)

    def rank(self, query: str, limit: int = DEFAULT_LIMIT) -> tuple[Candidate, ...]:
        """The specimens worth naming for ``query``, best first, whatever `lookup` decides (for tuning aliases)."""
        forms = self._normalizer.query_forms(query)
        return tuple(c for _, c in self._ranked(self._best(forms, SUGGEST_FLOOR), SUGGEST_FLOOR, limit))

    def suggest(self, text: str, limit: int = 10) -> tuple[Candidate, ...]:
        """Specimens for a search box: ``text`` may be unfinished ("jr ml e"); empty text lists titles A-Z."""
        forms = self._normalizer.query_forms(text)
        if not forms:
            return self._by_title(self._normalizer.level_only(text), limit)
        typed = word_list(fold(text))
        unfinished = typed[-1] if typed and not text[-1:].isspace() else ""
        best: Best = {}
        for form in forms:
            matches = [self._neighbours(w) for w in form.words]
            if unfinished in form.words:
                at = form.words.index(unfinished)
                started = [(w, PREFIX_CREDIT) for w in self._words.with_prefix(unfinished) if w != unfinished]
                matches[at] = matches[at] + started
            self._names.score(form, matches, best, SUGGEST_FLOOR)
        found = tuple(c for _, c in self._ranked(best, SUGGEST_FLOOR, limit))
        if not found and len(typed) == 1 and self._normalizer.starts_a_level(unfinished):
            return self._by_title(None, limit)  # "j", "sen": a level being typed, not yet a title
        return found

    def _by_title(self, level: str | None, limit: int) -> tuple[Candidate, ...]:
        """Specimens A-Z, those of ``level`` first (a search box that holds only a level, or nothing yet)."""
        order = sorted(
            range(len(self.specimens)),
            key=lambda n: (
                level is not None and self._levels[n] != level,
                self.specimens[n].title.casefold(),
                self.specimens[n].slug,
            ),
        )
        return tuple(Candidate(self.specimens[n], 0, self.specimens[n].title) for n in order[:limit])

    def _neighbours(self, word: str) -> Matches:
        return [(known, credit(similarity)) for known, similarity in self._words.neighbours(word)]

    def _best(self, forms: list[Form], floor: float) -> Best:
        best: Best = {}
        neighbours: dict[str, Matches] = {}
        for form in forms:
            matches = []
            for word in form.words:
                if word not in neighbours:
                    neighbours[word] = self._neighbours(word)
                matches.append(neighbours[word])
            self._names.score(form, matches, best, floor)
        return best

    def _ranked(self, best: Best, floor: float, limit: int) -> list[tuple[float, Candidate]]:
        return ranked(self.specimens, self._names.display, best, floor=floor, limit=limit)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building makes ~10 objects per name and no cycles; the cycle collector would only rescan them.

    Measured with `python -m bench.matching`: a third of the build time for 79k names.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _record_level(specimen: Specimen, normalizer: Normalizer) -> str | None:
    """The level of a record: its title's ("Junior Machine Learning Engineer" is junior), else None."""
    forms = normalizer.name_forms(specimen.title)
    return forms[0].level if forms else None


def _name_entries(specimens: tuple[Specimen, ...], normalizer: Normalizer) -> list[tuple[Form, int, str]]:
    """Each specimen's distinct name forms (title, aliases, slug); a key once per specimen, at its best weight.

    A name without a level of its own takes the level of the record's title ("AI Apprentice" is junior too).
    """
    entries: list[tuple[Form, int, str]] = []
    for owner, specimen in enumerate(specimens):
        mine: dict[str, tuple[Form, str]] = {}
        record_level = _record_level(specimen, normalizer)
        for text in (specimen.title, *specimen.aliases, specimen.slug):
            for named in normalizer.name_forms(text):
                form = named if named.level or not record_level else replace(named, level=record_level)
                held = mine.get(form.key)
                if held is None or form.weight > held[0].weight:
                    mine[form.key] = (form, text)
        entries.extend((form, owner, text) for form, text in mine.values())
    return entries
