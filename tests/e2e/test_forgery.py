"""Forged and malformed requests against the running app: refused before any listener runs.

Every forgery carries a Share button click whose listener, had it run, would post to its own response_url on the
Web API stand-in. After each forgery a genuine click (another response_url) goes through; once its posts arrived,
the forged response_url must have none, the stand-in must have seen no other call, and the server log must hold
no traceback (an unsigned body must never reach a parser that can fail loudly).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from bot.core.ids import ACTION_SHARE
from bot.slack.endpoint import is_signed
from tests.support import payloads
from tests.support.server import AppServer
from tests.support.signing import FORM, JSON, HttpResponse, http_request, signature

STATE = '{"k":"quote","s":"junior-machine-learning-engineer","q":0,"d":0}'
EVENTS = "/slack/events"


@dataclass(frozen=True)
class Request:
    """What a forger sends: the raw body and every header, signature headers included."""

    body: bytes
    headers: dict[str, str]


def share_click(app_server: AppServer) -> tuple[bytes, str]:
    """The body of a Share click and the response_url its listener would post to."""
    url = app_server.api.issue_response_url()
    payload = payloads.block_actions(ACTION_SHARE, value=STATE, api=app_server.api, response_url=url)
    return payloads.interaction_body(payload).encode(), url


def signed(secret: str, body: bytes, *, timestamp: int | str | None = None, content_type: str = FORM) -> Request:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return Request(
        body,
        {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature(secret, ts, body),
        },
    )


def without(request: Request, header: str) -> Request:
    return Request(request.body, {k: v for k, v in request.headers.items() if k != header})


def with_headers(request: Request, **headers: str) -> Request:
    renamed = {k.replace("_", "-"): v for k, v in headers.items()}
    return Request(request.body, {**request.headers, **renamed})


Forgery = Callable[[str, bytes], Request]

FORGERIES: dict[str, Forgery] = {
    "missing signature header": lambda secret, body: without(signed(secret, body), "X-Slack-Signature"),
    "missing timestamp header": lambda secret, body: without(signed(secret, body), "X-Slack-Request-Timestamp"),
    "no signature headers at all": lambda secret, body: Request(body, {"Content-Type": FORM}),
    "wrong secret": lambda secret, body: signed("not-" + secret, body),
    "stale timestamp (301 s old)": lambda secret, body: signed(secret, body, timestamp=int(time.time()) - 301),
    "future timestamp (301 s ahead)": lambda secret, body: signed(secret, body, timestamp=int(time.time()) + 301),
    "body changed after signing": lambda secret, body: Request(
        body.replace(b"junior", b"senior"), signed(secret, body).headers
    ),
    "body extended after signing": lambda secret, body: Request(body + b"&x=1", signed(secret, body).headers),
    "other scheme version v1=": lambda secret, body: with_headers(
        signed(secret, body), X_Slack_Signature=signed(secret, body).headers["X-Slack-Signature"].replace("v0=", "v1=")
    ),
    "bare hex without v0=": lambda secret, body: with_headers(
        signed(secret, body), X_Slack_Signature=signed(secret, body).headers["X-Slack-Signature"][3:]
    ),
    "upper-case hex": lambda secret, body: with_headers(
        signed(secret, body), X_Slack_Signature="v0=" + signed(secret, body).headers["X-Slack-Signature"][3:].upper()
    ),
    "empty signature": lambda secret, body: with_headers(signed(secret, body), X_Slack_Signature=""),
    "signature of another body": lambda secret, body: Request(body, signed(secret, b"text=hello").headers),
    "signature for another timestamp": lambda secret, body: with_headers(
        signed(secret, body, timestamp=int(time.time()) - 10), X_Slack_Request_Timestamp=str(int(time.time()))
    ),
    "non-numeric timestamp": lambda secret, body: signed(secret, body, timestamp="yesterday"),
    "fractional timestamp": lambda secret, body: signed(secret, body, timestamp=f"{time.time():.3f}"),
    "negative timestamp": lambda secret, body: signed(secret, body, timestamp="-1"),
    "unsigned broken JSON": lambda secret, body: Request(b'{"type": "block_actions", ', {"Content-Type": JSON}),
    "unsigned form body with a broken payload": lambda secret, body: Request(
        b"payload=%7Bnot-json", {"Content-Type": FORM}
    ),
    "unsigned body that is not UTF-8": lambda secret, body: Request(b"\xff\xfe\xfa" + body, {"Content-Type": FORM}),
}


def send(app_server: AppServer, request: Request, method: str = "POST") -> HttpResponse:
    return http_request(app_server.events_url, request.body, method=method, headers=request.headers)


def assert_nothing_ran(app_server: AppServer, forged_url: str) -> None:
    """A genuine click goes through after the forgery; then the forged click must have left no trace."""
    body, url = share_click(app_server)
    genuine = send(app_server, signed(app_server.signing_secret, body))
    assert genuine.status == 200, genuine.text
    app_server.api.wait_for("response_url", 2)  # the genuine Share: the card, then the preview removed
    assert app_server.api.response_posts(forged_url) == []
    # Only the genuine Share ran: its response_url posts and the users.info of its byline.
    calls = app_server.api.calls()
    assert {c.url_id for c in calls if c.method == "response_url"} == {url.rsplit("/", 1)[-1]}
    assert {c.method for c in calls} <= {"response_url", "users.info"}
    assert len([c for c in calls if c.method == "users.info"]) <= 1
    assert "Traceback" not in app_server.stderr()


@pytest.mark.parametrize("kind", list(FORGERIES))
def test_forged_request_gets_401_and_runs_nothing(app_server: AppServer, kind: str) -> None:
    body, forged_url = share_click(app_server)
    response = send(app_server, FORGERIES[kind](app_server.signing_secret, body))
    assert response.status == 401, (kind, response.status, response.text)
    assert response.json() == {"error": "invalid request"}
    assert_nothing_ran(app_server, forged_url)


def test_genuine_request_passes_the_same_checks(app_server: AppServer) -> None:
    """The control: the very request the forgeries start from is accepted and its listener runs."""
    body, url = share_click(app_server)
    assert send(app_server, signed(app_server.signing_secret, body)).status == 200
    posts = app_server.api.wait_for("response_url", 2)
    assert {p.url_id for p in posts} == {url.rsplit("/", 1)[-1]}


@pytest.mark.parametrize("content_type", ["text/plain", "multipart/form-data; boundary=x", "application/xml", ""])
def test_signed_body_with_a_content_type_slack_never_sends_gets_415(app_server: AppServer, content_type: str) -> None:
    """A valid signature does not cover the Content-Type header; Slack sends only form or JSON bodies."""
    body, forged_url = share_click(app_server)
    response = send(app_server, signed(app_server.signing_secret, body, content_type=content_type))
    assert response.status == 415, (content_type, response.status, response.text)
    assert_nothing_ran(app_server, forged_url)


MALFORMED_SIGNED = [
    (b'{"type": "block_actions", ', JSON),
    (b"[1]", JSON),
    (b"null", JSON),
    (b'"text"', JSON),
    (b"payload=%7Bnot-json", FORM),
    (b"payload=%5B1%5D", FORM),
    (b"payload=null", FORM),
    (b"payload=%22text%22", FORM),
]


@pytest.mark.parametrize(("body", "content_type"), MALFORMED_SIGNED)
def test_signed_but_malformed_body_gets_400_without_a_traceback(
    app_server: AppServer, body: bytes, content_type: str
) -> None:
    """Signed, yet not Slack's shape: JSON that is not an object, a form ``payload`` that is not a JSON object."""
    response = send(app_server, signed(app_server.signing_secret, body, content_type=content_type))
    assert response.status == 400, (body, response.status, response.text)
    assert response.json() == {"error": "malformed body"}
    assert_nothing_ran(app_server, "no-forged-url")


def test_signed_body_that_is_not_utf8_gets_401() -> None:
    """slack_sdk's verifier hashes text: a body that is not UTF-8 cannot be Slack's and is refused as unsigned."""
    secret, body, now = "s3cret", b"\xff\xfe", 1_700_000_000
    assert not is_signed(secret, body, str(now), signature(secret, now, body), now)


def test_oversized_body_gets_413_before_it_is_read(app_server: AppServer) -> None:
    """Only the headers and the first kilobyte are sent: the answer must come from Content-Length alone."""
    body, forged_url = share_click(app_server)
    headers = signed(app_server.signing_secret, body).headers
    connection = http.client.HTTPConnection("127.0.0.1", app_server.port, timeout=10)
    try:
        connection.putrequest("POST", EVENTS)
        for name, value in {**headers, "Content-Length": str(1_000_001)}.items():
            connection.putheader(name, value)
        connection.endheaders()
        connection.send(body[:1024])
        response = connection.getresponse()
        assert response.status == 413
        response.read()
    finally:
        connection.close()
    assert_nothing_ran(app_server, forged_url)


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_other_methods_get_405(app_server: AppServer, method: str) -> None:
    body, forged_url = share_click(app_server)
    request = signed(app_server.signing_secret, body)
    response = send(app_server, request if method != "GET" else Request(b"", request.headers), method=method)
    assert response.status == 405
    assert_nothing_ran(app_server, forged_url)


def test_signature_check_on_raw_bytes_and_its_five_minute_window() -> None:
    """``bot.slack.endpoint.is_signed`` directly: Slack's test vector shape, window edges, non-ASCII UTF-8 bytes."""
    secret, body, now = "s3cret", "token=x&text=Grüße ✓".encode(), 1_700_000_000
    good = signature(secret, now, body)
    assert is_signed(secret, body, str(now), good, now)
    assert is_signed(secret, body, str(now), good, now + 300)  # the window's edge is inside
    assert not is_signed(secret, body, str(now), good, now + 301)
    assert not is_signed(secret, body, str(now), good, now - 301)
    assert not is_signed(secret, body + b" ", str(now), good, now)
    assert not is_signed(secret, body, str(now), good.upper(), now)
    for timestamp in ("", " 1700000000", "1700000000.0", "-1700000000", "１７００００００００", "0x1"):
        basestring = b"v0:" + timestamp.encode() + b":" + body  # what a forger would sign, any characters
        forged = "v0=" + hmac.new(secret.encode(), basestring, hashlib.sha256).hexdigest()
        assert not is_signed(secret, body, timestamp, forged, now), timestamp
    assert not is_signed(secret, body, str(now), "v0=é", now)
