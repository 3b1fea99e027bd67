"""Turn a link label, an unfurl title or a message text into a clean role title, or reject it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TITLE_CHARS = 120
_MAX_INPUT_CHARS = 400  # longer strings are never titles; cap the work done on them

_SEGMENT_BREAK = re.compile(r" [|–—·•-] | :: ")  # "Title - Acme | LinkedIn"; never the hyphen of "Full-Stack"
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+")
_EMOJI_CODE = re.compile(r":[a-z0-9_+'-]{1,60}:")
_MRKDWN_MARKS = re.compile(r"[*~`]+")
_HIRING = re.compile(r"(?:^|\s)(?:is |are )?hiring:? (?:an? |for (?:an? )?)?", re.IGNORECASE)
_HIRING_ROLES = frozenset({"manager", "managers", "coordinator", "lead", "partner", "specialist", "platform", "team"})
_EDGE_CHARS = " \t'\"“”‘’«»:;,!?*_~`|•·–—->"


def fold(text: str) -> str:
    """Case, accents and punctuation folded away, words kept in order: "Indeed.com" → "indeed com".

    Only for this package's own word lists; matching has its own, richer key (`bot.core.titles.normalize`).
    """
    text = text.casefold()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(_WORDS.findall(text))


# fmt: off
_SITE_NAMES = frozenset(
    {
        fold(name)
        for name in (
            "LinkedIn", "Indeed", "Indeed.com", "Greenhouse", "Lever", "Ashby", "Workday", "Workable", "Glassdoor",
            "SmartRecruiters", "Wellfound", "AngelList", "AngelList Talent", "Stack Overflow", "Built In", "Dice",
            "Monster", "ZipRecruiter", "Otta", "Welcome to the Jungle", "Hacker News", "Y Combinator", "Jobvite",
            "iCIMS", "BambooHR", "Recruitee", "Personio", "Teamtailor", "Breezy HR", "JazzHR", "Remote OK",
            "We Work Remotely", "Work at a Startup",
        )
    }
)
_SITE_WORDS = frozenset({"careers", "jobs", "job board", "hiring", "career site", "job openings", "careers page"})
GENERIC_LABELS = frozenset(
    fold(label)
    for label in (
        "here", "link", "this", "this one", "click here", "apply", "apply here", "apply now", "job", "job link",
        "the job", "this job", "job posting", "posting", "job post", "post", "role", "this role", "the role",
        "details", "more", "more info", "read more", "see more", "jd", "job description", "open", "view", "view job",
        "view posting", "careers", "career page", "jobs", "opening", "position", "listing", "website", "source",
        "url", "page", "check this out", "fyi", "thoughts", "look at this", "interesting", "new job", "new role",
    )
) | _SITE_NAMES
_FILLER_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "so", "to", "for", "of", "in", "on", "at", "by", "with", "from", "is",
        "are", "was", "it", "its", "this", "that", "these", "those", "here", "there", "look", "see", "check", "out",
        "cc", "fyi", "lol", "wow", "nice", "cool", "hey", "hi", "hello", "ok", "okay", "yes", "no", "hmm", "haha",
        "omg", "thoughts", "anyone", "what", "about", "interesting", "new", "me", "you", "us", "we", "i", "my",
        "our", "your", "apply", "link", "job", "jobs", "role", "roles", "posting", "opening", "please", "pls", "share",
        "shared", "via", "just", "found", "saw", "seen", "one", "another", "some", "any", "posted", "post",
        "hiring", "re", "s", "ve", "ll", "d", "t", "m",
    }
)
# fmt: on


@dataclass(frozen=True, slots=True)
class TitleContext:
    """What is known about the page a title describes: its board, the company, the unfurl's service name."""

    board: str | None = None
    company: str | None = None
    service: str | None = None


def _lowered(text: str) -> str:
    """`text` in lower case when that keeps every index in place ("İ" lowers to two characters)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def _squash(text: str) -> str:
    return fold(text).replace(" ", "")


def _is_company(segment: str, context: TitleContext) -> bool:
    squashed = _squash(segment)
    for hint in (context.company, context.service):
        hint_key = _squash(hint) if hint else ""
        if len(hint_key) >= 3 and (squashed == hint_key or (len(hint_key) >= 4 and squashed.startswith(hint_key))):
            return True
    return False


def _is_site(segment: str, context: TitleContext) -> bool:
    key = fold(segment)
    if key in _SITE_NAMES or key in _SITE_WORDS or _is_company(segment, context):
        return True
    words = key.split()
    return bool(words) and (words[-1] in ("careers", "jobs") or words[0] == "careers")


def looks_like_url(text: str) -> bool:
    """`https://x.com/a`, `www.x.com`, `x.com/jobs/1`: a label that merely repeats a link."""
    text = text.strip()
    if not text or any(ch.isspace() for ch in text):
        return False
    if "://" in text or text.lower().startswith("www."):
        return True
    host = text.split("/", 1)[0]
    labels = host.split(".")
    return len(labels) >= 2 and all(labels) and labels[-1].isalpha() and len(labels[-1]) >= 2


def _strip_segments(title: str, context: TitleContext) -> str:
    """Drop leading/trailing "| LinkedIn", "- Indeed.com", "Acme - " segments; keep what is between."""
    spans, start = [], 0
    for match in _SEGMENT_BREAK.finditer(title):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(title)))
    while len(spans) > 1 and _is_site(title[slice(*spans[-1])], context):
        spans.pop()
    while len(spans) > 1 and _is_site(title[slice(*spans[0])], context):
        spans.pop(0)
    if context.board in ("Indeed", "Glassdoor", "LinkedIn"):  # "Title - Company - Location"
        spans = spans[:1]
    return title[spans[0][0] : spans[-1][1]]


def _after_hiring(title: str) -> str:
    """'Acme hiring Junior ML Engineer in London, UK' → 'Junior ML Engineer' (LinkedIn's unfurl title)."""
    hiring = _HIRING.search(title)
    if hiring is None:
        return title
    rest = title[hiring.end() :]
    if rest.split(" ", 1)[0].lower() in _HIRING_ROLES:  # "Hiring Manager" is a role, not an announcement
        return title
    location = _lowered(rest).rfind(" in ")
    return rest[:location] if location > 0 else rest


def _without_company(title: str, context: TitleContext) -> str:
    """'Junior ML Engineer at Acme' → 'Junior ML Engineer' when Acme is the known company or a board listed it."""
    lowered = _lowered(title)
    for marker in (" at ", " @ "):
        at = lowered.rfind(marker)
        if at <= 0:
            continue
        company = title[at + len(marker) :]
        if _is_company(company, context) or (context.board is not None and len(company.split()) <= 5):
            return title[:at]
    return title


def finish_title(text: str) -> str | None:
    """Trim edges and collapse spaces; None unless the result reads as a title (letters, ≤ 120 chars, not generic)."""
    text = _SPACES.sub(" ", text).strip(_EDGE_CHARS)
    if not text or len(text) > MAX_TITLE_CHARS or not any(ch.isalpha() for ch in text):
        return None
    key = fold(text)
    if looks_like_url(text) or key in GENERIC_LABELS or all(word in _FILLER_WORDS for word in key.split()):
        return None
    return text


def clean_title(raw: str, context: TitleContext, *, announcement: bool = False) -> str | None:
    """A label's or an unfurl's title made into a role title, or None when it is not one.

    Args:
        raw: the label, unfurl title or text, entity-unescaped.
        context: the link the title describes.
        announcement: read "Acme is hiring a X in Y" as X (always done for LinkedIn, whose unfurls read so).
    """
    if len(raw) > _MAX_INPUT_CHARS:
        return None
    title = _SPACES.sub(" ", raw).strip()
    if looks_like_url(title):
        return None
    if _lowered(title).startswith("job application for "):  # Greenhouse: "Job Application for X at Y"
        title = title[len("job application for ") :]
        at = _lowered(title).rfind(" at ")
        title = title[:at] if at > 0 else title
    title = _strip_segments(title, context)
    if announcement or context.board == "LinkedIn":
        title = _after_hiring(title)
    title = _without_company(title, context)
    location = _lowered(title).find(" job in ")  # Glassdoor: "Junior ML Engineer Job in Austin, TX"
    return finish_title(title[:location] if location > 0 else title)


def title_from_text(text: str, context: TitleContext) -> str | None:
    """The message text (links already removed) as a title when it is short enough to be one."""
    if len(text) > _MAX_INPUT_CHARS:
        return None
    text = _MRKDWN_MARKS.sub("", _EMOJI_CODE.sub(" ", text))
    return clean_title(text, TitleContext(company=context.company), announcement=True)
