"""The request guard through the app in this process: shapes Slack never sends, replays, Slack's own retries and
requests from another workspace."""

from __future__ import annotations

import json
import time

import pytest

from bot.slack.workspace import OTHER_WORKSPACE
from tests.support import payloads
from tests.support.inprocess import InProcessApp
from tests.support.server import EVENTS_PATH
from tests.support.signing import FORM, JSON, signed_headers


def send(app: InProcessApp, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    response = app.request("POST", EVENTS_PATH, body, headers)
    return response.status, response.body


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"[1]", JSON), (b"null", JSON), (b"7", JSON), (b"payload=%5B1%5D", FORM), (b"payload=null", FORM)],
)
def test_signed_body_of_the_wrong_shape_gets_400(app_server: InProcessApp, body: bytes, content_type: str) -> None:
    response = app_server.post_raw(body, content_type)
    assert response.status == 400, response.text
    assert "Traceback" not in app_server.stderr()


@pytest.mark.parametrize("timestamp", ["yesterday", "1e9", "", "-5", "１７００００００００"])
def test_non_numeric_timestamp_gets_401(app_server: InProcessApp, timestamp: str) -> None:
    body = payloads.form_body(payloads.slash_command("jr ml eng", api=app_server.api)).encode()
    headers = {"Content-Type": FORM, **signed_headers(app_server.signing_secret, body)}
    headers["X-Slack-Request-Timestamp"] = timestamp
    assert send(app_server, body, headers)[0] == 401


def test_a_signed_command_replayed_acts_once(app_server: InProcessApp) -> None:
    body = payloads.form_body(payloads.slash_command("jr ml eng", api=app_server.api)).encode()
    headers = {"Content-Type": FORM, **signed_headers(app_server.signing_secret, body)}
    answers = [send(app_server, body, headers) for _ in range(3)]
    assert [status for status, _ in answers] == [200, 200, 200]
    assert json.loads(answers[0][1])["response_type"] == "ephemeral"
    assert [reply for _, reply in answers[1:]] == [b"", b""]


def test_the_same_body_signed_again_later_is_a_new_request(app_server: InProcessApp) -> None:
    """Only the (timestamp, signature) pair is remembered: a new timestamp is a new request (a command typed twice)."""
    body = payloads.form_body(payloads.slash_command("jr ml eng", api=app_server.api)).encode()
    now = int(time.time())
    first = {"Content-Type": FORM, **signed_headers(app_server.signing_secret, body, timestamp=now - 1)}
    second = {"Content-Type": FORM, **signed_headers(app_server.signing_secret, body, timestamp=now)}
    assert json.loads(send(app_server, body, first)[1])["response_type"] == "ephemeral"
    assert json.loads(send(app_server, body, second)[1])["response_type"] == "ephemeral"


def test_slack_retrying_an_event_is_answered_and_acts_once(app_server: InProcessApp) -> None:
    event = payloads.app_home_opened()
    first = app_server.post_event(event, event_id="EvRETRY0001")
    app_server.settle()
    retry_headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    retries = [app_server.post_event(event, event_id="EvRETRY0001", headers=retry_headers) for _ in range(2)]
    app_server.settle()
    assert [exchange.status for exchange in (first, *retries)] == [200, 200, 200]
    assert len(app_server.api.calls("views.publish")) == 1


def test_a_command_from_another_workspace_is_refused(app_server: InProcessApp) -> None:
    exchange = app_server.post_command("daily on 09:00", team_id="T0ELSEWHERE", channel_id="C0OTHER001")
    assert exchange.status == 200
    assert exchange.json() == {"response_type": "ephemeral", "text": OTHER_WORKSPACE}
    assert app_server.deps.store is not None
    assert app_server.deps.store.subscription("T0ELSEWHERE", "C0OTHER001") is None


def test_an_interaction_from_another_workspace_is_refused(app_server: InProcessApp) -> None:
    payload = payloads.block_actions("specimen_shuffle", api=app_server.api)
    payload["team"] = {"id": "T0ELSEWHERE", "domain": "elsewhere"}
    payload["user"] = {**payload["user"], "team_id": "T0ELSEWHERE"}
    exchange = app_server.post_interaction(payload)
    assert exchange.status == 200
    assert exchange.json()["text"] == OTHER_WORKSPACE
    app_server.settle()
    assert app_server.api.calls("response_url") == []


def test_an_event_from_another_workspace_gets_200_and_does_nothing(app_server: InProcessApp) -> None:
    exchange = app_server.post_event(payloads.app_home_opened(), team_id="T0ELSEWHERE")
    app_server.settle()
    assert exchange.status == 200
    assert exchange.text == ""
    assert app_server.api.calls("views.publish") == []
