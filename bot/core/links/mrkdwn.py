"""Links out of Slack's stored message text: `<https://x|label>`, `<https://x>`, never `<@U1>` or `<!here>`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.links.model import LabelledLink

# One bracketed token: no nested brackets and no newline inside, so every match attempt stops at the next "<", ">"
# or line end (linear time on "<<<<..." and "<http<http...").
_ANGLE = re.compile(r"<([^<>\n]{1,3100})>")
_NOT_LINKS = ("@", "#", "!")  # user and channel mentions, @here/@channel, user groups, dates


@dataclass(frozen=True, slots=True)
class MrkdwnParts:
    links: tuple[LabelledLink, ...]
    spans: tuple[tuple[int, int], ...]  # where each link's `<...>` token stands in the text, for reading its line
    truncated: bool  # more links than `max_links` were present


def unescape(text: str) -> str:
    """Undo Slack's escaping of exactly `&amp;`, `&lt;`, `&gt;` in one pass (`&amp;lt;` stays `&lt;`)."""
    if "&" not in text:
        return text
    # "&amp;" last: what it produces is never read again, so this is one pass.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def without_tokens(text: str, replacement: str) -> str:
    """`text` with every bracketed token (link, mention, channel, `<!here>`, date) replaced by `replacement`."""
    return _ANGLE.sub(replacement, text)


def split_mrkdwn(text: str, max_links: int) -> MrkdwnParts:
    """The links of a mrkdwn string, at most `max_links` of them, and where each stands in it.

    The brackets are found before unescaping: a `&lt;` in the text is a literal "<", never the start of a link.
    """
    links: list[LabelledLink] = []
    spans: list[tuple[int, int]] = []
    truncated = False
    for match in _ANGLE.finditer(text):
        inner = match.group(1)
        if inner.startswith(_NOT_LINKS):
            continue
        if len(links) >= max_links:
            truncated = True
            continue
        url, bar, label = inner.partition("|")
        links.append(LabelledLink(url=unescape(url), label=unescape(label) if bar else None))
        spans.append(match.span())
    return MrkdwnParts(tuple(links), tuple(spans), truncated)
