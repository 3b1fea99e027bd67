"""A link's title from the words beside it on its own line, where people write it in chat.

"Junior ML Engineer <link1>\\nData Scientist <link2>": a link's title is the text just before it on its line (after
the previous link on that line, if any); a link with nothing before it, alone on its line, takes the line above when
that line holds no link. Reading the whole message instead gave link 1 "Junior ML Engineer Data Scientist" and link 2
nothing, and took "you should apply" for the title of a link sent to a colleague.

This module finds that text and cleans it of list marks, emoji, mentions, greetings and calls to action ("Apply:",
"apply here →", "is hiring"). It cannot tell whether what remains names a role: that takes the title index, which
this pure scan does not have. The caller (`bot.core.answers.identify`) judges each such candidate with the index;
`is_chatty` and `names_a_role` are the half of that judgement that needs no index. The cost is bounded: at most
`MAX_LEAD_CHARS` before a link are read, and each character of the message is searched for line breaks at most
once per link it precedes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.links.mrkdwn import unescape, without_tokens
from bot.core.links.titles import fold
from bot.core.links.wording import (
    ANNOUNCEMENTS,
    ARTICLES,
    CALLS,
    CONNECTORS,
    DOTTED_SHORT_FORMS,
    GREETINGS,
    PERSON_WORDS,
    POINTERS,
    ROLE_WORDS,
)
from bot.core.titles.normalize import normalize_title

MAX_LEAD_CHARS = 400  # text read before a link (titles.py accepts no longer input)
MAX_TITLE_WORDS = 8  # a longer text is a sentence, not a title


def _phrases(phrases: Iterable[str]) -> str:
    """A regex alternation of `phrases`, longest first, any run of spaces between words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)


_EMOJI_CODE = re.compile(r":[a-z0-9_+'-]{1,60}:")  # :rocket:, :flag-fr:, :+1:, :skin-tone-2:
_MARKS = re.compile(r"[*~`]+|(?<!\w)_+|_+(?!\w)")  # mrkdwn bold, strike, code; italics' underscores at word edges
_SPACES = re.compile(r"\s+")
# Where a clause ends: a sentence's end, or a colon or semicolon before more words ("Apply: Data Scientist").
_CLAUSE_END = re.compile(r"[.!?…]+(?:\s+|$)|[:;](?:\s+|$)")
_SENTENCE_END = re.compile(r"[.!?…]+(?:\s+|$)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LEADING = re.compile(
    r"(?:[\s,;:.!?)\]}]+"  # what a mention, an emoji or a split left
    r"|[-*•◦▪▫‣⁃·–—>+=|/]+\s*"  # bullets, quotes, separators
    r"|\(?\d{1,3}[.)](?!\d)\s*|[a-z]\)\s*|#\d{1,3}\b[.:)]?\s*|\[[ xX]?\]\s*"  # 1.  (2)  b)  #3  [x]
    rf"|(?:{_phrases(GREETINGS)})\b(?:\s+(?:{_phrases(GREETINGS)})\b)*\s*(?:[,!.:;—–-]+\s*|$)"  # Hi team, / Hola!
    rf"|(?:{_phrases(CALLS)})\b\s*(?:[:|>→—–-]+\s*|$)"  # Apply: / Role -
    rf"|(?:{_phrases(CONNECTORS)})(?:\s+|$)"  # and <the second link's title>
    rf"|(?:{_phrases(POINTERS)})\s+(?=\w)"  # check out <this Data Engineer role>
    r"|(?:the|an?|this|that)\s+(?=\w)"  # the Data Engineer role
    r")",
    re.IGNORECASE,
)
# "Acme is hiring a", "on recrute un": what follows is the title.
_ANNOUNCEMENT = re.compile(
    rf"(?<![\w'])(?:(?:{_phrases(ANNOUNCEMENTS)}):?\s+(?:(?:{_phrases(ARTICLES)})\s+)?"
    rf"|hiring:?\s+(?:{_phrases(ARTICLES)})\s+)(?=\w)",
    re.IGNORECASE,
)
_NOT_PLACES = frozenset({"test", "testing", "training"})  # "Software Engineer in Test" is a title, not a place
_TRAILING_CHARS = " ,;:.!?([{|>→»=—–-"
_TRAILING_CALL = re.compile(rf"(?<![\w'])(?:{_phrases(CALLS)})$", re.IGNORECASE)
_CALL_CHARS = max(map(len, CALLS)) + 8  # a trailing call is looked for in this many last characters
# "Data Engineer role at Globex", "Data Engineer position in Berlin": the call and where it is go.
_CALL_AT = re.compile(rf"\s+(?:{_phrases(CALLS)})\s+(?:at|@|with|in|for)\s+[^,;:]{{1,60}}$", re.IGNORECASE)
_CLAUSES_TRIED = 3  # of a lead's last clauses, the first that names a role is taken (else the last with words)
_CLAUSES_READ = 12  # clauses cleaned in all, from the last (". . . . <link>" has hundreds)
_EMOJI_RANGES = ((0x2190, 0x21FF), (0x2300, 0x23FF), (0x2700, 0x27BF), (0x27F0, 0x27FF), (0x2900, 0x297F))


@dataclass(frozen=True, slots=True)
class Lead:
    """The words that stand for a link on its line: `text` cleaned for reading as a title, `clause` as written
    (mentions and emoji removed), which tells a question ("... interested?") from a title."""

    text: str
    clause: str


def lead_of(text: str, spans: Sequence[tuple[int, int]], number: int) -> Lead | None:
    """The lead of the link token `spans[number]` (spans: every link token of `text`, in order), or None."""
    start, end = spans[number]
    floor = spans[number - 1][1] if number else 0  # nothing at or before the previous link token belongs to this one
    newline = text.rfind("\n", floor, start)
    found = _read(text, max(newline + 1, floor), start)
    if found is not None:
        return found
    first_on_line = newline >= 0 or number == 0
    following = spans[number + 1][0] if number + 1 < len(spans) else len(text)
    last_on_line = following == len(text) or text.find("\n", end, following) >= 0
    if not (first_on_line and last_on_line) or newline < 0:
        return None
    return _line_above(text, floor, newline)


def _line_above(text: str, floor: int, line_break: int) -> Lead | None:
    """The lead of the line above the line break at `line_break` (or of the one above that, when that line is
    blank); None when the previous link token (ending at `floor`, 0 for none) stands on it."""
    for _ in range(2):
        above = text.rfind("\n", floor, line_break)
        if above < 0 and floor > 0:
            return None
        if text[above + 1 : line_break].strip():
            return _read(text, above + 1, line_break)
        if above < 0:
            return None
        line_break = above
    return None


def _read(text: str, start: int, stop: int) -> Lead | None:
    """The lead in `text[start:stop]`: of its last few clauses with words left once cleaned, the last that names a
    role ("Data Scientist. Remote-friendly!" reads "Data Scientist"), else the very last."""
    cut = stop - start > MAX_LEAD_CHARS
    raw = text[max(start, stop - MAX_LEAD_CHARS) : stop]
    if not raw or raw.isspace():
        return None
    clauses = _clauses(_plain(raw), _CLAUSE_END)
    found: list[Lead] = []
    for number in range(len(clauses) - 1, max(len(clauses) - 1 - _CLAUSES_READ, -1), -1):
        if (cut and number == 0) or len(found) == _CLAUSES_TRIED:
            break  # a clause cut by the cap is never read
        cleaned = _trimmed(clauses[number])
        if cleaned:
            found.append(Lead(_before_chat(_announced(cleaned)), clauses[number].strip()))
    return next((lead for lead in found if names_a_role(lead.text)), found[0] if found else None)


def _announced(text: str) -> str:
    """What an announcement announces: "We're looking for a Data Scientist in Paris" → "Data Scientist"."""
    announcement = _ANNOUNCEMENT.search(text)
    if announcement is None:
        return text
    role = text[announcement.end() :]
    place = role.lower().rfind(" in ")
    if place > 0 and fold(role[place + 4 :]) not in _NOT_PLACES:
        role = role[:place]
    return role if any(ch.isalpha() for ch in role) else text


def _before_chat(text: str) -> str:
    """A title followed by chat after a comma: "Data Engineer, DM me if you want a referral" → "Data Engineer".

    Only when the whole reads as chat and the part before a comma names a role without being chat itself, so that
    "Software Engineer, Backend" keeps its team.
    """
    if "," not in text or not is_chatty(text, None):
        return text
    comma = text.find(",")
    while comma > 0:
        head = text[:comma].rstrip()
        if not is_chatty(head, None) and names_a_role(head):
            return head
        comma = text.find(",", comma + 1)
    return text


def _plain(raw: str) -> str:
    """Mentions become separators; entities, emoji and mrkdwn marks go; spaces collapse."""
    text = unescape(without_tokens(raw, " , "))
    text = _EMOJI_CODE.sub(" ", text)
    if not text.isascii():
        text = "".join(" " if _is_symbol(ch) else ch for ch in text)
    return _SPACES.sub(" ", _MARKS.sub(" ", text)).strip()


def _is_symbol(ch: str) -> bool:
    """Pictographs, arrows, dingbats, joiners and variation selectors: decoration, never part of a title."""
    code = ord(ch)
    if code < 0x2000:
        return False
    if unicodedata.category(ch) in ("So", "Sk", "Cf", "Co", "Cs") or 0xFE00 <= code <= 0xFE0F:
        return True
    return any(low <= code <= high for low, high in _EMOJI_RANGES)


def _clauses(text: str, ends: re.Pattern[str]) -> list[str]:
    """`text` split after each of its `ends`; the full stop of "Sr." and the like ends nothing."""
    pieces, start = [], 0
    for match in ends.finditer(text):
        if match.group().startswith(".") and not match.group().startswith(".."):
            word = _WORD_BEFORE.search(text, max(match.start() - 12, 0), match.start())
            if word is None or word.group(1).casefold() in DOTTED_SHORT_FORMS or len(word.group(1)) == 1:
                continue
        pieces.append(text[start : match.end()])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _trimmed(clause: str) -> str:
    """A clause without leading marks, greetings and calls, nor trailing calls and separators; "" if nothing is left."""
    text = clause.strip()
    while text:
        leading = _LEADING.match(text)
        shorter = (text[leading.end() :] if leading else text).rstrip(_TRAILING_CHARS)
        call = _TRAILING_CALL.search(shorter, max(len(shorter) - _CALL_CHARS, 0))
        shorter = shorter[: call.start()] if call else shorter
        call = _CALL_AT.search(shorter, max(len(shorter) - 2 * _CALL_CHARS - 60, 0))
        shorter = shorter[: call.start()] if call else shorter
        if shorter == text:
            break
        text = shorter
    return text if any(ch.isalpha() for ch in text) else ""


def is_chatty(title: str, clause: str | None) -> bool:
    """A title read from chat that is really a sentence: too long, a question, a person talking ("you", "our"),
    or a full stop, "!" or ";" between its words."""
    if clause is not None and "?" in clause:
        return True
    words = fold(title).split()
    if len(words) > MAX_TITLE_WORDS or any(ch in title for ch in "!?;"):
        return True
    if any(piece.strip() for piece in _clauses(title, _SENTENCE_END)[1:]):
        return True  # "Great team. Senior Engineer"
    for position, word in enumerate(words):
        if word in PERSON_WORDS and not (word == "i" and position > 0 and position == len(words) - 1):
            return True  # "Engineer I" is a level, not a person
    return False


def names_a_role(title: str) -> bool:
    """The title holds a role word ("engineer", "designer", "recruiter" ...), written out or as the lexicon's
    short form ("eng", "mgr")."""
    words = set(fold(title).split())
    words.update(word.lstrip("@") for word in normalize_title(title).split())
    return not words.isdisjoint(ROLE_WORDS)
