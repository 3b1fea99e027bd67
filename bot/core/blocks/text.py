"""Escaping, measuring and clamping of untrusted text, and the text objects every builder uses.

Every string that came from a user or a record goes through ``esc`` (escape ``&``, ``<``, ``>``, then clamp) before it
reaches a text object, so nothing can ping (``<!channel>``, ``<@U…>``) or inject a link (``<https://x|y>``).
Lengths are measured in UTF-16 code units: never fewer than Python's code points, so a text within the limit by
this measure is within it however Slack counts (an emoji is one code point but two UTF-16 units).
"""

from __future__ import annotations

import re

from slack_sdk.models.blocks import ButtonElement, MarkdownTextObject, PlainTextObject

from bot.core.blocks.limits import SECTION_TEXT_MAX

ELLIPSIS = "…"
_LONGEST_ENTITY = len("&amp;")


def units(text: str) -> int:
    """Length in UTF-16 code units (what the limits below are checked against)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Slack's three control characters as entities; nothing else is encoded."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """The inverse of ``escape`` (``&amp;`` last, so ``&amp;lt;`` becomes ``&lt;``)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def clamp(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-16 units, ending in "…" when cut.

    Cuts never split an entity (``&amp;``) or a surrogate pair, and trailing whitespace before the ellipsis is dropped.
    """
    if units(text) <= limit:
        return text
    if limit < 1:
        return ""
    if text.isascii():
        cut = text[: limit - 1]
    else:  # a surrogate pair cut in half is dropped by the decoder
        cut = text.encode("utf-16-le")[: 2 * (limit - 1)].decode("utf-16-le", errors="ignore")
    amp = cut.rfind("&", max(0, len(cut) - _LONGEST_ENTITY + 1))
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut.rstrip() + ELLIPSIS


def esc(text: str, limit: int) -> str:
    """Escape untrusted ``text`` and clamp the result to ``limit`` units."""
    return clamp(escape(text), limit)


def one_line(text: str) -> str:
    """Collapse runs of whitespace (newlines included) to single spaces."""
    return " ".join(text.split())


def esc_line(text: str, limit: int) -> str:
    """``esc(one_line(text), limit)``, without escaping the whole of a text far longer than the limit.

    A prefix whose escaped single line already overflows the limit clamps to the same result as the whole text.
    """
    size = max(1, limit) + 1
    while size < len(text):
        head = escape(one_line(text[:size]))
        if units(head) > limit:
            return clamp(head, limit)
        size *= 4
    return esc(one_line(text), limit)


# mrkdwn formats *bold*, _italic_, ~strike~ and `code` only where a marker stands at the edge of a word; record text
# such as "C*-level" or "snake_case" is safe, "*everyone*" is not. A marker at a word edge becomes its look-alike.
_MARKER_AT_EDGE = re.compile(r"(?<![^\W_])[*_~]|[*_~](?![^\W_])|`")
_LOOK_ALIKES = {"*": "∗", "_": "ˍ", "~": "∼", "`": "ˋ"}


def inert_mrkdwn(text: str) -> str:
    """Text that mrkdwn shows as written: formatting markers at word edges replaced by look-alike characters."""
    if not any(marker in text for marker in _LOOK_ALIKES):
        return text
    return _MARKER_AT_EDGE.sub(lambda match: _LOOK_ALIKES[match.group()], text)


_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")  # as initials: "an SDET", "an MBA", "an HR partner"


def with_article(title: str) -> str:
    """``a Scrum Master``, ``an Account Executive``, ``an SDET``, ``a UX Designer`` (a rule of thumb, not a lexicon)."""
    first = title.split(maxsplit=1)[0] if title.split() else ""
    if first.isupper() and len(first) > 1:
        vowel = first[0] in _VOWEL_SOUND_LETTERS
    else:
        lowered = first.lower()
        vowel = lowered[:1] in ("a", "e", "i", "o", "u") and not lowered.startswith(("uni", "use", "usu", "eu", "one"))
        vowel = vowel or lowered.startswith(("hour", "honest", "heir"))
    return f"{'an' if vowel else 'a'} {title}"


def _non_empty(text: str) -> str:
    return text if text.strip() else "—"


def plain(text: str, limit: int = SECTION_TEXT_MAX) -> PlainTextObject:
    """A plain_text object from already-escaped text, clamped; never empty."""
    return PlainTextObject(text=_non_empty(clamp(text, limit)), emoji=True)


def mrkdwn(text: str, limit: int = SECTION_TEXT_MAX) -> MarkdownTextObject:
    """A verbatim mrkdwn object (no automatic mentions or links) from already-escaped text; never empty."""
    return MarkdownTextObject(text=_non_empty(clamp(text, limit)), verbatim=True)


def button(label: str, action_id: str, value: str, style: str | None = None) -> ButtonElement:
    """A button with an escaped-and-clamped label (75 units) and a value that must already fit 2000 units."""
    if units(value) > 2000:
        raise ValueError(f"button value is {units(value)} characters; at most 2000")
    return ButtonElement(text=plain(esc(label, 75), 75), action_id=action_id, value=value, style=style)
