"""Slack failing after the acknowledgement: the Web API stand-in answers 500, 429 with Retry-After, malformed JSON
or slowly, for every method the app calls after ``ack()``, and ``response_url`` refuses posts.

Each time: the user gets a clear ephemeral error where Slack offers a way to send one (the request's response_url),
the server logs the failure once (one line naming it, at most one traceback: no storm), and the same request
made again right after works.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from bot.core.ids import ACTION_FULL_FILE, ACTION_SHARE, ACTION_SHUFFLE, SHORTCUT_IDENTIFY, SHORTCUT_LOOKUP
from bot.slack.followup import SORRY
from tests.support import payloads
from tests.support.faults import Fault
from tests.support.server import AppServer, Exchange

pytestmark = pytest.mark.slow  # fault injection: slow answers and retries, by design

SLUG = "junior-machine-learning-engineer"
TITLE = "Junior Machine Learning Engineer"
STATE = '{"k":"card","s":"junior-machine-learning-engineer","q":0,"d":0}'
JOB_MESSAGE = {"text": "look <https://boards.greenhouse.io/acme/jobs/4012345|Junior ML Engineer>", "ts": "1.0"}

FAULTS: dict[str, Callable[[], Fault]] = {
    "HTTP 500": Fault.server_error,
    "HTTP 429 Retry-After": lambda: Fault.rate_limited(1),
    "malformed JSON": Fault.malformed_json,
}


class ServerLog:
    """The part of the app's stderr written since this object was made."""

    def __init__(self, app_server: AppServer) -> None:
        self._server = app_server
        self._start = len(app_server.stderr())

    def text(self) -> str:
        return self._server.stderr()[self._start :]

    def wait_for(self, needle: str, timeout: float = 5.0) -> str:
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not logged within {timeout}s; log:\n{self.text()}")
            time.sleep(0.02)
        return self.text()

    def assert_once(self, needle: str) -> None:
        self.wait_for(needle)
        text = self.text()
        assert text.count(needle) == 1, text
        assert text.count("Traceback") <= 1, text


def all_text(payload: Any) -> str:
    if isinstance(payload, dict):
        return "\n".join(all_text(v) for v in payload.values())
    if isinstance(payload, list):
        return "\n".join(all_text(v) for v in payload)
    return payload if isinstance(payload, str) else ""


def wait_for_posts(app_server: AppServer, url: str, count: int, timeout: float = 5.0) -> list[Any]:
    deadline = time.monotonic() + timeout
    while len(app_server.api.response_posts(url)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"expected {count} posts to {url}, got {app_server.api.response_posts(url)}")
        time.sleep(0.02)
    return app_server.api.response_posts(url)


def assert_settled(app_server: AppServer, url: str, count: int) -> list[Any]:
    """Exactly ``count`` posts reached ``url`` (a short grace period lets any extra one arrive)."""
    posts = wait_for_posts(app_server, url, count)
    time.sleep(0.3)
    assert len(app_server.api.response_posts(url)) == count, app_server.api.response_posts(url)
    return posts


def full_file_click(app_server: AppServer, url: str) -> Exchange:
    return app_server.post_action(ACTION_FULL_FILE, value=SLUG, response_url=url)


def identify_shortcut(app_server: AppServer, url: str) -> Exchange:
    payload = payloads.message_action(SHORTCUT_IDENTIFY, message=JOB_MESSAGE, api=app_server.api, response_url=url)
    return app_server.post_interaction(payload)


VIEWS_OPEN_SURFACES: dict[str, tuple[Callable[[AppServer, str], Exchange], str]] = {
    "Full file button": (full_file_click, "full_file failed"),
    "Identify specimen shortcut": (identify_shortcut, "open_identification failed"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("surface", list(VIEWS_OPEN_SURFACES))
def test_views_open_failure_tells_the_user_logs_once_and_the_next_click_works(
    app_server: AppServer, surface: str, fault: str
) -> None:
    click, logged = VIEWS_OPEN_SURFACES[surface]
    log = ServerLog(app_server)
    app_server.api.inject("views.open", FAULTS[fault]())
    url = app_server.api.issue_response_url()
    assert click(app_server, url).status == 200  # acknowledged before views.open was even tried
    [post] = assert_settled(app_server, url, 1)
    assert post.response_type == "ephemeral" and not post.replace_original
    assert SORRY in all_text(post.params)
    log.assert_once(logged)

    again = app_server.api.issue_response_url()
    assert click(app_server, again).status == 200
    opened = app_server.api.wait_for("views.open", 2)
    assert opened[-1].ok, opened[-1].reply
    assert app_server.api.response_posts(again) == []
    assert log.text().count(logged) == 1


@pytest.mark.parametrize("fault", list(FAULTS))
def test_look_up_shortcut_without_response_url_logs_once_and_the_next_works(app_server: AppServer, fault: str) -> None:
    """A global shortcut carries no response_url: nothing can reach the user; the failure is logged once."""
    log = ServerLog(app_server)
    app_server.api.inject("views.open", FAULTS[fault]())
    shortcut = payloads.global_shortcut(SHORTCUT_LOOKUP, api=app_server.api)
    assert app_server.post_interaction(shortcut).status == 200
    log.assert_once("open_search failed")
    assert app_server.post_interaction(payloads.global_shortcut(SHORTCUT_LOOKUP, api=app_server.api)).status == 200
    assert app_server.api.wait_for("views.open", 2)[-1].ok
    assert log.text().count("open_search failed") == 1


@pytest.mark.parametrize("fault", list(FAULTS))
def test_views_publish_failure_logs_once_and_the_next_home_opened_publishes(app_server: AppServer, fault: str) -> None:
    log = ServerLog(app_server)
    app_server.api.inject("views.publish", FAULTS[fault]())
    assert app_server.post_event().status == 200
    log.assert_once("publish_home failed")
    assert app_server.post_event().status == 200
    published = app_server.api.wait_for("views.publish", 2)
    assert published[-1].ok, published[-1].reply
    assert log.text().count("publish_home failed") == 1


@pytest.mark.parametrize("fault", list(FAULTS))
def test_users_info_failure_still_answers_daily_on(app_server: AppServer, fault: str) -> None:
    """users.info only supplies a default time zone: without it `daily on` still gets its ephemeral answer."""
    log = ServerLog(app_server)
    app_server.api.inject("users.info", FAULTS[fault]())
    exchange = app_server.post_command("daily on 09:00 Europe/Berlin")
    assert exchange.status == 200
    [post] = assert_settled(app_server, exchange.sent["response_url"], 1)
    assert post.response_type == "ephemeral"
    log.assert_once("users.info failed")
    off = app_server.post_command("daily off")
    wait_for_posts(app_server, off.sent["response_url"], 1)  # its reply must not meet the next test's faults


@pytest.mark.parametrize("fault", ["HTTP 500", "HTTP 429 Retry-After"])
def test_share_refused_by_response_url_tells_the_user_and_the_next_share_works(
    app_server: AppServer, fault: str
) -> None:
    log = ServerLog(app_server)
    app_server.api.inject("response_url", Fault.server_error() if fault == "HTTP 500" else Fault.rate_limited(1))
    url = app_server.api.issue_response_url()
    assert app_server.post_action(ACTION_SHARE, value=STATE, response_url=url, is_ephemeral=True).status == 200
    refused, told = assert_settled(app_server, url, 2)
    assert not refused.ok
    assert told.ok and told.response_type == "ephemeral" and not told.replace_original
    assert "would not post that card" in all_text(told.params)
    log.assert_once("response_url refused a reply")

    again = app_server.api.issue_response_url()
    app_server.post_action(ACTION_SHARE, value=STATE, response_url=again, is_ephemeral=True)
    shared, removed = assert_settled(app_server, again, 2)
    assert shared.response_type == "in_channel" and removed.delete_original
    assert log.text().count("response_url refused a reply") == 1


def test_slow_views_open_holds_nothing_else_up(app_server: AppServer) -> None:
    """views.open answers after 2 s: meanwhile commands are answered; then the modal opens."""
    app_server.api.inject("views.open", Fault.delayed(2.0))
    url = app_server.api.issue_response_url()
    assert full_file_click(app_server, url).status == 200
    for _ in range(5):
        exchange = app_server.post_command("jr ml eng")
        assert exchange.status == 200 and exchange.json()["blocks"][0]["text"]["text"] == TITLE
    assert app_server.api.calls("views.open") == []  # still waiting on the slow answer
    [opened] = app_server.api.wait_for("views.open", timeout=10)
    assert opened.ok and opened.fault == "delayed(2.0)"
    assert app_server.api.response_posts(url) == []


def test_slow_response_url_still_gets_the_shuffled_card(app_server: AppServer) -> None:
    app_server.api.inject("response_url", Fault.delayed(2.0))
    url = app_server.api.issue_response_url()
    app_server.post_action(ACTION_SHUFFLE, value=STATE, response_url=url, is_ephemeral=True)
    assert app_server.post_command("ai apprentice").status == 200
    [post] = wait_for_posts(app_server, url, 1, timeout=10)
    assert post.ok and post.replace_original
    assert TITLE in all_text(post.params)


def test_a_storm_of_failures_is_one_log_line_each_and_serving_goes_on(app_server: AppServer) -> None:
    """Ten failing Full file clicks in a row: ten apologies, ten log lines, and the app still answers."""
    log = ServerLog(app_server)
    app_server.api.inject("views.open", *(Fault.server_error() for _ in range(10)))
    urls = [app_server.api.issue_response_url() for _ in range(10)]
    for url in urls:
        assert full_file_click(app_server, url).status == 200
    for url in urls:
        [post] = wait_for_posts(app_server, url, 1)
        assert SORRY in all_text(post.params)
    deadline = time.monotonic() + 5
    while log.text().count("full_file failed") < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    assert log.text().count("full_file failed") == 10
    assert log.text().count("Traceback") == 10
    assert app_server.post_command("jr ml eng").status == 200
