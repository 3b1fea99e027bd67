"""Which job link of a message the "Identify specimen" modal shows first, and the chooser of the others (pure)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from bot.core.blocks.text import clamp, one_line
from bot.core.cards.chooser import ADDRESS_MAX, Chooser, LinkChoice
from bot.core.links import LinkScan, Source, TitleCandidate
from bot.core.links.lines import is_chatty, names_a_role
from bot.core.matching.result import Ambiguous, Hit, LookupResult, Miss

GUESSES_TRIED = 3  # a job link's candidate titles looked up before settling for its best one


def link_choices(scan: LinkScan, lookup: Callable[[str], LookupResult]) -> Chooser:
    """One choice per job link, in message order, the best one selected.

    A link's guess is the first of its few best candidate titles that names a specimen, else its best candidate
    that reads as a title (see `reads_as_title`), else None (the modal asks for the title). A candidate without a
    link counts for the first link. Selected: the first link, by candidate rank, whose guess names a specimen; else
    the link of the best candidate offered; else the first link.
    """
    numbers = {link.url: number for number, link in enumerate(scan.job_links)}
    choices: list[LinkChoice] = []
    hits: set[int] = set()
    offered: set[int] = set()
    for number, link in enumerate(scan.job_links):
        own = [c for c in scan.candidates if numbers.get(c.link or "", 0) == number]
        guess, hit = _guess(own, lookup)
        if hit:
            hits.add(number)
        if guess is not None:
            offered.add(number)
        choices.append(LinkChoice(guess, short_address(link.url)))
    ranked = [numbers.get(c.link or "", 0) for c in scan.candidates]
    selected = next((n for n in ranked if n in hits), next((n for n in ranked if n in offered), 0))
    return Chooser(tuple(choices), selected, partial=scan.truncated)


def _guess(candidates: Sequence[TitleCandidate], lookup: Callable[[str], LookupResult]) -> tuple[str | None, bool]:
    """A link's guess and whether it names a specimen; at most `GUESSES_TRIED` lookups for the hit, plus one for
    each later candidate from chat prose that has to be judged."""
    fallback: str | None = None
    for rank, candidate in enumerate(candidates):
        if rank >= GUESSES_TRIED and (fallback is not None or candidate.source is not Source.TEXT):
            return fallback or candidate.title, False
        result = lookup(candidate.title)
        if rank < GUESSES_TRIED and isinstance(result, Hit):
            return candidate.title, True
        if fallback is None and reads_as_title(candidate, result):
            fallback = candidate.title
    return fallback, False


def reads_as_title(candidate: TitleCandidate, result: LookupResult) -> bool:
    """Whether a candidate may be offered as the link's title, `result` being its lookup.

    Labels, unfurl titles and URL slugs always may. Chat prose (Source.TEXT) may when the index gives it a card or
    a choice of specimens; or, when it is not a sentence (no "you"/"our", no question, at most eight words), when
    the index has closest specimens for it or it holds a role word ("Senior Rust Developer"). Otherwise the modal
    asks for the title rather than offer "you should apply".
    """
    if candidate.source is not Source.TEXT or isinstance(result, Hit | Ambiguous):
        return True
    if is_chatty(candidate.title, candidate.clause):
        return False
    return (isinstance(result, Miss) and bool(result.suggestions)) or names_a_role(candidate.title)


def short_address(url: str) -> str:
    """``boards.greenhouse.io/acme/jobs/4012345``: the host without "www." and the path, clamped (raw text)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return clamp(url, ADDRESS_MAX)
    host = (parts.hostname or "").removeprefix("www.")
    return clamp(one_line(host + parts.path.rstrip("/")) or url, ADDRESS_MAX)
