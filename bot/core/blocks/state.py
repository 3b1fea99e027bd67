"""Button values: the state a button needs to act statelessly, encoded as compact JSON and decoded defensively.

Values come back from Slack clients inside signed requests, but the app treats them as untrusted all the same: a value
is accepted only if it is exactly the shape ``encode_state`` writes, and acted on only if ``state_fits`` the record it
names: an index past the record's entries (a forged ``"q":99`` on four quotes, or a card older than its record's last
edit) is refused, not wrapped into some other entry. No signature is added: a forged value can only ask for another
public entry of a public record, which any user can do by typing a command. A slug that is valid but has no record
(deleted since the card was built) is the caller's to handle.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal, get_args

from bot.core.blocks.limits import ACTION_VALUE_MAX
from bot.core.records.model import Specimen
from bot.core.records.schema import MAX_ITEMS, SLUG_PATTERN

Kind = Literal["card", "quote", "day"]
KINDS: tuple[str, ...] = get_args(Kind)
MAX_VALUE = ACTION_VALUE_MAX
_SLUG = re.compile(SLUG_PATTERN)
_SLUG_MAX = 120
_KEYS = {"k", "s", "q", "d"}


class StateError(ValueError):
    """A button value that is not one this app wrote."""


@dataclass(frozen=True, slots=True)
class CardState:
    """What a preview shows: which kind, which record, which quote and day-log entry."""

    kind: Kind
    slug: str
    quote: int = 0
    day: int = 0


def encode_state(state: CardState) -> str:
    """``{"k":"card","s":"slug","q":1,"d":0}``: at most ~170 characters, well under the 2000 of a button value."""
    _check_slug(state.slug)
    if state.kind not in KINDS:
        raise StateError(f"unknown kind {state.kind!r}; expected one of {', '.join(KINDS)}")
    for name, index in (("quote", state.quote), ("day", state.day)):
        _check_index(name, index)
    return json.dumps({"k": state.kind, "s": state.slug, "q": state.quote, "d": state.day}, separators=(",", ":"))


def decode_state(value: object) -> CardState:
    """The state in a button value, or StateError saying exactly what is wrong with it."""
    if not isinstance(value, str):
        raise StateError(f"button value must be text, got {type(value).__name__}")
    if len(value) > MAX_VALUE:
        raise StateError(f"button value is {len(value)} characters; at most {MAX_VALUE}")
    try:
        data = json.loads(value)
    except ValueError:
        raise StateError("button value is not valid JSON") from None
    if not isinstance(data, dict):
        raise StateError("button value must be a JSON object")
    if set(data) != _KEYS:
        raise StateError(f"button value must have exactly the keys k, s, q, d; got {', '.join(sorted(data)) or 'none'}")
    kind = data["k"]
    if kind not in KINDS:
        raise StateError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    _check_slug(data["s"])
    _check_index("quote", data["q"])
    _check_index("day", data["d"])
    return CardState(kind, data["s"], data["q"], data["d"])


def state_fits(state: CardState, specimen: Specimen) -> bool:
    """Whether a decoded state names this specimen and only entries it has (index 0 when it has none).

    The one check of a button's state against its record: every listener acting on a state calls it before answering.
    """
    return (
        state.slug == specimen.slug
        and state.quote < max(len(specimen.burn_ward), 1)
        and state.day < max(len(specimen.day_log), 1)
    )


REQUEST_MAX = 100  # a requested title as counted (case and spacing folded), never longer


def encode_request(label: str) -> str:
    """The value of a Request button: the title asked for, as the miss was counted."""
    return label[:REQUEST_MAX]


def decode_request(value: object) -> str:
    """A requested title back from a button: 1 to REQUEST_MAX characters of text without control characters."""
    if not isinstance(value, str) or not value.strip() or len(value) > REQUEST_MAX:
        raise StateError("not a requested title")
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in value):
        raise StateError("a requested title holds a control character")
    return " ".join(value.split())


def decode_slug(value: object) -> str:
    """The slug carried by a Pick or Full-file button, validated like a record's slug."""
    _check_slug(value)
    assert isinstance(value, str)
    return value


def _check_slug(slug: object) -> None:
    if not isinstance(slug, str):
        raise StateError(f"slug must be text, got {type(slug).__name__}")
    if len(slug) > _SLUG_MAX or not _SLUG.fullmatch(slug):
        raise StateError(f"{slug[:60]!r} is not a valid slug (lower-case letters, digits and single hyphens)")


def _check_index(name: str, index: object) -> None:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < MAX_ITEMS:
        raise StateError(f"{name} index must be a whole number from 0 to {MAX_ITEMS - 1}, got {index!r}"[:200])
