"""Parse the text after `/specimen` into a typed command (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MAX_QUERY_CHARS = 500
# Control characters (terminal escapes, bells) never belong in a title; they become spaces before anything else.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Help:
    pass


@dataclass(frozen=True, slots=True)
class ListAll:
    pass


@dataclass(frozen=True, slots=True)
class Snippet:
    """`quote [role]` or `day [role]`; an empty role means any specimen."""

    kind: Literal["quote", "day"]
    role: str


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
    """Route the command text; anything that is not a keyword is a title to look up."""
    cleaned = clean_text(text)
    if not cleaned:
        return Help()
    keyword, _, rest = cleaned.partition(" ")
    keyword = keyword.casefold()
    if keyword in ("help", "?", "-h", "--help") and not rest:
        return Help()
    if keyword == "list" and not rest:
        return ListAll()
    if keyword in ("quote", "day"):
        return Snippet("quote" if keyword == "quote" else "day", rest)
    if keyword == "daily":
        return Daily(rest)
    return Lookup(cleaned)
