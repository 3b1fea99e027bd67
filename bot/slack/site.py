"""The public pages in HTTP mode: the core's pages rendered once into bytes, with their headers, and search answers
kept in a small LRU. Every answer here is ready bytes or a sub-millisecond lookup, so it runs on the event loop.

Socket Mode serves no pages (it has no HTTP server of its own; its health server answers /healthz only).
"""

from __future__ import annotations

from collections import OrderedDict
from urllib.parse import parse_qs

from bot.core.answers.guide import FieldGuide
from bot.core.site import pages
from bot.core.site.html import ICON_PATH, PRIVACY_PATH, SEARCH_PATH, STYLESHEET_PATH, SUPPORT_PATH
from bot.slack.endpoint import Reply

HTML = "text/html; charset=utf-8"
# No script, no frame, no foreign resource: the pages need their own stylesheet and icon and a same-origin form.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
PAGE_CACHE = "public, max-age=300"
ASSET_CACHE = "public, max-age=86400"
SEARCH_CACHE_SIZE = 512
ALLOWED = "GET, HEAD"

Headers = tuple[tuple[str, str], ...]


def page_headers(cache_control: str) -> Headers:
    """What every page and asset carries besides its type and length."""
    return (
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", cache_control),
    )


def page_reply(html: str, status: int = 200) -> Reply:
    return Reply(status, html.encode("utf-8"), HTML, page_headers(PAGE_CACHE))


class Site:
    """The page routes: ``site(method, path, query_string)`` is a ``Reply``, or None for a path that is no page.

    ``install_url`` ("/slack/install" when OAuth is configured) shows Add to Slack on the landing page.
    """

    def __init__(self, guide: FieldGuide, install_url: str | None, search_cache_size: int = SEARCH_CACHE_SIZE) -> None:
        self.guide = guide
        self._search_cache_size = search_cache_size
        self._searches: OrderedDict[str, Reply] = OrderedDict()
        self._fixed: dict[str, Reply] = {
            "/": page_reply(pages.landing_page(guide, install_url)),
            PRIVACY_PATH: page_reply(pages.privacy_page()),
            SUPPORT_PATH: page_reply(pages.support_page()),
            STYLESHEET_PATH: _asset(pages.resource_text("site.css"), "text/css; charset=utf-8"),
            ICON_PATH: _asset(pages.resource_text("favicon.svg"), "image/svg+xml"),
        }
        not_allowed = ("allow", ALLOWED), *page_headers("no-store")
        self._not_allowed = Reply(405, b"GET or HEAD only\n", "text/plain; charset=utf-8", not_allowed)

    def __call__(self, method: str, path: str, query_string: bytes = b"") -> Reply | None:
        if path != SEARCH_PATH and path not in self._fixed:
            return None
        if method not in ("GET", "HEAD"):
            return self._not_allowed
        if path == SEARCH_PATH:
            return self.search(_query(query_string))
        return self._fixed[path]

    def search(self, raw_query: str) -> Reply:
        """The search page of ``raw_query``, from the LRU (keyed by the normalised query) or rendered now."""
        query = pages.normalise_query(raw_query)
        reply = self._searches.get(query)
        if reply is not None:
            self._searches.move_to_end(query)
            return reply
        reply = page_reply(pages.search_page(self.guide, query))
        self._searches[query] = reply
        if len(self._searches) > self._search_cache_size:
            self._searches.popitem(last=False)
        return reply

    def cached_searches(self) -> list[str]:
        """The normalised queries held, least recently used first."""
        return list(self._searches)


def _asset(text: str, content_type: str) -> Reply:
    return Reply(200, text.encode("utf-8"), content_type, page_headers(ASSET_CACHE))


def _query(query_string: bytes) -> str:
    """The first ``q`` of the query string (percent-escapes read as UTF-8, anything undecodable replaced)."""
    values = parse_qs(query_string.decode("utf-8", "replace")).get("q")
    return values[0] if values else ""
