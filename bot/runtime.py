"""Assemble the running app from settings: catalog, title index, store, Bolt app, and the servers."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.app import create_app
from bot.config import SlackSettings, database_url
from bot.deps import Deps
from bot.errors import StartupError
from bot.server import serve, wsgi_app
from bot.store.engine import StoreError
from bot.store.store import Store

log = logging.getLogger(__name__)
# The built-in Socket Mode client notices a connection closed under it only when its pings fail (five failed checks,
# one per interval; it spins on the dead socket meanwhile): Bolt's default of 10 s meant a minute without commands.
SOCKET_MODE_PING_SECONDS = 2.0


def open_store() -> Store:
    """The database of DATABASE_URL (a SQLite file by default), tables created on first use."""
    try:
        store = Store.open(database_url())
    except StoreError as error:
        raise StartupError(str(error)) from None
    # Opening checked the schema with one pooled connection; gunicorn forks its workers after this, and a
    # connection must never be shared across processes, so each worker starts with an empty pool.
    store.engine.dispose()
    return store


def build_app(deps: Deps, slack: SlackSettings) -> App:
    """The Bolt app; its one start-up ``auth.test`` failing is one line, without slack_sdk's retry chatter."""
    sdk_log = logging.getLogger("slack_sdk.web.base_client")
    level = sdk_log.level
    sdk_log.setLevel(logging.CRITICAL)
    try:
        return create_app(deps, slack)
    except (BoltError, SlackApiError) as error:
        raise StartupError(f"Slack refused SLACK_BOT_TOKEN ({error})") from None
    except OSError as error:
        raise StartupError(f"cannot reach Slack's Web API at {slack.api_url}: {error}") from None
    finally:
        sdk_log.setLevel(level)


def health(deps: Deps) -> dict[str, Any]:
    return {"ok": True, "records": len(deps.guide.catalog)}


def serve_http(deps: Deps, slack: SlackSettings, *, host: str, port: int, workers: int, threads: int) -> None:
    app = build_app(deps, slack)
    log.info("serving %d specimens on http://%s:%d/slack/events", len(deps.guide.catalog), host, port)
    application = wsgi_app(app, lambda: health(deps), signing_secret=slack.signing_secret)
    serve(application, host=host, port=port, workers=workers, threads=threads, access_log=False)


def run_socket_mode(deps: Deps, slack: SlackSettings) -> None:
    """Connect over Socket Mode and serve until SIGTERM or SIGINT."""
    assert slack.app_token is not None
    app = build_app(deps, slack)
    handler = SocketModeHandler(app, slack.app_token, ping_interval=SOCKET_MODE_PING_SECONDS)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    handler.connect()
    log.info("connected over Socket Mode with %d specimens", len(deps.guide.catalog))
    stop.wait()
    handler.close()
