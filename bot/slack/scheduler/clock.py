"""The clock around the poster: one pass (``post_due``), the minute loop (``run_clock``) and the two commands.

``specimen clock`` runs ``clock_forever``; ``specimen post-daily`` (cron) runs ``post_daily_once``.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.daily.passes import EnvSubscription, PassReport, PosterSettings
from bot.core.daily.schedule import Schedule
from bot.core.daily.settings import DailySettings
from bot.core.records.model import Catalog
from bot.errors import StartupError
from bot.slack.deps import utc_now
from bot.slack.installations import OneWorkspace, TeamClients
from bot.slack.scheduler.poster import Clock, Poster
from bot.store import Store

log = logging.getLogger(__name__)


def offset_clock(start: datetime, monotonic: Callable[[], float] = time.monotonic) -> Clock:
    """A clock that reads ``start`` now and runs on from there (``post-daily --now``)."""
    origin = monotonic()
    return lambda: start + timedelta(seconds=monotonic() - origin)


def claim_token() -> str:
    """Who holds a claim: host, process and a random part (unique per clock run)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def team_clients(client: WebClient | TeamClients) -> TeamClients:
    """A bare WebClient (one workspace) as TeamClients."""
    return OneWorkspace(client) if isinstance(client, WebClient) else client


def post_due(
    client: WebClient | TeamClients,
    store: Store,
    catalog: Catalog,
    *,
    clock: Clock = utc_now,
    settings: PosterSettings | None = None,
    sleep: Callable[[float], None] = time.sleep,
    token: str | None = None,
) -> PassReport:
    """One pass: take over stale claims, then claim and send everything due, in batches. For cron and tests.

    With ``settings.workers > 1`` that many lanes run side by side, each claiming its own batches (under its own
    claim token) and holding its own 429 waits, exactly as separate clocks would.
    """
    settings = settings or PosterSettings()
    token = token or claim_token()
    clients = team_clients(client)
    if settings.workers <= 1:
        return Poster(clients, store, catalog, clock, settings, sleep, token).run()
    lanes = [
        Poster(clients, store, catalog, clock, settings, sleep, f"{token}/{lane}") for lane in range(settings.workers)
    ]
    with ThreadPoolExecutor(len(lanes), thread_name_prefix="daily-lane") as pool:
        reports = list(pool.map(Poster.run, lanes))
    return sum(reports, PassReport())


def start_clock(
    clients: TeamClients, store: Store, *, clock: Clock, env: EnvSubscription | None, always: bool = True
) -> None:
    """One workspace: check the token (auth.test), resume its workspace if it was stopped, upsert the operator's
    channel. OAuth: nothing to check here (each workspace's token is found when it posts); an operator's channel
    has no workspace to belong to, so it is refused.

    ``always=False`` (one-shot passes, run every minute by cron) upserts only when the settings changed, so a pause
    is not cleared every minute.
    """
    if not isinstance(clients, OneWorkspace):
        if env is not None:
            raise StartupError(ENV_CHANNEL_IN_OAUTH)
        return
    client = clients.client
    try:
        team_id = str(client.auth_test()["team_id"])
    except (SlackApiError, OSError) as error:
        raise StartupError(slack_failure(error)) from None
    if store.unblock_team(team_id):
        log.info("workspace %s works again: its daily posts resume", team_id)
    if env is None:
        return
    current = store.subscription(team_id, env.channel_id)
    if (
        always
        or current is None
        or (current.team_id, current.schedule, current.kind) != (team_id, env.schedule, env.kind)
    ):
        sub = store.subscribe(
            channel_id=env.channel_id, team_id=team_id, user_id=None, schedule=env.schedule, kind=env.kind, now=clock()
        )
        log.info(
            "daily posts to %s from the environment: %s (next %s)", env.channel_id, env.schedule.describe(), sub.next
        )


def run_clock(
    client: WebClient | TeamClients,
    store: Store,
    catalog: Catalog,
    *,
    clock: Clock = utc_now,
    settings: PosterSettings | None = None,
    env: EnvSubscription | None = None,
    stop: threading.Event | None = None,
    wait: Callable[[float], bool] | None = None,
    max_passes: int | None = None,
    on_pass: Callable[[PassReport], None] | None = None,
) -> None:
    """Run passes until ``stop`` is set: one at start, then one at the start of every minute.

    ``wait(seconds)`` sleeps and returns True when it is time to stop (default: ``stop.wait``).
    """
    stop = stop or threading.Event()
    wait = wait or stop.wait
    token = claim_token()
    clients = team_clients(client)
    start_clock(clients, store, clock=clock, env=env)
    passes = 0
    pruned_at: datetime | None = None
    while not stop.is_set():
        if pruned_at is None or clock() - pruned_at >= PRUNE_EVERY:
            pruned_at = clock()
            prune(store, pruned_at)
        try:
            report = post_due(clients, store, catalog, clock=clock, settings=settings, token=token)
            if report.busy():
                log.info("daily pass: %s", report.summary())
            if on_pass is not None:
                on_pass(report)
        except Exception:
            log.exception("daily pass failed; trying again next minute")
        beat(store, clock())
        passes += 1
        if max_passes is not None and passes >= max_passes:
            return
        now = clock()
        next_minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        if wait((next_minute - now).total_seconds()):
            return


def from_settings(daily: DailySettings) -> tuple[PosterSettings, EnvSubscription | None]:
    """The pass settings and the operator's channel described by the environment."""
    env = None
    if daily.channel:
        env = EnvSubscription(daily.channel, Schedule(daily.at, daily.zone, daily.days), daily.kind)
    return PosterSettings(grace=daily.grace, workers=daily.workers), env


@dataclass(frozen=True)
class DailyParts:
    """What ``specimen clock`` and ``specimen post-daily`` run on (assembled by ``bot.cli.runtime``): ``clients``
    is one workspace's client, or each installed workspace's (OAuth)."""

    clients: TeamClients
    store: Store
    catalog: Catalog
    daily: DailySettings
    on_pass: Callable[[PassReport], None] | None = None  # metrics


def clock_forever(parts: DailyParts) -> None:
    """`specimen clock`: run until SIGTERM or SIGINT (a pass in progress finishes first)."""
    settings, env = from_settings(parts.daily)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    log.info(
        "daily clock started: %d specimens, %d lanes, grace %s", len(parts.catalog), settings.workers, settings.grace
    )
    try:
        run_clock(
            parts.clients, parts.store, parts.catalog, settings=settings, env=env, stop=stop, on_pass=parts.on_pass
        )
    except OSError as error:
        raise StartupError(slack_failure(error)) from None
    log.info("daily clock stopped")


def post_daily_once(parts: DailyParts, *, now: datetime | None = None) -> PassReport:
    """`specimen post-daily [--now]`: one pass, for cron or a platform scheduler; ``now`` shifts the clock."""
    settings, env = from_settings(parts.daily)
    clock = offset_clock(now) if now is not None else utc_now
    start_clock(parts.clients, parts.store, clock=clock, env=env, always=False)
    prune(parts.store, clock())
    report = post_due(parts.clients, parts.store, parts.catalog, clock=clock, settings=settings)
    beat(parts.store, utc_now())
    if parts.on_pass is not None:
        parts.on_pass(report)
    return report


CLOCK_HEARTBEAT = "clock"
PRUNE_EVERY = timedelta(hours=1)
ENV_CHANNEL_IN_OAUTH = (
    "DAILY_CHANNEL works in one-workspace mode only (SLACK_BOT_TOKEN): with OAuth each workspace subscribes its "
    "channels with /specimen daily on"
)


def prune(store: Store, now: datetime) -> None:
    """Forget ledger rows older than 90 days (their dates can never be due again) and the state of installs never
    finished; a failure waits for the next time."""
    try:
        gone = store.prune_ledger(now.date())
        states = store.prune_oauth_states(now)
    except Exception:
        log.warning("could not prune the post ledger", exc_info=True)
        return
    if gone:
        log.info("pruned %d ledger rows older than 90 days", gone)
    if states:
        log.info("pruned %d expired install states", states)


def beat(store: Store, now: datetime) -> None:
    """Note that a pass ran (for /healthz and `specimen doctor`); a database that fails here was logged by the pass."""
    try:
        store.beat(CLOCK_HEARTBEAT, now)
    except Exception:  # the heartbeat must never stop the clock
        log.warning("could not write the clock's heartbeat", exc_info=True)


def slack_failure(error: Exception) -> str:
    """One line for a Web API failure outside a request (the clock's first call: auth.test)."""
    if isinstance(error, SlackApiError):
        return f"Slack refused SLACK_BOT_TOKEN ({error.response.get('error')})"
    return f"cannot reach Slack's Web API: {error}"
