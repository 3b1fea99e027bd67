"""The HTTP front of the app, as an ASGI application: the routes (Slack's endpoint, health, metrics, the install
flow, the public pages), the body read with a size cap and a deadline, and the thread pool that runs the Slack
endpoint's guard and Bolt (``bot.slack.endpoint``). Served by ``bot.cli.server``.

Why ASGI: a client that declares a large body and sends it a byte at a time (or sends its headers slowly) must hold
no worker thread. Here the body is read by the event loop, with a size cap and a deadline; only a complete, signed
request takes a thread, for Bolt's synchronous dispatch.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.slack.endpoint import Reply, SlackEndpoint

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
# Slack's payloads are small; a body this large is not Slack's (message shortcut payloads stay well below it).
MAX_BODY_BYTES = 1_000_000
# The whole body must arrive within this long after the headers: Slack sends it at once, a trickle is not Slack.
BODY_DEADLINE_SECONDS = 5.0
# A request hands off between threads (event loop, request thread, the replay writer); a thread woken by a reply
# waits for the GIL up to the switch interval, 5 ms by default, longer than the work. 0.5 ms, set per serving
# process when its pool starts (bare_app.py gets it too): p50 2.35x to 1.55x the bare app in bench.http.
GIL_SWITCH_SECONDS = 0.0005

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]


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
