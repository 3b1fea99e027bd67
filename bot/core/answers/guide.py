"""What the app answers, as Block Kit payloads: pure functions of a command or a button state and the catalog.

Listeners and the terminal preview both call these, so `specimen card TITLE` shows the very payload Slack gets.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from typing import Any

from bot.core.answers.slash import Help, ListAll, Lookup, SlashCommand, Snippet
from bot.core.blocks.state import CardState, encode_request
from bot.core.cards.pick import pick_entries, pick_index
from bot.core.cards.replies import (
    MISS_OFFERS,
    Nearby,
    Suggestion,
    did_you_mean,
    error_message,
    help_message,
    list_message,
    miss_card,
)
from bot.core.cards.snippets import day_preview, quote_preview, shared_day, shared_quote
from bot.core.cards.specimen import card_preview, shared_card
from bot.core.matching.index import TitleIndex
from bot.core.matching.result import Ambiguous, Hit, LookupResult, Miss
from bot.core.records.model import Catalog, Specimen

Payload = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Answer:
    """A reply payload, and the query that found nothing (counted for App Home), if any."""

    payload: Payload
    missed_query: str | None = None


class FieldGuide:
    """The catalog and its title index: everything an answer needs besides randomness."""

    def __init__(self, catalog: Catalog, index: TitleIndex) -> None:
        self.catalog = catalog
        self.index = index
        self.slugs = frozenset(s.slug for s in catalog)

    @classmethod
    def build(cls, catalog: Catalog) -> FieldGuide:
        """The guide of a catalog, with its title index built once (the slow part, done at start-up)."""
        return cls(catalog, TitleIndex.build(catalog))

    def card(self, specimen: Specimen, rng: random.Random) -> Payload:
        quote, day = pick_entries(specimen, rng)
        return self._card_preview(specimen.slug, quote, day)

    @functools.lru_cache(maxsize=512)  # noqa: B019 - one FieldGuide lives as long as the process
    def _card_preview(self, slug: str, quote: int, day: int) -> Payload:
        """Cards are pure functions of (record, quote, day): build each once; callers never mutate payloads."""
        specimen = self.catalog.by_slug(slug)
        assert specimen is not None
        return card_preview(specimen, quote, day, self.slugs)

    def answer(self, command: SlashCommand, rng: random.Random) -> Answer:
        """The reply to a parsed `/specimen` command (the `daily` family is answered by the daily module)."""
        if isinstance(command, Help):
            return Answer(help_message(command.topic))
        if isinstance(command, ListAll):
            return Answer(list_message(self.catalog))
        if isinstance(command, Snippet):
            return self._snippet(command, rng)
        if isinstance(command, Lookup):
            return self.lookup(command.title, rng)
        return Answer(help_message())

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one FieldGuide lives as long as the process
    def find(self, query: str) -> LookupResult:
        """The index's answer for ``query``, remembered: the titles people type repeat, and answers are immutable."""
        return self.index.lookup(query)

    def lookup(self, query: str, rng: random.Random) -> Answer:
        result = self.find(query)
        if isinstance(result, Hit):
            return Answer(self.card(result.specimen, rng))
        if isinstance(result, Ambiguous):
            return Answer(did_you_mean(query, [_suggestion(c) for c in result.candidates]))
        assert isinstance(result, Miss)
        return Answer(self.miss(query, result, rng), missed_query=query)

    def miss(self, query: str, result: Miss, rng: random.Random) -> Payload:
        """The miss card: did-you-mean choices, else the closest specimens, else three to meet; and Request."""
        nearby, offers = Nearby.DID_YOU_MEAN, [_suggestion(c) for c in result.suggestions[:MISS_OFFERS]]
        if not offers:
            nearby, offers = Nearby.CLOSEST, [_suggestion(c) for c in self.index.rank(query, MISS_OFFERS)]
        if not offers and len(self.catalog):
            picked = rng.sample(self.catalog.specimens, min(MISS_OFFERS, len(self.catalog)))
            nearby, offers = Nearby.RANDOM, [Suggestion(s.title, s.slug) for s in picked]
        label = miss_label(query)
        request = encode_request(label) if self.index.read(query) else None  # a level alone is no title to request
        return miss_card(query, offers, nearby, total=len(self.catalog), request=request)

    def _snippet(self, command: Snippet, rng: random.Random) -> Answer:
        if command.role:
            result = self.find(command.role)
            if isinstance(result, Miss):  # the role names nothing: the whole text is a title ("day trader")
                return self.lookup(command.text or f"{command.kind} {command.role}", rng)
            if isinstance(result, Ambiguous):  # ask, as a title lookup does; a pick shows that role's card
                return Answer(did_you_mean(command.role, [_suggestion(c) for c in result.candidates]))
            specimen = result.specimen
        else:
            specimen = self._weighted_choice(command.kind, rng)
        state = CardState(command.kind, specimen.slug)
        return Answer(self.preview(_with_random_entry(state, specimen, rng), specimen))

    def _weighted_choice(self, kind: str, rng: random.Random) -> Specimen:
        """Every quote (or day-log entry) of the catalog equally likely, not every specimen."""
        specimens = self.catalog.specimens
        weights = [len(s.burn_ward) if kind == "quote" else len(s.day_log) for s in specimens]
        return rng.choices(specimens, weights=weights)[0]

    def preview(self, state: CardState, specimen: Specimen) -> Payload:
        """The ephemeral preview a button state describes."""
        if state.kind == "quote":
            return quote_preview(specimen, state.quote)
        if state.kind == "day":
            return day_preview(specimen, state.day)
        return self._card_preview(specimen.slug, state.quote, state.day)

    def shared(self, state: CardState, specimen: Specimen, shared_by: str | None, sharer_id: str | None) -> Payload:
        """The in-channel message the Share / Send button posts (``sharer_id`` may remove it)."""
        if state.kind == "quote":
            return shared_quote(specimen, state.quote, shared_by, sharer_id)
        if state.kind == "day":
            return shared_day(specimen, state.day, shared_by, sharer_id)
        return shared_card(specimen, state.quote, state.day, shared_by, sharer_id)

    def shuffled(self, state: CardState, specimen: Specimen, rng: random.Random) -> Payload:
        """The same preview with a different quote and day-log entry (different whenever there is another)."""
        quote = pick_index(len(specimen.burn_ward), rng, avoid=state.quote)
        day = pick_index(len(specimen.day_log), rng, avoid=state.day)
        return self.preview(CardState(state.kind, specimen.slug, quote, day), specimen)


MISS_LABEL_MAX = 100


def miss_label(query: str) -> str:
    """How a query that found nothing is counted: case and spacing folded, so "Pizza " and "pizza" add up."""
    return " ".join(query.casefold().split())[:MISS_LABEL_MAX]


def gone_text(slug: str) -> str:
    return f"The specimen “{slug}” is no longer in the field guide."


def gone(slug: str) -> Payload:
    return error_message(f"{gone_text(slug)} Try /specimen list.")


def _with_random_entry(state: CardState, specimen: Specimen, rng: random.Random) -> CardState:
    quote, day = pick_entries(specimen, rng)
    return CardState(state.kind, state.slug, quote, day)


def _suggestion(candidate: Any) -> Suggestion:
    return Suggestion(candidate.specimen.title, candidate.specimen.slug, candidate.score)
