"""The app in this process: the very ASGI application ``specimen serve`` runs (request guard, Bolt, listeners, store),
called directly with signed requests, without a socket or a server process.

``InProcessApp`` answers like ``AppServer`` (``post_command``, ``post_action``, ``post_interaction``,
``post_event``, ``post_raw``, ``get``, ``stderr``, ``log_dir``, ``api``), so a scenario runs unchanged either way:
in-process for the fast suite in ``tests/app/``, or against the real gunicorn process in ``tests/e2e/``. The Web API
and response_url still go over loopback HTTP to the stand-in, as in production.
"""

from __future__ import annotations

import asyncio
import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.cli.logs import make_handler
from bot.cli.runtime import http_front, load_guide, metrics_of
from bot.config import Settings
from bot.slack.deps import Deps
from bot.slack.http import HttpFront
from bot.store import Store

from .server import EVENTS_PATH, PROJECT_ROOT, TEST_SIGNING_SECRET, SlackSends, app_env
from .signing import HttpResponse, signed_headers
from .slack_api import SlackApi


@dataclass
class InProcessApp(SlackSends):
    api: SlackApi
    log_dir: Path
    application: HttpFront
    deps: Deps
    signing_secret: str = TEST_SIGNING_SECRET
    _log: io.StringIO = field(default_factory=io.StringIO, repr=False)

    def settle(self, timeout: float = 5.0) -> None:
        """Wait until the work queued after the acknowledgements so far has run (miss counts, replies, publishes).

        Each executor runs tasks in the order queued: once every one of its threads is inside a barrier task, every
        earlier task has finished.
        """
        for executor in (self.deps.miss_writer, self.deps.background, self.deps.trigger_work):
            threads = getattr(executor, "_max_workers", 1)
            barrier = threading.Barrier(threads + 1, timeout=timeout)
            for _ in range(threads):
                executor.submit(barrier.wait)
            barrier.wait()

    def stderr(self) -> str:
        """What the app logged (with tracebacks), as a server's stderr would hold it."""
        return self._log.getvalue()

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> HttpResponse:
        """One request through the ASGI application, as uvicorn would deliver it (the body in one message)."""
        raw_headers = [(b"content-length", str(len(body)).encode())]
        raw_headers += [
            (name.lower().encode("latin-1"), value.encode("utf-8")) for name, value in (headers or {}).items()
        ]
        return asyncio.run(call_asgi(self.application, method, path, body, raw_headers))

    def post_raw(self, body: str | bytes, content_type: str, **kwargs: Any) -> HttpResponse:
        secret = kwargs.pop("secret", self.signing_secret)
        raw = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type, **signed_headers(secret, raw, timestamp=kwargs.pop("timestamp", None))}
        headers.update(kwargs.pop("headers", None) or {})
        assert not kwargs, f"unknown options {sorted(kwargs)}"
        return self.request("POST", EVENTS_PATH, raw, headers)

    def get(self, path: str, headers: dict[str, str] | None = None) -> HttpResponse:
        return self.request("GET", path, headers=headers)


@contextmanager
def in_process_app(api: SlackApi, workdir: Path, records: Path | None = None, **env: str) -> Iterator[InProcessApp]:
    """Assemble the app as ``specimen serve`` does (settings from an environment wired to ``api``), minus gunicorn."""
    settings = Settings.from_env(app_env(api, workdir, SLACK_SIGNING_SECRET=TEST_SIGNING_SECRET, **env))
    log = io.StringIO()
    # The handler `specimen serve` logs through (redaction filter included), into ``log``.
    handler = make_handler(log, json_format=settings.log_format == "json", fmt="%(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    level = root.level
    root.setLevel(env.get("LOG_LEVEL", "INFO"))  # what `specimen serve` logs (LOG_LEVEL, default INFO)
    root.addHandler(handler)
    store = Store.open(settings.database_url)
    deps = Deps(guide=load_guide(settings, records or PROJECT_ROOT / "records"), store=store)
    application = http_front(
        deps, settings.slack(socket_mode=False), threads=8, metrics=metrics_of(settings), oauth=settings.oauth
    )
    try:
        yield InProcessApp(api, workdir, application, deps, _log=log)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for executor in (deps.background, deps.trigger_work, deps.miss_writer):
            executor.shutdown(wait=True, cancel_futures=False)
        store.close()


async def call_asgi(
    application: Any, method: str, path: str, body: bytes, headers: list[tuple[bytes, bytes]]
) -> HttpResponse:
    path, _, query = path.partition("?")
    scope = {"type": "http", "method": method, "path": path, "query_string": query.encode(), "headers": headers}
    sent = False
    answer: dict[str, Any] = {"body": b""}

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)  # a client that has sent everything just waits
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {k.decode().lower(): v.decode() for k, v in message["headers"]}
        else:
            answer["body"] += message.get("body", b"")

    await application(scope, receive, send)
    return HttpResponse(answer["status"], answer["headers"], answer["body"])
