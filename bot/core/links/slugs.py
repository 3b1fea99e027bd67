"""Role titles read from the URLs of boards that put the title in the path.

Boards whose URLs carry only an id (Greenhouse, Lever, Ashby, Workable, Indeed `viewjob?jk=`) give nothing here.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from bot.core.links.urls import HttpUrl, is_job_segment

_SEPARATORS = re.compile(r"[-_\s]+")
_EXTENSION = re.compile(r"\.(?:html?|aspx?|php|jsp|cfm)$", re.IGNORECASE)
_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE)
_LOCALE = re.compile(r"(?:en|de|fr|es|it|nl|pt|ja|zh|ko|sv|da|no|fi|pl)[-_][a-z]{2}", re.IGNORECASE)
_GLASSDOOR_OFFSETS = re.compile(r"_KO([0-9]{1,4}),([0-9]{1,4})")
_WORKDAY_TRAILERS = frozenset({"apply", "applymanually", "autofillwithresume", "usemylastapplication", "login"})
# fmt: off
_NON_TITLE_WORDS = frozenset({
    "job", "jobs", "career", "careers", "apply", "application", "view", "details", "detail", "search", "results",
    "external", "internal", "posting", "postings", "listing", "listings", "opening", "openings", "position",
    "positions", "open", "all", "index", "home", "page", "team", "teams", "join", "our", "the", "us", "vacancy",
    "vacancies", "requisition", "req", "id", "and", "at", "for", "in", "of", "with", "a", "an", "here", "now",
    "hiring", "work", "about", "company", "en",
})
# fmt: on
_ID_ONLY_BOARDS = frozenset({"Greenhouse", "Lever", "Ashby", "Workable"})
_GENERIC_BOARDS = frozenset({"SmartRecruiters", "Wellfound", "Stack Overflow"})


def decode_segment(segment: str) -> str:
    """Percent-decoding with `+` read as a space; undecodable bytes dropped."""
    return unquote(segment.replace("+", " "), errors="replace").replace("\ufffd", "")


def _words(text: str) -> str:
    return " ".join(t for t in _SEPARATORS.split(text) if t)


def _is_id(token: str) -> bool:
    if token.isascii() and token.isdigit():
        return True
    return len(token) >= 6 and token.isascii() and token.isalnum() and any(c.isdigit() for c in token)


def _title_from_slug(segment: str, *, min_words: int = 2) -> str | None:
    text = _EXTENSION.sub("", decode_segment(segment))
    if _UUID.fullmatch(text) or _LOCALE.fullmatch(text):
        return None
    tokens = [t for t in _SEPARATORS.split(text) if t]
    while tokens and _is_id(tokens[0]):
        tokens.pop(0)
    while tokens and _is_id(tokens[-1]):
        tokens.pop()
        if len(tokens) > 1 and len(tokens[-1]) == 1 and tokens[-1].isalpha():  # the "R" of "R-12345"
            tokens.pop()
    if sum(1 for t in tokens if any(c.isalpha() for c in t)) < min_words:
        return None
    if all(t.casefold() in _NON_TITLE_WORDS for t in tokens):
        return None
    return " ".join(tokens)


def _linkedin(segs: tuple[str, ...]) -> tuple[str, ...]:
    lowered = [s.lower() for s in segs]
    if "view" not in lowered or lowered.index("view") + 1 >= len(segs):
        return ()
    slug = decode_segment(segs[lowered.index("view") + 1])
    head, _, tail = slug.rpartition("-")
    if tail.isascii() and tail.isdigit():
        slug = head
    if not slug or (slug.isascii() and slug.isdigit()):
        return ()
    # "<title>-at-<company>-<id>": when the title or the company itself holds the word "at", which "-at-" splits
    # them is ambiguous. The last one wins (company names are short); the first split is offered as a second guess.
    last, first = slug.rfind("-at-"), slug.find("-at-")
    if last <= 0:
        return (_words(slug),)
    return tuple(dict.fromkeys(_words(slug[:i]) for i in (last, first) if i > 0))


def _indeed(url: HttpUrl) -> tuple[str, ...]:
    query = url.query_value("q")
    if query:
        return (_words(query),)
    if not url.segments or not url.segments[0].lower().startswith("q-"):
        return ()
    slug = _EXTENSION.sub("", decode_segment(url.segments[0])[2:])
    slug = slug.removesuffix("-jobs").removesuffix("-Jobs")
    location = slug.find("-l-")
    if location >= 0:
        slug = slug[:location]
    return (_words(slug),) if _words(slug) else ()


def _workday(segs: tuple[str, ...]) -> tuple[str, ...]:
    lowered = [s.lower() for s in segs]
    markers = [i for i, s in enumerate(lowered) if s in ("job", "details")]
    if not markers:
        return ()
    for segment in reversed(segs[markers[-1] + 1 :]):
        if segment.lower() in _WORKDAY_TRAILERS:
            continue
        head, sep, tail = segment.rpartition("_")
        slug = head if sep and any(c.isdigit() for c in tail) else segment
        title = _title_from_slug(slug, min_words=1)
        return (title,) if title else ()
    return ()


def _glassdoor(segs: tuple[str, ...]) -> tuple[str, ...]:
    for segment in segs:
        offsets = _GLASSDOOR_OFFSETS.search(segment)
        cut = segment.find("-JV_")
        if offsets and cut > 0:
            start, end = int(offsets.group(1)), int(offsets.group(2))
            slug = segment[:cut]
            if 0 <= start < end <= len(slug):
                return (_words(decode_segment(slug[start:end])),)
    return ()


def _generic(segs: tuple[str, ...]) -> tuple[str, ...]:
    start = 0
    for i, segment in enumerate(segs):
        if is_job_segment(segment):
            start = i + 1
    for segment in reversed(segs[start:]):
        title = _title_from_slug(segment)
        if title:
            return (title,)
    return ()


def titles_from_url(url: HttpUrl, board: str | None) -> tuple[str, ...]:
    """Title guesses spelled by a job link's URL, best first (usually zero or one)."""
    if board in _ID_ONLY_BOARDS:
        return ()
    if board == "LinkedIn":
        return _linkedin(url.segments)
    if board == "Indeed":
        return _indeed(url)
    if board == "Workday":
        return _workday(url.segments)
    if board == "Glassdoor":
        return _glassdoor(url.segments)
    if board is None or board in _GENERIC_BOARDS:
        return _generic(url.segments)
    return ()
