"""Which strings are safe http(s) links, and which of those point at a job ad on which board.

A *link* is any absolute http(s) URL with a plausible host name; every other scheme (`javascript:`, `file:`,
`mailto:`, `slack://` ...) and anything malformed is ignored. A *job link* is a link on a known job board whose path
is a job page or a company's list of openings (the user is then asked for the title), or any link whose path has a
/job/, /jobs/, /careers/ ... segment, whose host starts with `jobs.` or `careers.`, or whose query names a job id
(`gh_jid`, `jk`, ...). A message whose links are all other links has no job link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from bot.core.blocks.limits import URL_MAX

MAX_URL_CHARS = URL_MAX  # longer strings are not treated as links

_JOB_SEGMENT = re.compile(
    r"(?:jobs?|careers?|positions?|openings?|vacanc(?:y|ies)|job[-_]?(?:listing|details?|posting|view|search)"
    r"|open[-_]positions|stellenangebote|empleo)(?:\.[a-z]{2,5})?",
    re.IGNORECASE,
)
_JOB_HOST_PREFIXES = frozenset({"jobs", "job", "careers", "career", "hiring"})
_JOB_QUERY_KEYS = frozenset({"gh_jid", "ashby_jid", "jobid", "job_id", "jobreqid", "requisitionid"})
_GREENHOUSE_BOARD_HOSTS = frozenset({"boards", "job-boards", "app"})  # not www.greenhouse.io, the vendor's own site
# Whitespace and controls, and characters never raw in a real URL that would break the caller's `<url|label>`.
_UNSAFE_CHAR = re.compile(r'[\s\x00-\x1f\x7f<>|"`]')
_REGIONAL_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu"})
_COMMON_SUBDOMAINS = frozenset({"www", "jobs", "job", "careers", "career", "apply", "boards", "hiring", "en"})


@dataclass(frozen=True, slots=True)
class HttpUrl:
    """A validated http(s) URL split into the parts the classifiers look at."""

    url: str  # as found (entity-unescaped, trimmed)
    host: str  # lower case, no leading "www.", no trailing dot
    segments: tuple[str, ...]  # non-empty path segments, still percent-encoded
    query: tuple[tuple[str, str], ...]
    key: str  # identity for de-duplication: host, path without trailing slash, query

    def query_value(self, name: str) -> str | None:
        for key, value in self.query:
            if key.lower() == name:
                return value
        return None


def _valid_host(host: str) -> bool:
    labels = host.split(".")
    if len(labels) < 2:
        return False
    return all(0 < len(label) <= 63 and label.replace("-", "").replace("_", "").isalnum() for label in labels)


def parse_http_url(raw: str) -> HttpUrl | None:
    """The URL's parts, or None when `raw` is not a well-formed absolute http(s) URL.

    An accepted URL holds no whitespace, control character, `<`, `>`, `|`, `"` or backtick, so it can be put
    into a Slack `<url|label>` link or a button as it is.
    """
    if len(raw) > MAX_URL_CHARS + 2:
        return None
    raw = raw.strip()
    if not raw or len(raw) > MAX_URL_CHARS or not raw[:8].lower().startswith(("http://", "https://")):
        return None
    if _UNSAFE_CHAR.search(raw):
        return None
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").rstrip(".")
        _ = parts.port  # raises ValueError on a non-numeric or out-of-range port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or "\\" in parts.netloc or not _valid_host(host):
        return None
    host = host.removeprefix("www.")
    segments = tuple(s for s in parts.path.split("/") if s)
    query = tuple(parse_qsl(parts.query, keep_blank_values=False)[:50])
    key = f"{host}/{'/'.join(segments)}?{parts.query}"
    return HttpUrl(url=raw, host=host, segments=segments, query=query, key=key)


def is_job_segment(segment: str) -> bool:
    """A path segment that marks a job page or a careers section: /job/, /jobs/, /careers/, /positions/ ..."""
    return _JOB_SEGMENT.fullmatch(segment) is not None


def _host_is(host: str, domain: str) -> bool:
    """`host` is `domain` or one of its subdomains: split at a dot, so notlinkedin.com is not linkedin.com."""
    return host == domain or host.endswith("." + domain)


# Two-label public suffixes under which the boards run country sites (indeed.co.uk, glassdoor.com.au).
_COUNTRY_SECOND_LEVEL = frozenset({"co", "com"})


def _is_public_suffix(labels: list[str]) -> bool:
    """`com`, a two-letter country code (`de`), or `co.`/`com.` before one (`co.uk`, `com.au`)."""
    if len(labels) == 1:
        return labels[0] == "com" or (len(labels[0]) == 2 and labels[0].isalpha())
    return len(labels) == 2 and labels[0] in _COUNTRY_SECOND_LEVEL and _is_public_suffix(labels[1:])


def _registered_as(host: str, name: str) -> bool:
    """`host` is on `name`'s own registrable domain, under `com` or a country's suffix: indeed.com, uk.indeed.com,
    indeed.de, www.indeed.co.uk. The name must sit right before the public suffix, so a lookalike that merely
    contains it (indeed.foo.io, indeed.com.evil.io, notindeed.com) is someone else's domain."""
    labels = host.split(".")
    return any(
        len(labels) > size and labels[-size - 1] == name and _is_public_suffix(labels[-size:]) for size in (1, 2)
    )


def _lower_segments(url: HttpUrl) -> tuple[str, ...]:
    return tuple(s.lower() for s in url.segments)


def board_of(url: HttpUrl) -> tuple[bool, str | None]:
    """(is it a job link, the job board's name or None); a board's non-job page gives (False, None)."""
    host, segs = url.host, _lower_segments(url)
    board: str | None = None
    job = False
    if _host_is(host, "linkedin.com"):
        board, job = "LinkedIn", "jobs" in segs or "jobs-guest" in segs or url.query_value("currentjobid") is not None
    elif _registered_as(host, "indeed"):
        job = (
            url.query_value("jk") is not None
            or url.query_value("vjk") is not None
            or any("job" in s for s in segs)
            or bool(segs and segs[0].startswith("q-"))
        )
        board = "Indeed"
    elif _host_is(host, "myworkdayjobs.com") or _host_is(host, "myworkdaysite.com"):
        board, job = "Workday", "job" in segs or "details" in segs
    elif _host_is(host, "greenhouse.io") and host.split(".", 1)[0] in _GREENHOUSE_BOARD_HOSTS:
        board, job = "Greenhouse", bool(segs)
    elif host in ("jobs.lever.co", "jobs.eu.lever.co"):
        board, job = "Lever", bool(segs)
    elif host == "jobs.ashbyhq.com":
        board, job = "Ashby", bool(segs)
    elif _host_is(host, "smartrecruiters.com"):
        board, job = "SmartRecruiters", host.startswith(("jobs.", "careers.")) and bool(segs)
    elif _host_is(host, "workable.com"):
        board, job = "Workable", host.startswith(("apply.", "jobs.")) and bool(segs)
    elif _registered_as(host, "glassdoor"):
        board, job = "Glassdoor", any("job" in s for s in segs)
    elif _host_is(host, "wellfound.com") or _host_is(host, "angel.co"):
        board, job = "Wellfound", "jobs" in segs or "job" in segs or "role" in segs
    elif _host_is(host, "stackoverflow.com"):
        board, job = "Stack Overflow", bool(segs) and segs[0] == "jobs"
    if board is not None:  # the board's own rule knows its URLs better than the generic one
        return job, board if job else None
    if url.query_value("gh_jid") is not None:
        return True, "Greenhouse"
    if url.query_value("ashby_jid") is not None:
        return True, "Ashby"
    generic = (
        host.split(".", 1)[0] in _JOB_HOST_PREFIXES
        or any(is_job_segment(s) for s in segs)
        or any(key.lower() in _JOB_QUERY_KEYS for key, _ in url.query)
    )
    return generic, None


_SLUG_COMPANY_BOARDS = {
    "Greenhouse": "greenhouse.io",
    "Lever": "lever.co",
    "Ashby": "ashbyhq.com",
    "SmartRecruiters": "smartrecruiters.com",
    "Workable": "workable.com",
}


def company_hint(url: HttpUrl, board: str | None) -> str | None:
    """The hiring company's name as the URL spells it (a slug or host label), to strip from unfurl titles."""
    segs = url.segments
    domain = _SLUG_COMPANY_BOARDS.get(board or "")
    if domain is not None and _host_is(url.host, domain):  # boards.greenhouse.io/<company>/jobs/<id>
        if segs and segs[0].lower() == "embed":
            return url.query_value("for")
        return segs[0] if segs else None
    if board == "Workday":  # <company>.wd5.myworkdayjobs.com
        return url.host.split(".", 1)[0]
    if board is not None and domain is None:  # LinkedIn, Indeed ...: the host names the board, not the company
        return None
    labels = [label for label in url.host.split(".") if label not in _COMMON_SUBDOMAINS]
    if len(labels) >= 3 and labels[-2] in _REGIONAL_SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else None
