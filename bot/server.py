"""The production HTTP server: gunicorn (threaded workers) in front of Bolt's WSGI adapter."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's payloads are small; a body this large is not Slack's (message shortcut payloads stay well below it).
MAX_BODY_BYTES = 1_000_000

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def _reply(start_response: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def wsgi_app(bolt_app: App, health: Callable[[], dict[str, Any]]) -> WsgiApp:
    """Route `POST /slack/events` to Bolt and `GET /healthz` to ``health``; everything else is 404."""
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
            return slack(environ, start_response)
        return _reply(start_response, "404 Not Found", {"error": "not found"})

    return application


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, application: WsgiApp, options: dict[str, Any]) -> None:
        self._application = application
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
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
    }
    _Gunicorn(application, options).run()
