"""The production HTTP server: gunicorn (threaded workers) running the WSGI app of ``bot.slack.http``."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from bot.slack.http import WsgiApp


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, application: WsgiApp, options: dict[str, Any]) -> None:
        self._application = application
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings:  # older gunicorn releases lack some settings (the control socket)
                self.cfg.set(key, value)

    def load(self) -> WsgiApp:
        return self._application


def serve(application: WsgiApp, *, host: str, port: int, workers: int, threads: int, access_log: bool) -> None:
    """Run gunicorn until it is stopped (SIGTERM/SIGINT shut it down gracefully)."""
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
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
