"""Which job link of a message the "Identify specimen" modal shows first, and the chooser of the others (pure)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from bot.core.blocks.text import clamp, one_line
from bot.core.cards.chooser import ADDRESS_MAX, Chooser, LinkChoice
from bot.core.links import LinkScan
from bot.core.matching.result import Hit, LookupResult

GUESSES_TRIED = 3  # a job link's candidate titles looked up before settling for its best one


def link_choices(scan: LinkScan, lookup: Callable[[str], LookupResult]) -> Chooser:
    """One choice per job link, in message order, the best one selected.

    A link's guess is the first of its few best candidate titles that names a specimen, else its best candidate; the
    message text's own candidate counts for the first link. Selected: the first link, by candidate rank, whose guess
    names a specimen; else the link of the best candidate overall.
    """
    from_text = [c.title for c in scan.candidates if c.link is None]
    choices: list[LinkChoice] = []
    hits: set[int] = set()
    for number, link in enumerate(scan.job_links):
        titles = [c.title for c in scan.titles_for(link.url)] + (from_text if number == 0 else [])
        guess = next((t for t in titles[:GUESSES_TRIED] if isinstance(lookup(t), Hit)), None)
        if guess is not None:
            hits.add(number)
        choices.append(LinkChoice(guess or (titles[0] if titles else None), short_address(link.url)))
    numbers = {link.url: number for number, link in enumerate(scan.job_links)}
    ranked = [numbers.get(c.link or "", 0) for c in scan.candidates]
    selected = next((n for n in ranked if n in hits), ranked[0] if ranked else 0)
    return Chooser(tuple(choices), selected, partial=scan.truncated)


def short_address(url: str) -> str:
    """``boards.greenhouse.io/acme/jobs/4012345``: the host without "www." and the path, clamped (raw text)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return clamp(url, ADDRESS_MAX)
    host = (parts.hostname or "").removeprefix("www.")
    return clamp(one_line(host + parts.path.rstrip("/")) or url, ADDRESS_MAX)
