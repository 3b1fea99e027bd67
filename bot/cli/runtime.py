"""The one composition root: every running command (serve, run, clock, post-daily) is assembled here from one
``Settings``: catalog, title index, store, Web API client, Bolt app, HTTP server and the daily clock."""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.cli.server import serve, serve_health
from bot.config import OAuthInstallSettings, Settings, SlackSettings
from bot.core.answers.guide import FieldGuide
from bot.core.daily.passes import PassReport
from bot.core.records.loader import load_catalog
from bot.errors import StartupError
from bot.slack.app import serve_socket_mode, start_app, web_client
from bot.slack.deps import Deps
from bot.slack.endpoint import SlackEndpoint
from bot.slack.http import Health, HttpFront
from bot.slack.installations import InstalledTeams, InstalledWorkspaces, OneWorkspace, TeamClients
from bot.slack.metrics import Metrics, MetricsUnavailableError
from bot.slack.oauth import InstallRoutes, installation_store
from bot.slack.replay import ReplayGuard
from bot.slack.scheduler.clock import CLOCK_HEARTBEAT, DailyParts, clock_forever, post_daily_once
from bot.slack.site import Site
from bot.slack.workspace import installation_of
from bot.store import Store, StoreError, safe_database_url

log = logging.getLogger(__name__)


def load_guide(settings: Settings, records: Path | None = None) -> FieldGuide:
    """The catalog (``records`` or the configured directory) with its title index."""
    return FieldGuide.build(load_catalog(records or settings.records_dir, settings.records_cache_dir))


def open_store(settings: Settings) -> Store:
    """The database of DATABASE_URL (a SQLite file by default), its schema upgraded first when SPECIMEN_AUTO_MIGRATE
    is on (the default for SQLite), else checked to be the newest."""
    try:
        store = Store.open(settings.database_url, migrate=settings.auto_migrate)
    except StoreError as error:
        raise StartupError(str(error)) from None
    # Opening checked (or upgraded) the schema with one pooled connection; gunicorn forks its workers after this,
    # and a connection must never be shared across processes, so each worker starts with an empty pool.
    store.engine.dispose()
    return store


DATABASE_CHECK_SECONDS = 2.0


def health(deps: Deps) -> Health:
    """The catalog is loaded and the database answers within two seconds; the clock's last pass is reported."""
    details: dict[str, Any] = {"records": len(deps.guide.catalog)}
    failing: list[str] = []
    if not deps.guide.catalog:
        failing.append("catalog: no specimens loaded")
    if deps.store is not None:
        try:
            deps.store.check(DATABASE_CHECK_SECONDS)
            last = deps.store.last_beat(CLOCK_HEARTBEAT)
            details["clock_last_pass"] = last.isoformat() if last else None
        except StoreError as error:
            failing.append(f"database: {error}")
    if failing:
        details["failing"] = failing
    return Health(not failing, details)


def metrics_of(settings: Settings) -> Metrics | None:
    """Prometheus metrics when METRICS is on."""
    if not settings.metrics:
        return None
    try:
        return Metrics()
    except MetricsUnavailableError as error:
        raise StartupError(str(error)) from None


def http_front(
    deps: Deps,
    slack: SlackSettings,
    *,
    threads: int,
    metrics: Metrics | None = None,
    oauth: OAuthInstallSettings | None = None,
) -> HttpFront:
    """The ASGI app `specimen serve` runs (and the in-process tests call): guard, replay memory, Bolt; with
    ``oauth``, Bolt's install flow and a workspace check against the stored installations."""
    if oauth is not None and deps.store is not None and deps.installations is None:
        deps.installations = installation_store(oauth, deps.store)
    app = start_app(deps, slack, oauth)
    endpoint = SlackEndpoint(app, slack.signing_secret, replays=ReplayGuard(deps.store))
    install = None
    if oauth is None:
        endpoint.workspaces = installation_of(app)
    else:
        installations, flow = deps.installations, app.oauth_flow
        assert installations is not None and flow is not None
        endpoint.workspaces = InstalledTeams(installations)
        install = InstallRoutes(flow)
    if metrics is not None:
        endpoint.observe = metrics.observe
    return HttpFront(
        endpoint,
        lambda: health(deps),
        threads=threads,
        metrics=metrics.render if metrics is not None else None,
        install=install,
        site=Site(deps.guide, oauth.install_path if oauth is not None else None),
    )


def serve_http(settings: Settings, records: Path | None, *, host: str, port: int, workers: int, threads: int) -> None:
    slack = settings.slack(socket_mode=False)
    deps = Deps(guide=load_guide(settings, records), store=open_store(settings))
    _serve_http(settings, deps, slack, host=host, port=port, workers=workers, threads=threads)


def _serve_http(
    settings: Settings, deps: Deps, slack: SlackSettings, *, host: str, port: int, workers: int, threads: int
) -> None:
    front = http_front(deps, slack, threads=threads, metrics=metrics_of(settings), oauth=settings.oauth)
    log.info("serving %d specimens on http://%s:%d/slack/events", len(deps.guide.catalog), host, port)
    if settings.oauth is not None:
        log.info("many workspaces (OAuth): Add to Slack at http://%s:%d%s", host, port, settings.oauth.install_path)
    serve(front, host=host, port=port, workers=workers, access_log=False)


def run(settings: Settings, records: Path | None, *, host: str, port: int | None, workers: int, threads: int) -> None:
    """Socket Mode when SLACK_APP_TOKEN is set (serving until SIGTERM or SIGINT), else HTTP."""
    slack = settings.slack()
    deps = Deps(guide=load_guide(settings, records), store=open_store(settings))
    if not slack.socket_mode:
        port = settings.port if port is None else port
        _serve_http(settings, deps, slack, host=host, port=port, workers=workers, threads=threads)
        return
    assert slack.app_token is not None
    app = start_app(deps, slack)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    health_port = port if port is not None else settings.health_port
    stop_health = None
    if health_port is not None:
        metrics = metrics_of(settings)
        stop_health = serve_health(
            lambda: health(deps), host=host, port=health_port, metrics=metrics.render if metrics else None
        )
        log.info("health on http://%s:%d/healthz", host, health_port)
    log.info("connecting over Socket Mode with %d specimens", len(deps.guide.catalog))
    try:
        serve_socket_mode(app, slack.app_token, stop)
    finally:
        if stop_health is not None:
            stop_health()


@dataclass(frozen=True)
class DoctorReport:
    database: str
    reachable: bool
    problem: str | None = None
    clock_last_pass: datetime | None = None
    counts: dict[str, int] | None = None


def doctor(settings: Settings) -> DoctorReport:
    """``specimen doctor``: is the database there, when did the clock last pass, how much is stored."""
    url = safe_database_url(settings.database_url)
    try:
        store = Store.open(settings.database_url, migrate=settings.auto_migrate)
    except StoreError as error:
        return DoctorReport(url, False, str(error))
    try:
        store.check(DATABASE_CHECK_SECONDS)
        return DoctorReport(url, True, None, store.last_beat(CLOCK_HEARTBEAT), store.counts())
    except StoreError as error:
        return DoctorReport(url, False, str(error))
    finally:
        store.close()


def clock(settings: Settings, records: Path | None) -> None:
    """``specimen clock``: post what is due every minute until SIGTERM or SIGINT. With PORT set it answers
    /healthz there (and /metrics, daily posts by outcome, when METRICS is on)."""
    parts = _daily_parts(settings, records)
    metrics = metrics_of(settings)
    if metrics is not None:
        parts = replace(parts, on_pass=metrics.count_daily)
    stop_health = None
    if settings.health_port is not None:
        deps = Deps(guide=FieldGuide.build(parts.catalog), store=parts.store)
        stop_health = serve_health(
            lambda: health(deps),
            host="0.0.0.0",  # noqa: S104 - a platform's health check comes from outside
            port=settings.health_port,
            metrics=metrics.render if metrics else None,
        )
    try:
        clock_forever(parts)
    finally:
        if stop_health is not None:
            stop_health()


def post_daily(settings: Settings, records: Path | None, now: datetime | None) -> PassReport:
    """``specimen post-daily``: one pass (``now`` shifts the clock)."""
    return post_daily_once(_daily_parts(settings, records), now=now)


def _daily_parts(settings: Settings, records: Path | None) -> DailyParts:
    slack, daily, oauth = settings.slack_bot(), settings.daily(), settings.oauth
    catalog = load_catalog(records or settings.records_dir, settings.records_cache_dir)
    try:
        store = Store.open(settings.database_url, migrate=settings.auto_migrate)
    except StoreError as error:
        raise StartupError(str(error)) from None
    clients: TeamClients
    if oauth is None:
        clients = OneWorkspace(web_client(slack, retries=False, timeout=30))
    else:
        clients = InstalledWorkspaces(
            installation_store(oauth, store),
            api_url=slack.api_url,
            client_id=oauth.client_id,
            client_secret=oauth.client_secret,
        )
    return DailyParts(clients, store, catalog, daily)
