"""The public pages through the ASGI front `specimen serve` runs: status, headers, HEAD, 404/405 and the search
cache; Add to Slack only when OAuth is configured (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET)."""

from __future__ import annotations

import pytest

from bot.slack.site import CONTENT_SECURITY_POLICY, Site
from tests.support.inprocess import InProcessApp, in_process_app
from tests.support.slack_api import SlackApi

PAGES = ("/", "/privacy", "/support", "/search?q=jr+ml+eng")
OAUTH = {"SLACK_CLIENT_ID": "1234.5678", "SLACK_CLIENT_SECRET": "test-client-secret"}


@pytest.mark.parametrize("path", PAGES)
def test_a_page_is_html_with_strict_security_headers(app_server: InProcessApp, path: str) -> None:
    response = app_server.get(path)
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    for directive in ("default-src 'none'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"].startswith("public, max-age=")
    assert int(response.headers["content-length"]) == len(response.body)
    assert response.text.startswith("<!doctype html>")


def test_the_stylesheet_and_icon_are_served_as_the_policy_allows(app_server: InProcessApp) -> None:
    css = app_server.get("/site.css")
    assert (css.status, css.headers["content-type"]) == (200, "text/css; charset=utf-8")
    icon = app_server.get("/favicon.svg")
    assert (icon.status, icon.headers["content-type"]) == (200, "image/svg+xml")
    assert icon.headers["x-content-type-options"] == "nosniff"


def test_head_answers_the_headers_of_get_without_a_body(app_server: InProcessApp) -> None:
    for path in PAGES:
        got, head = app_server.get(path), app_server.request("HEAD", path)
        assert head.status == 200 and head.body == b""
        assert head.headers == got.headers


def test_other_paths_and_methods_keep_their_answers(app_server: InProcessApp) -> None:
    missing = app_server.get("/nope")
    assert (missing.status, missing.json()) == (404, {"error": "not found"})
    assert app_server.get("/slack/events").status == 405
    assert app_server.get("/healthz").status == 200
    for method in ("POST", "PUT", "DELETE"):
        refused = app_server.request(method, "/")
        assert refused.status == 405
        assert refused.headers["allow"] == "GET, HEAD"
        assert refused.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_a_search_finds_the_card_and_is_answered_from_the_cache_next_time(app_server: InProcessApp) -> None:
    first = app_server.get("/search?q=JR+ML+Eng")
    assert 'id="specimen-junior-machine-learning-engineer"' in first.text
    site = app_server.application.site
    assert isinstance(site, Site)
    assert "jr ml eng" in site.cached_searches()
    again = app_server.get("/search?q=jr%20ml%20%20eng")
    assert again.body == first.body
    assert site.cached_searches()[-1] == "jr ml eng"


def test_a_near_miss_and_a_miss(app_server: InProcessApp) -> None:
    assert 'href="/search?q=Product+Manager"' in app_server.get("/search?q=pm").text
    assert "No specimen matches “pizza chef”" in app_server.get("/search?q=pizza+chef").text


def test_no_add_to_slack_without_oauth(app_server: InProcessApp) -> None:
    assert "add-to-slack" not in app_server.get("/").text


def test_add_to_slack_leads_to_the_install_route_with_oauth(tmp_path_factory: pytest.TempPathFactory) -> None:
    with SlackApi() as api, in_process_app(api, tmp_path_factory.mktemp("oauth"), **OAUTH) as app:
        assert 'id="add-to-slack" href="/slack/install"' in app.get("/").text
