"""The page routes of bot.slack.site without a server: what is a page, the methods allowed, the headers, and the
search LRU (keyed by the normalised query, bounded, least recently used out first)."""

from __future__ import annotations

from bot.core.answers.guide import FieldGuide
from bot.core.records.model import Catalog
from bot.slack.site import CONTENT_SECURITY_POLICY, Site
from tests.unit.core.site.test_pages import specimen


def site(size: int = 3) -> Site:
    guide = FieldGuide.build(Catalog((specimen("Data Engineer", "data-engineer"),)))
    return Site(guide, "/slack/install", search_cache_size=size)


def test_pages_are_answered_with_their_headers_and_other_paths_are_left_alone() -> None:
    pages = site()
    for path in ("/", "/privacy", "/support", "/search", "/site.css", "/favicon.svg"):
        reply = pages("GET", path)
        assert reply is not None and reply.status == 200, path
        assert dict(reply.headers)["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert pages("GET", "/slack/events") is None and pages("GET", "/nope") is None and pages("GET", "/healthz") is None
    refused = pages("POST", "/")
    assert refused is not None and refused.status == 405 and dict(refused.headers)["allow"] == "GET, HEAD"


def test_fixed_pages_are_the_same_bytes_every_time() -> None:
    pages = site()
    assert pages("GET", "/") is pages("HEAD", "/")


def test_searches_are_cached_by_normalised_query_and_the_cache_is_bounded() -> None:
    pages = site(size=2)
    first = pages("GET", "/search", b"q=Data+Engineer")
    assert pages("GET", "/search", b"q=%20data%20%20ENGINEER") is first
    pages("GET", "/search", b"q=pizza")
    pages("GET", "/search", b"q=data+engineer")  # used again: now the most recent
    pages("GET", "/search", b"q=chef")
    assert pages.cached_searches() == ["data engineer", "chef"]


def test_an_odd_query_string_is_read_without_failing() -> None:
    pages = site()
    for query in (b"", b"q=", b"q=%ff%fe", b"q=a&q=b", b"x=1", b"q=" + b"a" * 10_000, b"q=\xff\xfe"):
        reply = pages("GET", "/search", query)
        assert reply is not None and reply.status == 200
