"""What a scan of a Slack message for job links reports back."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    """Where a candidate title came from, best first."""

    LABEL = "label"  # the label of a `<url|label>` link in mrkdwn text
    UNFURL = "unfurl"  # an unfurl attachment's title (or fallback), cleaned of site suffixes
    RICH_TEXT = "rich_text"  # the `text` of a rich_text `link` element
    URL = "url"  # the slug of a board URL that carries the title
    TEXT = "text"  # chat prose: the words before the link on its line, or the line above (see lines.py)


SOURCE_RANK = {source: rank for rank, source in enumerate(Source)}


@dataclass(frozen=True, slots=True)
class LabelledLink:
    """A URL as a message holds it, with the words shown for it (a `<url|label>` label or a rich_text link's
    `text`), if any."""

    url: str
    label: str | None


@dataclass(frozen=True, slots=True)
class JobLink:
    """An http(s) link that points at a job ad; `board` names a known job board, None for a generic careers page.

    `url` is as the message has it (entities unescaped), at most 3,000 characters, with no whitespace, control
    characters, `<`, `>`, `|`, `"` or backtick.
    """

    url: str
    board: str | None


@dataclass(frozen=True, slots=True)
class TitleCandidate:
    """A guess at the advertised role title; `link` is the job link it belongs to.

    A TEXT candidate is chat prose that may not name a role at all ("you should apply"): `clause` is the words it
    was read from, as written, so that the caller can judge it (with the title index, which the scan does not have).
    """

    title: str
    source: Source
    link: str | None
    clause: str | None = None


@dataclass(frozen=True, slots=True)
class LinkScan:
    """Everything the "Identify specimen" shortcut needs to decide what to show.

    `has_job_link` false: answer "no job link in that message" (`has_link` tells whether it had other links).
    One job link: match `best`; no candidate (an id-only URL without unfurl) means asking for the title.
    Several job links: match `best` and offer the others, each with `titles_for(link.url)`. Any candidate that
    matches no specimen can prefill the title prompt, except chat prose (Source.TEXT) that does not read as a title.

    Attributes:
        job_links: distinct job links, in the order they appear in the message.
        other_links: distinct http(s) links that are not job links.
        candidates: title guesses, each distinct per link, best first (by source, then by link order).
        truncated: some input went unexamined because a size cap was reached.
        from_bot: the message was posted by a bot or integration (scanned anyway; the caller decides).
    """

    job_links: tuple[JobLink, ...] = ()
    other_links: tuple[str, ...] = ()
    candidates: tuple[TitleCandidate, ...] = ()
    truncated: bool = False
    from_bot: bool = False

    @property
    def has_link(self) -> bool:
        return bool(self.job_links or self.other_links)

    @property
    def has_job_link(self) -> bool:
        return bool(self.job_links)

    @property
    def best(self) -> TitleCandidate | None:
        """The best guess overall, or None when nothing in the message looks like a title."""
        return self.candidates[0] if self.candidates else None

    def titles_for(self, url: str) -> tuple[TitleCandidate, ...]:
        """The candidates that belong to one job link, best first."""
        return tuple(c for c in self.candidates if c.link == url)
