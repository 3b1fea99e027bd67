"""Parse the text after `/specimen` into a typed command (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

MAX_QUERY_CHARS = 500
# Control characters (terminal escapes, bells) never belong in a title; they become spaces before anything else.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


HELP_TOPICS = ("daily", "quote", "day", "list", "share", "shortcuts", "home", "request")
_TOPIC_WORDS = {
    "daily": "daily", "dailies": "daily", "quote": "quote", "quotes": "quote", "day": "day", "day-log": "day",
    "list": "list", "share": "share", "sharing": "share", "shortcut": "shortcuts", "shortcuts": "shortcuts",
    "identify": "shortcuts", "home": "home", "request": "request", "requests": "request",
}  # fmt: skip
_DAILY_WORDS = frozenset({"on", "off", "status", "skip", "unskip", "help"})
_LIST_WORDS = frozenset({"all", "everything", "specimens", "titles", "roles"})
_ROLE_PREFIXES = ("of the ", "of a ", "of an ", "of ", "in the life of a ", "in the life of an ", "in the life of ")
_ANY_ROLE = {"quote": ("of the day", "please", "me"), "day": ("in the life", "log", "please", "me")}


@dataclass(frozen=True, slots=True)
class Help:
    """Help on everything, or on one topic of HELP_TOPICS."""

    topic: str | None = None


@dataclass(frozen=True, slots=True)
class ListAll:
    pass


@dataclass(frozen=True, slots=True)
class Snippet:
    """`quote [role]` or `day [role]`; an empty role means any specimen. ``text`` is what was typed: when the role
    names no specimen, the whole text is looked up as a title ("day trader") and a miss echoes it."""

    kind: Literal["quote", "day"]
    role: str
    text: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Daily:
    """`daily …`: the rest is parsed by the daily-post module."""

    args: str


@dataclass(frozen=True, slots=True)
class Lookup:
    title: str


SlashCommand = Help | ListAll | Snippet | Daily | Lookup


def clean_text(text: str) -> str:
    """Spacing folded, control characters gone, capped at ``MAX_QUERY_CHARS``."""
    return " ".join(_CONTROL.sub(" ", text).split())[:MAX_QUERY_CHARS]


def parse_slash(text: str) -> SlashCommand:
    """Route the command text. A keyword form counts only when the rest of it parses (``help daily``, ``list all``,
    ``daily on 9am``, ``quote of the day``); otherwise the whole text is a title to look up, echoed as typed."""
    cleaned = clean_text(text)
    if not cleaned:
        return Help()
    keyword, _, rest = cleaned.partition(" ")
    keyword, folded_rest = keyword.casefold(), rest.casefold()
    if keyword in ("help", "?", "-h", "--help"):
        words = folded_rest.split()
        topic = next((_TOPIC_WORDS[w] for w in words if w in _TOPIC_WORDS), None)
        return Help(topic)
    if keyword == "list" and (not rest or folded_rest in _LIST_WORDS):
        return ListAll()
    if keyword in ("quote", "day"):
        kind: Literal["quote", "day"] = "quote" if keyword == "quote" else "day"
        any_role = not rest or folded_rest in _ANY_ROLE[kind]
        role = "" if any_role else _without_prefix(rest, _ROLE_PREFIXES)
        return Snippet(kind, role, cleaned)
    if keyword == "daily" and (not rest or folded_rest.split()[0] in _DAILY_WORDS):
        return Daily(rest)
    return Lookup(cleaned)


def _without_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    """``quote of the scrum master`` → ``scrum master`` (a prefix that leaves nothing is kept)."""
    folded = text.casefold()
    for prefix in prefixes:
        if folded.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text
