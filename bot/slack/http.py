"""The HTTP front of the app: the request guard (size, signature, media type) in front of Bolt's WSGI adapter,
and the health route. Served by ``bot.cli.server``."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import time
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's payloads are small; a body this large is not Slack's (message shortcut payloads stay well below it).
MAX_BODY_BYTES = 1_000_000
SIGNATURE_WINDOW_SECONDS = 5 * 60
SLACK_MEDIA_TYPES = frozenset({"application/x-www-form-urlencoded", "application/json"})

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def _reply(start_response: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def is_signed(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> bool:
    """Slack's ``v0`` signature over the raw bytes, within five minutes of ``now``; any malformed header is False."""
    if not (timestamp.isascii() and timestamp.isdigit()) or abs(now - int(timestamp)) > SIGNATURE_WINDOW_SECONDS:
        return False
    basestring = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), basestring, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def wsgi_app(bolt_app: App, health: Callable[[], dict[str, Any]], *, signing_secret: str) -> WsgiApp:
    """Route `POST /slack/events` to Bolt and `GET /healthz` to ``health``; everything else is 404.

    The signature is checked here, on the raw bytes, before Bolt parses anything: Bolt parses the body first and
    answers 500 (with a logged traceback) to an unsigned body it cannot parse or a non-numeric timestamp header.
    Bolt checks the signature again; an HMAC costs microseconds.
    """
    slack = SlackRequestHandler(bolt_app, path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return _reply(start_response, "200 OK", health())
        if path == EVENTS_PATH:
            if method != "POST":
                return _reply(start_response, "405 Method Not Allowed", {"error": "POST only"})
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > MAX_BODY_BYTES:
                return _reply(start_response, "413 Payload Too Large", {"error": "request body too large"})
            body = environ["wsgi.input"].read(length) if length else b""
            timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
            signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
            if not is_signed(signing_secret, body, timestamp, signature, time.time()):
                return _reply(start_response, "401 Unauthorized", {"error": "invalid request"})
            media_type = environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
            if media_type not in SLACK_MEDIA_TYPES:
                return _reply(start_response, "415 Unsupported Media Type", {"error": "form or JSON body expected"})
            environ["wsgi.input"] = io.BytesIO(body)
            try:
                return slack(environ, start_response)
            except ValueError:  # signed, yet not UTF-8 or broken JSON: Slack never sends that; no traceback
                return _reply(start_response, "400 Bad Request", {"error": "malformed body"})
        return _reply(start_response, "404 Not Found", {"error": "not found"})

    return application
