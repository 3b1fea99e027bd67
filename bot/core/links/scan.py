"""One pass over a Slack message: its links, which are job links, and the role titles they suggest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.blocks.limits import MESSAGE_TEXT_MAX
from bot.core.links.lines import lead_of
from bot.core.links.message import Unfurl, as_str, read_attachments, read_blocks
from bot.core.links.model import SOURCE_RANK, JobLink, LinkScan, Source, TitleCandidate
from bot.core.links.mrkdwn import split_mrkdwn
from bot.core.links.slugs import titles_from_url
from bot.core.links.titles import TitleContext, clean_title, finish_title, fold, title_from_text
from bot.core.links.urls import HttpUrl, board_of, company_hint, parse_http_url
from bot.core.titles.normalize import normalize_title

MAX_LINKS = 20  # distinct http(s) links kept; more sets `truncated`
MAX_LINK_OCCURRENCES = 200  # link tokens examined across text, blocks and attachments
MAX_TEXT_CHARS = MESSAGE_TEXT_MAX  # anything longer is cut and flagged
MAX_CANDIDATES = 40
MAX_LEADS_READ = 2 * MAX_LINKS  # link tokens whose line is read for a title (lines.py), in all


@dataclass(frozen=True, slots=True)
class _Link:
    url: HttpUrl
    order: int
    is_job: bool
    board: str | None
    context: TitleContext


class _Scan:
    """Accumulates links and candidates while the message is read once."""

    def __init__(self) -> None:
        self.links: dict[str, _Link] = {}
        self.previewed: dict[str, _Link] = {}  # a short link's key → the job link its unfurl shows (lnkd.in → LinkedIn)
        self.candidates: list[tuple[int, int, int, TitleCandidate]] = []
        self.occurrences = 0
        self.truncated = False

    def link(self, raw: str) -> _Link | None:
        """The link for `raw` (registered on first sight), or None for a non-http(s) or malformed URL."""
        self.occurrences += 1
        if self.occurrences > MAX_LINK_OCCURRENCES:
            self.truncated = True
            return None
        url = parse_http_url(raw)
        return None if url is None else self._register(url)

    def _register(self, url: HttpUrl) -> _Link | None:
        known = self.links.get(url.key)
        if known is not None:
            return known
        if len(self.links) >= MAX_LINKS:
            self.truncated = True
            return None
        is_job, board = board_of(url)
        context = TitleContext(board=board, company=company_hint(url, board))
        link = _Link(url, len(self.links), is_job, board, context)
        self.links[url.key] = link
        if is_job:
            for title in titles_from_url(url, board):
                self.add(finish_title(title), Source.URL, link)
        return link

    def add(self, title: str | None, source: Source, link: _Link, clause: str | None = None) -> None:
        if title is None or not link.is_job:
            return
        candidate = TitleCandidate(title, source, link.url.url, clause)
        self.candidates.append((SOURCE_RANK[source], link.order, len(self.candidates), candidate))

    def labelled(self, raw_url: str, label: str | None, source: Source) -> _Link | None:
        link = self.link(raw_url)
        if link is not None and label:
            self.add(clean_title(label, link.context), source, link)
        return link

    def unfurl(self, unfurl: Unfurl) -> None:
        """Attach an unfurl to the job link it previews; a preview's canonical `title_link` is not a second job."""
        urls = [url for raw in unfurl.urls if (url := parse_http_url(raw)) is not None]
        link = next((self.links[u.key] for u in urls if u.key in self.links and self.links[u.key].is_job), None)
        if link is None:
            job_url = next((url for url in urls if board_of(url)[0]), None)
            if job_url is not None:
                link = self._register(job_url)
            elif urls:
                self._register(urls[0])  # a preview of some other page: still a link the message holds
        if link is None or not link.is_job:
            return
        for url in urls:
            shown = self.links.get(url.key)
            if shown is not None and not shown.is_job:
                self.previewed.setdefault(url.key, link)
        title = unfurl.title
        if title is None and unfurl.fallback and unfurl.service:
            prefix = unfurl.service + ":"
            title = unfurl.fallback[len(prefix) :] if unfurl.fallback.startswith(prefix) else unfurl.fallback
        if title:
            context = TitleContext(link.board, link.context.company, unfurl.service)
            self.add(clean_title(title, context), Source.UNFURL, link)

    def read_lines(self, text: str, spans: Sequence[tuple[int, int]], in_text: Sequence[_Link | None]) -> None:
        """Each job link's title from its own line (lines.py), read at the first of its tokens that has one; a
        short link stands for the job link its unfurl shows. At most `MAX_LEADS_READ` tokens are read."""
        done: set[str] = set()
        read = 0
        for number, token in enumerate(in_text):
            link = token if token is None or token.is_job else self.previewed.get(token.url.key)
            if link is None or link.url.key in done or read >= MAX_LEADS_READ:
                continue
            read += 1
            lead = lead_of(text, spans, number)
            if lead is not None:
                done.add(link.url.key)
                self.add(title_from_text(lead.text, link.context), Source.TEXT, link, lead.clause)

    def result(self, from_bot: bool) -> LinkScan:
        ranked: list[TitleCandidate] = []
        seen: set[tuple[str | None, str]] = set()
        for *_, candidate in sorted(self.candidates, key=lambda entry: entry[:3]):
            # The matcher's key, so that "Jr ML Engineer" and "junior machine learning engineer" count once for a
            # link; two links may well advertise the same title (two offices).
            key = (candidate.link, normalize_title(candidate.title) or fold(candidate.title))
            if key[1] and key not in seen and len(ranked) < MAX_CANDIDATES:
                seen.add(key)
                ranked.append(candidate)
        links = list(self.links.values())
        return LinkScan(
            job_links=tuple(JobLink(link.url.url, link.board) for link in links if link.is_job),
            other_links=tuple(link.url.url for link in links if not link.is_job),
            candidates=tuple(ranked),
            truncated=self.truncated,
            from_bot=from_bot,
        )


def extract_candidates(message: Mapping[str, Any]) -> LinkScan:
    """Find the job links in a Slack message and rank the role titles they suggest. Never raises.

    Reads, in this order: `text` (`<url|label>` links and the words before each on its line), `blocks` (rich_text
    `link` elements, buttons, mrkdwn of section/context blocks), `attachments` (unfurls). Candidates rank by source
    (label, unfurl, rich_text, url slug, the text beside the link) and then by the order their link first appeared;
    they are de-duplicated per link by the matcher's key. A message without a job link gets no candidates.
    """
    if not isinstance(message, Mapping):
        return LinkScan()
    scan = _Scan()
    text = as_str(message.get("text")) or ""
    if len(text) > MAX_TEXT_CHARS:
        text, scan.truncated = text[:MAX_TEXT_CHARS], True
    parts = split_mrkdwn(text, MAX_LINK_OCCURRENCES)
    scan.truncated |= parts.truncated
    in_text = [scan.labelled(found.url, found.label, Source.LABEL) for found in parts.links]

    blocks = read_blocks(message.get("blocks"))
    scan.truncated |= blocks.truncated
    for block_link in blocks.links:
        scan.labelled(block_link.url, block_link.label, Source.RICH_TEXT)
    budget = MAX_TEXT_CHARS
    for mrkdwn in blocks.mrkdwn:
        budget -= len(mrkdwn)
        if budget < 0:
            scan.truncated = True
            break
        for found in split_mrkdwn(mrkdwn, MAX_LINK_OCCURRENCES).links:
            scan.labelled(found.url, found.label, Source.LABEL)

    unfurls, unfurls_cut = read_attachments(message.get("attachments"))
    scan.truncated |= unfurls_cut
    for unfurl in unfurls:
        scan.unfurl(unfurl)
    scan.read_lines(text, parts.spans, in_text)  # after the unfurls, which tell where a short link leads

    from_bot = message.get("subtype") == "bot_message" or as_str(message.get("bot_id")) is not None
    return scan.result(from_bot)
