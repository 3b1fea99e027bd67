"""Our request signing matches Slack's published test vector and slack_sdk's verifier."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from slack_sdk.signature import SignatureVerifier

from tests.support.signing import post_signed, signature, signed_headers

# Slack's example from https://docs.slack.dev/authentication/verifying-requests-from-slack, as used by
# slackapi/python-slack-sdk tests/slack_sdk/signature/test_signature_verifier.py.
VECTOR_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
VECTOR_TIMESTAMP = "1531420618"
VECTOR_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
    "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
    "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
VECTOR_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def test_signature_matches_slacks_official_vector() -> None:
    assert signature(VECTOR_SECRET, VECTOR_TIMESTAMP, VECTOR_BODY) == VECTOR_SIGNATURE
    assert signature(VECTOR_SECRET, int(VECTOR_TIMESTAMP), VECTOR_BODY.encode()) == VECTOR_SIGNATURE


def test_signature_changes_with_body_secret_and_timestamp() -> None:
    assert signature(VECTOR_SECRET, VECTOR_TIMESTAMP, VECTOR_BODY + "x") != VECTOR_SIGNATURE
    assert signature(VECTOR_SECRET + "x", VECTOR_TIMESTAMP, VECTOR_BODY) != VECTOR_SIGNATURE
    assert signature(VECTOR_SECRET, "1531420619", VECTOR_BODY) != VECTOR_SIGNATURE


def test_signed_headers_pass_slack_sdks_verifier() -> None:
    body = "text=caf%C3%A9+%F0%9F%9A%80&command=%2Fspecimen"
    headers = signed_headers("s3cret", body)
    verifier = SignatureVerifier("s3cret")
    assert verifier.is_valid_request(body, {k.lower(): v for k, v in headers.items()})
    assert not SignatureVerifier("other").is_valid_request(body, {k.lower(): v for k, v in headers.items()})


def test_stale_timestamp_fails_the_five_minute_window() -> None:
    headers = signed_headers("s3cret", "a=b", timestamp=1531420618)
    assert not SignatureVerifier("s3cret").is_valid_request("a=b", {k.lower(): v for k, v in headers.items()})


class _Echo(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        ok = SignatureVerifier("s3cret").is_valid_request(raw, {k.lower(): v for k, v in self.headers.items()})
        body = json.dumps({"valid": ok, "content_type": self.headers["Content-Type"]}).encode()
        self.send_response(200 if ok else 401)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def echo_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_post_signed_sends_a_verifiable_request(echo_url: str) -> None:
    response = post_signed(echo_url, "command=%2Fspecimen&text=x", secret="s3cret")
    assert response.status == 200
    assert response.json() == {"valid": True, "content_type": "application/x-www-form-urlencoded"}


def test_post_signed_returns_error_statuses_instead_of_raising(echo_url: str) -> None:
    response = post_signed(echo_url, "command=%2Fspecimen", secret="wrong")
    assert response.status == 401
    assert response.json()["valid"] is False
