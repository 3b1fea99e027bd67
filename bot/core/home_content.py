"""App Home, the field guide index: what the Home tab shows, as pure functions of the catalog, the store's rows and now.

A Home tab holds at most 100 blocks and a catalog may hold thousands of specimens, so the index is paged. A page
button carries the page it leads to as its value; values come back from Slack clients and are checked like any input
(``decode_page``). A page past the end is not an error: the catalog may have shrunk since the button was drawn.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.core.daily.model import Subscription
from bot.core.daily.schedule import Occurrence, next_occurrence
from bot.core.records.model import BurnQuote, Catalog, Specimen

PAGE_SIZE = 20
ASKS_SHOWN = 10
_PAGE_VALUE = re.compile(r"[1-9][0-9]{0,5}")  # 1 to 999,999: far beyond any catalog, short enough to check cheaply


class PageError(ValueError):
    """A page value this app did not write."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the index: ``number`` of ``count`` (1-based), and the specimens on it."""

    number: int
    count: int
    total: int
    start: int  # index in the whole list of the first specimen shown
    specimens: tuple[Specimen, ...]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


@dataclass(frozen=True, slots=True)
class DailyQuote:
    """Today's quote: entry ``index`` of the specimen's burn ward."""

    specimen: Specimen
    index: int

    @property
    def quote(self) -> BurnQuote:
        return self.specimen.burn_ward[self.index]


@dataclass(frozen=True, slots=True)
class HomeContent:
    """Everything one Home tab shows. ``subscriptions`` and ``asks`` are None when the server has no database."""

    page: Page
    quote: DailyQuote | None
    subscriptions: tuple[Subscription, ...] | None
    asks: tuple[AskedTitle, ...] | None
    now: datetime


def encode_page(number: int) -> str:
    value = str(number)
    if not _PAGE_VALUE.fullmatch(value):
        raise PageError(f"page must be a whole number from 1 to 999999, got {number!r}")
    return value


def decode_page(value: object) -> int:
    """The page number in a button value (or a view's private_metadata), or PageError saying what is wrong."""
    if not isinstance(value, str):
        raise PageError(f"page value must be text, got {type(value).__name__}")
    if not _PAGE_VALUE.fullmatch(value):
        raise PageError(f"page value must be a whole number from 1 to 999999, got {value[:40]!r}")
    return int(value)


@functools.lru_cache(maxsize=4)
def index_order(catalog: Catalog) -> tuple[Specimen, ...]:
    """The specimens as the index lists them: by title, A to Z (case folded), slug breaking ties.

    Cached per catalog object: the catalog is immutable and lives as long as the process.
    """
    return tuple(sorted(catalog, key=lambda s: (s.title.casefold(), s.slug)))


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def page_of(specimens: Sequence[Specimen], number: int, size: int = PAGE_SIZE) -> Page:
    """Page ``number`` of ``specimens``; a number past either end gives the first or the last page."""
    count = page_count(len(specimens), size)
    number = min(max(1, number), count)
    start = (number - 1) * size
    return Page(number, count, len(specimens), start, tuple(specimens[start : start + size]))


def quote_of_the_day(catalog: Catalog, day: date) -> DailyQuote | None:
    """One burn-ward quote per date, the same for everyone that day, every quote of the catalog equally likely.

    The pick is a hash of the ISO date over all quotes in slug order, so it needs no state and no clock; it is not the
    daily channel rotation (which is per channel and never repeats). None when the catalog holds no quote.
    """
    total = sum(len(s.burn_ward) for s in catalog)
    if total == 0:
        return None
    digest = hashlib.sha256(f"specimen-home-quote:{day.isoformat()}".encode()).digest()
    remaining = int.from_bytes(digest[:8], "big") % total
    for specimen in catalog:
        if remaining < len(specimen.burn_ward):
            return DailyQuote(specimen, remaining)
        remaining -= len(specimen.burn_ward)
    raise AssertionError("unreachable: the remainder is below the total")


def utc_day(now: datetime) -> date:
    """The date "today's quote" is for: the UTC date, so every member of a workspace sees the same quote."""
    return now.astimezone(UTC).date()


def next_post(sub: Subscription, now: datetime) -> Occurrence | None:
    """The subscription's next post: None while paused; the stored one, else the next occurrence from ``now``.

    The stored occurrence may lie a little in the past when its post is due and not yet sent; it is still the next post.
    """
    if sub.paused:
        return None
    if sub.next is not None:
        return sub.next
    return next_occurrence(sub.schedule, now)


@dataclass(frozen=True, slots=True)
class AskedTitle:
    """A title the guide lacks that ``people`` different people of a workspace asked for where others could see it
    (in a public channel, or with the Request button). No user ids: the store counts people by a one-way hash."""

    normalized_query: str
    people: int
    last_seen: datetime


# One person's search is never shown to the workspace, nor a title typed only in DMs or private channels: the store
# counts only public asks and Requests, and only titles that at least this many different people asked for appear.
MIN_PEOPLE_SHOWN = 2


def shared_asks(asks: Sequence[AskedTitle]) -> tuple[AskedTitle, ...]:
    """The asked-for titles fit to show everyone: asked for by at least ``MIN_PEOPLE_SHOWN`` different people."""
    return tuple(ask for ask in asks if ask.people >= MIN_PEOPLE_SHOWN)
