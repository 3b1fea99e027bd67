"""The HTTP front of the app, as an ASGI application: the request guard (size, read deadline, signature, media type,
shape, replays, workspace) in front of Bolt, plus the health and metrics routes. Served by ``bot.cli.server``.

Why ASGI: a client that declares a large body and sends it a byte at a time (or sends its headers slowly) must hold
no worker thread. Here the body is read by the event loop, with a size cap and a deadline; only a complete, signed
request takes a thread, for Bolt's synchronous dispatch.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.signature import Clock, SignatureVerifier

from bot.slack.context import set_request
from bot.slack.replay import ReplayGuard
from bot.slack.workspace import ServedWorkspaces, request_channel, request_identity

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
# Slack's payloads are small; a body this large is not Slack's (message shortcut payloads stay well below it).
MAX_BODY_BYTES = 1_000_000
# The whole body must arrive within this long after the headers: Slack sends it at once, a trickle is not Slack.
BODY_DEADLINE_SECONDS = 5.0
SIGNATURE_WINDOW_SECONDS = 5 * 60
# A request hands off between threads (event loop, request thread, the replay writer); a thread woken by a reply
# waits for the GIL up to the switch interval, 5 ms by default, longer than the work. 0.5 ms, set per serving
# process when its pool starts (bare_app.py gets it too): p50 2.35x to 1.55x the bare app in bench.http.
GIL_SWITCH_SECONDS = 0.0005
SLACK_MEDIA_TYPES = frozenset({"application/x-www-form-urlencoded", "application/json"})
# Events that arrive when the installation is already gone, and must still be handled (they delete what is left).
LEAVING_EVENTS = frozenset({"app_uninstalled", "tokens_revoked"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def json(cls, status: int, body: Any) -> Reply:
        return cls(status, json.dumps(body).encode())


class PageRoutes(Protocol):
    """Pages served beside the Slack endpoint (the install flow): ``serves`` is cheap and runs on the event loop,
    ``answer`` may touch the database and runs on a worker thread."""

    def serves(self, path: str) -> bool: ...

    def answer(self, path: str, query: str, headers: Mapping[str, str]) -> Reply: ...


@dataclass(frozen=True)
class Health:
    """What ``/healthz`` answers: ``ok`` False names the failing parts (answered with 503)."""

    ok: bool
    details: dict[str, Any]


class _At(Clock):
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def is_signed(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> bool:
    """Slack's ``v0`` signature over the raw bytes, within five minutes of ``now`` (slack_sdk's SignatureVerifier).

    The timestamp must be plain ASCII digits (``int()`` would also take " 17…", "-1" or full-width digits); a body
    that is not UTF-8 cannot be Slack's and slack_sdk cannot hash it: False, like any malformed header.
    """
    if not (timestamp.isascii() and timestamp.isdigit()) or not signature.isascii():
        return False
    try:
        return SignatureVerifier(secret, clock=_At(now)).is_valid(body, timestamp, signature)
    except (ValueError, UnicodeDecodeError):
        return False


def parse_slack_body(body: bytes, media_type: str) -> dict[str, Any] | None:
    """The body as Slack's fields (form fields, with ``payload`` decoded, or the JSON object); None when malformed:
    not UTF-8, JSON that is not an object, or a form ``payload`` that is not a JSON object."""
    try:
        text = body.decode("utf-8")
        if media_type == "application/json":
            parsed = json.loads(text)
            return parsed if isinstance(parsed, dict) else None
        fields = {key: values[-1] for key, values in parse_qs(text, keep_blank_values=True).items()}
        if "payload" in fields:
            payload = json.loads(fields["payload"])
            if not isinstance(payload, dict):
                return None
            return {**fields, "payload": payload}
        return fields
    except ValueError:  # UnicodeDecodeError and json.JSONDecodeError are ValueErrors
        return None


def is_leaving(fields: Mapping[str, Any]) -> bool:
    """An ``app_uninstalled`` or ``tokens_revoked`` event: handled even when the installation is already gone."""
    event = fields.get("event")
    return isinstance(event, Mapping) and event.get("type") in LEAVING_EVENTS


def request_kind(fields: Mapping[str, Any]) -> str:
    """command, event, interaction or other: for metrics and logs."""
    if "command" in fields:
        return "command"
    if "payload" in fields:
        return "interaction"
    if fields.get("type") == "event_callback":
        return "event"
    return "other"


@dataclass
class SlackEndpoint:
    """The synchronous part of ``POST /slack/events``, run on a worker thread once the body is complete."""

    bolt_app: App
    signing_secret: str
    replays: ReplayGuard | None = None
    workspaces: ServedWorkspaces | None = None  # None: any workspace (tests of the guard alone)
    observe: Callable[[str, str, float], None] = field(default=lambda kind, outcome, seconds: None)
    clock: Callable[[], float] = time.time

    def handle(self, headers: Mapping[str, str], body: bytes, query: str = "") -> Reply:
        """``headers`` with lower-case names. Signature first (on the raw bytes), then media type, then shape."""
        started = time.perf_counter()
        kind, reply = "unknown", Reply.json(401, {"error": "invalid request"})
        try:
            kind, reply = self._handle(headers, body, query)
            return reply
        finally:
            set_request(None, None)
            outcome = "ok" if reply.status == 200 else str(reply.status)
            self.observe(kind, outcome, time.perf_counter() - started)

    def _handle(self, headers: Mapping[str, str], body: bytes, query: str) -> tuple[str, Reply]:
        timestamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        if not is_signed(self.signing_secret, body, timestamp, signature, self.clock()):
            return "unknown", Reply.json(401, {"error": "invalid request"})
        media_type = headers.get("content-type", "").partition(";")[0].strip().lower()
        if media_type not in SLACK_MEDIA_TYPES:
            return "unknown", Reply.json(415, {"error": "form or JSON body expected"})
        fields = parse_slack_body(body, media_type)
        if fields is None:
            return "unknown", Reply.json(400, {"error": "malformed body"})
        kind = request_kind(fields)
        who = request_identity(fields)
        set_request(who.team_id, request_channel(fields))
        served = self.workspaces
        if served is not None and not is_leaving(fields) and not served.serves(who):
            log.warning("refused a %s from workspace %s, which this app does not serve", kind, who.team_id)
            if kind == "event":
                return kind, Reply(200)
            return kind, Reply.json(200, {"response_type": "ephemeral", "text": served.refusal})
        if self.replays is not None and not self.replays.first_time(
            fields, timestamp, signature, who.team_id, who.enterprise_id
        ):
            return kind, Reply(200)
        return kind, self._dispatch(headers, body, query)

    def _dispatch(self, headers: Mapping[str, str], body: bytes, query: str) -> Reply:
        request = BoltRequest(
            body=body.decode("utf-8"), query=query, headers={name: [value] for name, value in headers.items()}
        )
        response = self.bolt_app.dispatch(request)
        content_type = (response.headers.get("content-type") or ["text/plain;charset=utf-8"])[0]
        return Reply(response.status, response.body.encode("utf-8"), content_type)


@dataclass
class HttpFront:
    """The ASGI application: routes, the body read (cap and deadline) and the thread pool for the sync parts."""

    endpoint: SlackEndpoint
    health: Callable[[], Health]
    threads: int = 8
    metrics: Callable[[], tuple[bytes, str]] | None = None
    install: PageRoutes | None = None
    body_deadline: float = BODY_DEADLINE_SECONDS
    # The public pages (bot.slack.site.Site): (method, path, query string) → a reply, or None for no page there.
    site: Callable[[str, str, bytes], Reply | None] | None = None
    _pool: ThreadPoolExecutor | None = field(default=None, repr=False)

    def _executor(self) -> ThreadPoolExecutor:
        # Made on first use, in the serving process: threads never cross a fork.
        if self._pool is None:
            sys.setswitchinterval(GIL_SWITCH_SECONDS)
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="request")
        return self._pool

    async def _in_thread(self, work: Callable[[], Reply]) -> Reply:
        return await asyncio.get_running_loop().run_in_executor(self._executor(), work)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        reply = await self._route(scope, receive)
        headers = [(b"content-type", reply.content_type.encode()), (b"content-length", str(len(reply.body)).encode())]
        headers += [(name.encode("latin-1"), value.encode("latin-1")) for name, value in reply.headers]
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else reply.body})

    async def _route(self, scope: Scope, receive: Receive) -> Reply:
        path, method = scope["path"], scope["method"]
        if path == EVENTS_PATH:  # Slack's requests first: the one route under load
            if method != "POST":
                return Reply.json(405, {"error": "POST only"})
            return await self._slack_request(scope, receive)
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            health = await self._in_thread(lambda: _health_reply(self.health()))
            return health
        if path == METRICS_PATH and method == "GET" and self.metrics is not None:
            data, content_type = self.metrics()
            return Reply(200, data, content_type)
        install = self.install
        if install is not None and install.serves(path):
            if method not in ("GET", "HEAD"):
                return Reply.json(405, {"error": "GET only"})
            if method == "HEAD":  # a HEAD issues no install state and consumes none
                return Reply(200, b"", "text/html; charset=utf-8", (("cache-control", "no-store"),))
            query = scope.get("query_string", b"").decode("latin-1")
            asked = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
            return await self._in_thread(lambda: install.answer(path, query, asked))
        if self.site is not None and (page := self.site(method, path, scope.get("query_string", b""))) is not None:
            return page  # ready bytes, or a sub-millisecond lookup: served on the event loop
        return Reply.json(404, {"error": "not found"})

    async def _slack_request(self, scope: Scope, receive: Receive) -> Reply:
        """``POST /slack/events``: the body read on the event loop (size cap, deadline), the rest on a thread."""
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            return Reply.json(413, {"error": "request body too large"})
        try:
            body = await asyncio.wait_for(_read_body(receive), self.body_deadline)
        except TimeoutError:
            return Reply.json(408, {"error": "request body not received in time"})
        except _TooLargeError:
            return Reply.json(413, {"error": "request body too large"})
        except _DisconnectedError:
            return Reply.json(400, {"error": "client went away"})
        query = scope.get("query_string", b"").decode("latin-1")
        return await self._in_thread(lambda: self.endpoint.handle(headers, body, query))


def _health_reply(health: Health) -> Reply:
    return Reply.json(200 if health.ok else 503, {"ok": health.ok, **health.details})


class _TooLargeError(Exception):
    pass


class _DisconnectedError(Exception):
    pass


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _DisconnectedError
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _TooLargeError
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
