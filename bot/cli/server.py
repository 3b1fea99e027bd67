"""The production HTTP server: gunicorn supervising uvicorn workers that run the ASGI app of ``bot.slack.http``.

Each worker reads requests on an asyncio event loop, so a slow or stalled client (headers or body a byte at a time)
holds a coroutine and a socket, never a thread; the app reads the body with a deadline, and only complete signed
requests reach the worker's thread pool. gunicorn forks the workers after the app is built (``preload_app``) and
restarts any that die.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication
from uvicorn_worker import UvicornWorker

from bot.slack.http import AsgiApp

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
