"""The production HTTP server: gunicorn supervising uvicorn workers that run the ASGI app of ``bot.slack.http``.

Each worker reads requests on an asyncio event loop, so a slow or stalled client (headers or body a byte at a time)
holds a coroutine and a socket, never a thread; the app reads the body with a deadline, and only complete signed
requests reach the worker's thread pool. gunicorn forks the workers after the app is built (``preload_app``) and
restarts any that die.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from gunicorn.app.base import BaseApplication
from uvicorn_worker import UvicornWorker

from bot.slack.http import HEALTH_PATH, METRICS_PATH, AsgiApp, Health

# h11 buffers at most this much of an incomplete request head (headers) per connection.
MAX_HEADER_BYTES = 16 * 1024


class SpecimenWorker(UvicornWorker):  # type: ignore[misc]
    """uvicorn on the asyncio loop with the h11 parser, a bounded request head and no lifespan chatter."""

    CONFIG_KWARGS: dict[str, Any] = {  # noqa: RUF012 - read by UvicornWorker as a class attribute
        "loop": "asyncio",
        "http": "h11",
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "lifespan": "on",
        "access_log": False,
        "server_header": False,
    }


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, application: AsgiApp, options: dict[str, Any]) -> None:
        self._application = application
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings:  # older gunicorn releases lack some settings (the control socket)
                self.cfg.set(key, value)

    def load(self) -> AsgiApp:
        return self._application


def serve(application: AsgiApp, *, host: str, port: int, workers: int, access_log: bool) -> None:
    """Run gunicorn until it is stopped (SIGTERM/SIGINT shut it down gracefully)."""
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": SpecimenWorker,
        "timeout": 30,
        "graceful_timeout": 10,
        "keepalive": 5,
        "preload_app": True,
        "errorlog": "-",
        "loglevel": "info",
        "accesslog": "-" if access_log else None,
        "proc_name": "specimen",
        # Newer gunicorn opens a management socket at one fixed per-user path, so two servers would clash.
        "control_socket_disable": True,
    }
    _Gunicorn(application, options).run()


def serve_health(
    health: Callable[[], Health],
    *,
    host: str,
    port: int,
    metrics: Callable[[], tuple[bytes, str]] | None = None,
) -> Callable[[], None]:
    """A small HTTP server on a thread answering ``GET /healthz`` (and ``/metrics`` when given): Socket Mode and
    the clock have no HTTP server of their own, but a platform's health check needs one. Returns its stop."""

    class Handler(BaseHTTPRequestHandler):
        timeout = 5  # a client that stalls loses its connection, and the thread it had, after 5 s

        def do_GET(self) -> None:
            if self.path == METRICS_PATH and metrics is not None:
                data, content_type = metrics()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            if self.path != HEALTH_PATH:
                self._answer(404, {"error": "not found"})
                return
            report = health()
            self._answer(200 if report.ok else 503, {"ok": report.ok, **report.details})

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # health checks every few seconds would flood the log

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="health", daemon=True).start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return stop
