"""A tiny stand-in for ``specimen serve``, used only to test the test harness itself.

``python -m tests.support.fake_app serve --port PORT --records DIR`` follows the same contract as the real
server: ``GET /healthz``, ``POST /slack/events`` verified with slack_sdk's own ``SignatureVerifier`` (401 when
the signature is wrong), settings from the environment, exit 0 on SIGTERM. A command whose text is ``post``
calls chat.postMessage on ``SLACK_API_URL`` and answers on its ``response_url``, to prove the wiring end to end.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, make_server

from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def handle_events(raw: bytes, headers: dict[str, str]) -> tuple[str, dict[str, Any]]:
    verifier = SignatureVerifier(os.environ["SLACK_SIGNING_SECRET"])
    if not verifier.is_valid_request(raw, headers):
        return "401 Unauthorized", {"error": "invalid request"}
    if headers.get("content-type", "").startswith("application/json"):
        body = json.loads(raw)
        if body.get("type") == "url_verification":
            return "200 OK", {"challenge": body["challenge"]}
        event_type = body.get("event", {}).get("type")
        return "200 OK", {"received": "event", "event_type": event_type, "retry": headers.get("x-slack-retry-num")}
    form = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    if "payload" in form:
        return "200 OK", {"received": "interaction", "type": json.loads(form["payload"]).get("type")}
    if form.get("text") == "post":
        client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
        posted = client.chat_postMessage(channel=form["channel_id"], text="posted by the fake app")
        WebhookClient(form["response_url"]).send(text="answered on response_url")
        return "200 OK", {"received": "command", "ts": posted["ts"]}
    return "200 OK", {"received": "command", "text": form.get("text")}


def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
    if path == "/healthz" and method == "GET":
        status, body = "200 OK", {"ok": True}
    elif path == "/slack/events" and method == "POST":
        raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        headers["content-type"] = environ.get("CONTENT_TYPE", "")
        status, body = handle_events(raw, headers)
    else:
        status, body = "404 Not Found", {"error": "not found"}
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fake_app")
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--records", required=True)
    args = parser.parse_args(argv)
    with make_server("127.0.0.1", args.port, application, handler_class=QuietHandler) as server:
        # shutdown() from another thread: raising SystemExit in the handler could land inside a request, where
        # wsgiref's error handling swallows it.
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
        print(f"fake app listening on {args.port}, records {args.records}", file=sys.stderr, flush=True)
        server.serve_forever(poll_interval=0.05)
    return 0


if __name__ == "__main__":
    sys.exit(main())
