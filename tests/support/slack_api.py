"""A local stand-in for ``https://slack.com/api/`` and for ``response_url``: a threaded HTTP server on an
ephemeral 127.0.0.1 port that checks what Slack checks and records every call.

Usage::

    with SlackApi() as api:
        client = WebClient(token=api.bot_token, base_url=api.base_url)
        client.chat_postMessage(channel="C0GENERAL", text="hi")
        assert api.calls("chat.postMessage")[0].params["text"] == "hi"

The Web API answers HTTP 200 with ``{"ok": ...}`` as Slack does; faults queued with ``inject()`` replace that.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .calls import RESPONSE_URL, Call, CallLog
from .faults import Fault
from .oauth import OAuthProvider
from .response_url import post_to_response_url
from .web_methods import BOT_METHODS, ApiError, Handler, Params
from .workspace import Workspace

__all__ = ["RESPONSE_URL", "Call", "SlackApi"]

STRUCTURED_ARGS = ("blocks", "attachments", "view", "metadata")


class SlackApi:
    """The Web API + response_url stand-in. Configure the fake data through ``workspace``."""

    def __init__(
        self, *, bot_token: str = "xoxb-test", app_token: str = "xapp-test", workspace: Workspace | None = None
    ):
        self.bot_token = bot_token
        self.app_token = app_token
        self.workspace = workspace or Workspace()
        self.socket_mode_url: Callable[[], str] | None = None  # set by the Socket Mode stand-in
        self._handlers: dict[str, Handler] = dict(BOT_METHODS)
        self.log = CallLog()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.oauth = OAuthProvider()  # "Add to Slack": oauth.v2.access and the per-workspace tokens it issued

    # -- lifecycle ----------------------------------------------------------------------------------------------

    def start(self) -> SlackApi:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.api = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.02,), name="slack-api-stand-in", daemon=True
        )  # a short poll interval keeps stop() fast
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SlackApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the Slack API stand-in is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def base_url(self) -> str:
        """What the app gets as ``SLACK_API_URL`` (and ``WebClient(base_url=...)``)."""
        return f"{self.root_url}api/"

    # -- test controls --------------------------------------------------------------------------------------------

    def issue_trigger(self) -> str:
        return self.workspace.issue_trigger()

    def issue_response_url(self, channel_id: str | None = None) -> str:
        return self.workspace.issue_response_url(self.root_url, channel_id)

    def inject(self, method: str, *faults: Fault) -> None:
        """Queue faults for the next calls of ``method`` (``"response_url"`` for response_url posts)."""
        self.log.inject(method, faults)

    def on(self, method: str, handler: Handler) -> None:
        """Serve another Web API method (or replace one) with ``handler(workspace, params) -> reply``."""
        self._handlers[method] = handler

    def stub(self, method: str, reply: dict[str, Any]) -> None:
        """Serve ``method`` with a fixed ``{"ok": true, **reply}``."""
        self.on(method, lambda _ws, _params: dict(reply))

    def reset(self) -> None:
        """Forget recorded calls and queued faults (the workspace data stays)."""
        self.log.clear()

    # -- recorded calls -----------------------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded calls, oldest first; ``"response_url"`` selects response_url posts."""
        return self.log.calls(method)

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until at least ``count`` calls of ``method`` arrived; return them. AssertionError on timeout."""
        return self.log.wait_for(method, count, timeout)

    def response_posts(self, url: str | None = None) -> list[Call]:
        """Posts to one response_url (or to all of them)."""
        url_id = url.rstrip("/").rsplit("/", 1)[-1] if url else None
        return [c for c in self.calls(RESPONSE_URL) if url_id is None or c.url_id == url_id]

    # -- request handling (called from server threads) ---------------------------------------------------------

    def handle_web_api(
        self, method: str, params: Params, token: str | None, headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        handler = self._handlers.get(method)
        if method == "apps.connections.open":
            return self._connections_open(token)
        if method == "oauth.v2.access":
            return self.oauth.exchange(params, headers or {}, self.workspace.now())
        if handler is None:
            return ApiError("unknown_method").body()
        grant = self.oauth.grant_of(token, self.workspace.now())
        if grant is not None:
            return self.oauth.auth_test(grant) if method == "auth.test" else self._answer(handler, params)
        refusal = self.oauth.refusal(token, self.workspace.now())
        if refusal is not None:
            return ApiError(refusal).body()
        auth_error = _token_error(token, expected=self.bot_token, prefix="xoxb-")
        if auth_error:
            return ApiError(auth_error).body()
        return self._answer(handler, params)

    def _answer(self, handler: Handler, params: Params) -> dict[str, Any]:
        try:
            return {"ok": True, **handler(self.workspace, params)}
        except ApiError as error:
            return error.body()

    def _connections_open(self, token: str | None) -> dict[str, Any]:
        auth_error = _token_error(token, expected=self.app_token, prefix="xapp-")
        if auth_error:
            return ApiError(auth_error).body()
        if self.socket_mode_url is None:
            return ApiError("internal_error", detail="no Socket Mode stand-in is attached to this SlackApi").body()
        return {"ok": True, "url": self.socket_mode_url()}


def _token_error(token: str | None, *, expected: str, prefix: str) -> str | None:
    if not token:
        return "not_authed"
    if not token.startswith(prefix):
        return "not_allowed_token_type" if token.startswith(("xoxb-", "xoxp-", "xapp-")) else "invalid_auth"
    return None if token == expected else "invalid_auth"


def _decoded(params: Params) -> dict[str, Any]:
    decoded = dict(params)
    for name in STRUCTURED_ARGS:
        value = decoded.get(name)
        if isinstance(value, str):
            with contextlib.suppress(json.JSONDecodeError):
                decoded[name] = json.loads(value)
    return decoded


class _Handler(BaseHTTPRequestHandler):
    server_version = "SlackApiStandIn/1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    @property
    def api(self) -> SlackApi:
        return self.server.api  # type: ignore[attr-defined,no-any-return]

    def _dispatch(self) -> None:
        path = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        if path.path.startswith("/api/"):
            self._web_api(path.path.removeprefix("/api/"), path.query, raw, headers)
        elif path.path.startswith("/response/") and self.command == "POST":
            self._response_url(path.path.removeprefix("/response/"), raw, headers)
        else:
            self._send(404, b"not found", "text/plain")

    def _web_api(self, method: str, query: str, raw: bytes, headers: dict[str, str]) -> None:
        params: Params = dict(parse_qsl(query, keep_blank_values=True))
        content_type = headers.get("content-type", "")
        reply: dict[str, Any] | None = None
        if raw and "json" in content_type:
            try:
                body = json.loads(raw)
                params.update(body if isinstance(body, dict) else {})
            except (UnicodeDecodeError, json.JSONDecodeError):
                reply = ApiError("invalid_json").body()
        elif raw and "multipart" in content_type:
            reply = ApiError("invalid_form_data", detail="the stand-in does not parse multipart bodies").body()
        elif raw:
            params.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        token = params.pop("token", None)
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip()
        fault = self.api.log.next_fault(method)
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.body is not None:
            # Recorded before the reply goes out, so a test that just got its answer also sees the call.
            self._record(method, params, headers, fault.status, _maybe_json(fault.body), fault)
            self._send(fault.status, fault.body, "application/json; charset=utf-8", fault.headers)
            return
        if reply is None:
            reply = self.api.handle_web_api(method, params, token, headers)
        self._record(method, params, headers, 200, reply, fault)
        self._send(200, json.dumps(reply).encode(), "application/json; charset=utf-8")

    def _response_url(self, url_id: str, raw: bytes, headers: dict[str, str]) -> None:
        params = _maybe_json(raw)
        params = params if isinstance(params, dict) else {"_raw": raw.decode("utf-8", "replace")}
        fault = self.api.log.next_fault(RESPONSE_URL)
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.body is not None:
            self._record(RESPONSE_URL, params, headers, fault.status, fault.body.decode(), fault, url_id)
            self._send(fault.status, fault.body, "text/plain", fault.headers)
            return
        result = post_to_response_url(self.api.workspace, url_id, raw, headers.get("content-type", ""))
        self._record(RESPONSE_URL, params, headers, result.status, result.body, fault, url_id)
        self._send(result.status, result.body.encode(), "text/html")

    def _record(
        self,
        method: str,
        params: Params,
        headers: dict[str, str],
        status: int,
        reply: Any,
        fault: Fault | None,
        url_id: str | None = None,
    ) -> None:
        call = Call(
            method,
            _decoded(params),
            headers,
            self.api.workspace.now(),
            status,
            reply,
            fault.name if fault else None,
            url_id,
        )
        self.api.log.record(call)

    def _send(self, status: int, body: bytes, content_type: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.send_response(status)
        names = {name.lower() for name, _ in headers}
        if "content-type" not in names:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _maybe_json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return raw.decode("utf-8", "replace")
