"""The Store: one object over one database, each method one short transaction. The only database code of the app."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.core.daily.model import Claim, PostState, Subscription
from bot.core.daily.rotation import Entries, RotationItem
from bot.core.daily.schedule import Kind, Occurrence, Schedule
from bot.core.home_content import AskedTitle
from bot.store import counters, health, ledger, teams
from bot.store import subscriptions as subs
from bot.store.engine import StoreError, create_store_engine, open_schema, safe_url
from bot.store.ledger import ClaimBatch
from bot.store.marks import Mark, RequestMarks
from bot.store.teams import Leaver


class Store:
    """Subscriptions, the post ledger, rotation state, blocked workspaces and miss counters."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._asks_pruned_on: date | None = None
        self._marks = RequestMarks(engine)

    @classmethod
    def open(cls, url: str, *, schema: str | None = None, migrate: bool = True) -> Store:
        """Connect and check the schema is the newest (bot/store/migrations); raises StoreError with the reason.

        ``migrate``: upgrade an older database (or create an empty one's tables) first, one process at a time;
        off, an older database is refused with the revision it is at and the command that upgrades it
        (`specimen db upgrade`). ``schema``: a PostgreSQL schema to keep every table in (tests, benchmarks)."""
        store = cls(create_store_engine(url, schema=schema))
        try:
            open_schema(store.engine, migrate=migrate)
        except StoreError:
            store.engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()
        self._marks.close()

    # Subscriptions (the `/specimen daily` service).

    def subscription(self, team_id: str, channel_id: str) -> Subscription | None:
        with self.engine.begin() as conn:
            return subs.get(conn, team_id, channel_id)

    def team_subscriptions(self, team_id: str) -> list[Subscription]:
        with self.engine.begin() as conn:
            return subs.of_team(conn, team_id)

    def subscribe(
        self,
        *,
        channel_id: str,
        team_id: str,
        user_id: str | None,
        schedule: Schedule,
        kind: Kind,
        now: datetime,
        enterprise_id: str | None = None,
    ) -> Subscription:
        with self.engine.begin() as conn:
            return subs.subscribe(
                conn,
                channel_id=channel_id,
                team_id=team_id,
                user_id=user_id,
                schedule=schedule,
                kind=kind,
                now=now,
                enterprise_id=enterprise_id,
            )

    def unsubscribe(self, team_id: str, channel_id: str) -> bool:
        with self.engine.begin() as conn:
            return subs.unsubscribe(conn, team_id, channel_id)

    def skip_next(self, team_id: str, channel_id: str, now: datetime) -> tuple[Occurrence, Subscription] | None:
        with self.engine.begin() as conn:
            return subs.skip_next(conn, team_id, channel_id, now)

    def unskip(self, team_id: str, channel_id: str, now: datetime) -> tuple[Occurrence | None, Subscription] | None:
        with self.engine.begin() as conn:
            return subs.unskip(conn, team_id, channel_id, now)

    def pause(self, team_id: str, channel_id: str, reason: str, now: datetime) -> bool:
        with self.engine.begin() as conn:
            return subs.pause(conn, team_id, channel_id, reason, now)

    # Claiming and recording posts (the scheduler).

    def claim_due(
        self,
        *,
        now: datetime,
        grace: timedelta,
        lease: timedelta,
        limit: int,
        token: str,
        entries: Entries | None = None,
    ) -> ClaimBatch:
        with self.engine.begin() as conn:
            return ledger.claim_due(conn, now=now, grace=grace, lease=lease, limit=limit, token=token, entries=entries)

    def reclaim_stale(self, *, now: datetime, grace: timedelta, lease: timedelta, limit: int, token: str) -> ClaimBatch:
        with self.engine.begin() as conn:
            return ledger.reclaim_stale(conn, now=now, grace=grace, lease=lease, limit=limit, token=token)

    def begin_send(self, claim: Claim, *, now: datetime, lease: timedelta, entries: Entries) -> RotationItem | None:
        with self.engine.begin() as conn:
            return ledger.begin_send(conn, claim, now=now, lease=lease, entries=entries)

    def set_state(
        self,
        claim: Claim,
        state: PostState,
        *,
        now: datetime,
        lease_until: datetime | None = None,
        detail: str | None = None,
        message_ts: str | None = None,
    ) -> bool:
        with self.engine.begin() as conn:
            return ledger.set_state(
                conn, claim, state, now=now, lease_until=lease_until, detail=detail, message_ts=message_ts
            )

    # Workspaces and titles asked for.

    def block_team(self, team_id: str, reason: str, now: datetime, enterprise_id: str | None = None) -> bool:
        with self.engine.begin() as conn:
            return counters.block_team(conn, team_id, reason, now, enterprise_id)

    def unblock_team(self, team_id: str) -> bool:
        with self.engine.begin() as conn:
            return counters.unblock_team(conn, team_id)

    def unblock_enterprise(self, enterprise_id: str) -> int:
        with self.engine.begin() as conn:
            return counters.unblock_enterprise(conn, enterprise_id)

    def blocked_teams(self) -> dict[str, str]:
        with self.engine.begin() as conn:
            return counters.blocked_teams(conn)

    def record_ask(
        self,
        team_id: str,
        user_id: str,
        query: str,
        *,
        public: bool,
        requested: bool,
        now: datetime,
        enterprise_id: str | None = None,
    ) -> bool:
        """Note an ask (see ``counters.record_ask``); the first of each day (per Store object) prunes stale ones."""
        with self.engine.begin() as conn:
            first_request = counters.record_ask(
                conn, team_id, user_id, query, public=public, requested=requested, now=now, enterprise_id=enterprise_id
            )
        if self._asks_pruned_on != now.date():
            self._asks_pruned_on = now.date()
            self.prune_asks(now)
        return first_request

    def prune_asks(self, now: datetime) -> int:
        """Forget the asks not seen for ``counters.ASK_RETENTION`` (90 days); how many were removed."""
        with self.engine.begin() as conn:
            return counters.prune_asks(conn, now)

    def claim_share(
        self, claim: str, now: datetime, team_id: str | None = None, enterprise_id: str | None = None
    ) -> bool:
        """The first Share of a preview claims it (across processes); a repeat gets False."""
        with self.engine.begin() as conn:
            return counters.claim_share(conn, claim, now, team_id, enterprise_id)

    def top_asked(self, team_id: str, limit: int = 10) -> list[AskedTitle]:
        with self.engine.begin() as conn:
            return counters.top_asked(conn, team_id, limit)

    # Bolt's OAuth stores, on this database (tables made by the migrations).

    def installation_store(self, client_id: str) -> SQLAlchemyInstallationStore:
        return SQLAlchemyInstallationStore(client_id=client_id, engine=self.engine)

    def oauth_state_store(self, expiration_seconds: int) -> SQLAlchemyOAuthStateStore:
        return SQLAlchemyOAuthStateStore(expiration_seconds=expiration_seconds, engine=self.engine)

    # Workspaces leaving, and retention.

    def forget_team(self, leaver: Leaver) -> dict[str, int]:
        """Delete every row the workspace (or org) left, in one transaction; how many rows went, per table."""
        with self.engine.begin() as conn:
            return teams.forget_team(conn, leaver)

    def forget_tokens(self, leaver: Leaver, *, bot: bool, user_ids: list[str]) -> int:
        """``tokens_revoked``: the bot installation when the bot's token was revoked, and those people's tokens."""
        with self.engine.begin() as conn:
            gone = teams.forget_bot_tokens(conn, leaver) if bot else 0
            return gone + teams.forget_user_tokens(conn, leaver, user_ids)

    def prune_oauth_states(self, now: datetime) -> int:
        """Forget the ``state`` of installs that were started and never finished (expired); how many went."""
        with self.engine.begin() as conn:
            return teams.prune_oauth_states(conn, now)

    def prune_ledger(self, today: date) -> int:
        """Forget ledger rows older than ``teams.LEDGER_RETENTION`` (90 days); how many went."""
        with self.engine.begin() as conn:
            return teams.prune_ledger(conn, today)

    # Replays, heartbeats and health.

    def remember_requests(self, marks: Sequence[Mark], now: datetime) -> set[str]:
        """Store each (key, expires_at, team_id, enterprise_id) not stored yet, in one statement; the keys that were
        new (see ``RequestMarks``)."""
        return self._marks.remember(marks, now)

    def beat(self, name: str, now: datetime) -> None:
        with self.engine.begin() as conn:
            health.beat(conn, name, now)

    def last_beat(self, name: str) -> datetime | None:
        """When ``name`` last beat; StoreError when the database fails."""
        try:
            with self.engine.begin() as conn:
                return health.last_beat(conn, name)
        except SQLAlchemyError as error:
            raise StoreError(f"database {safe_url(self.engine.url)}: {error.__class__.__name__}") from error

    def counts(self) -> dict[str, int]:
        """Subscriptions, paused ones and ledger rows; StoreError when the database fails."""
        try:
            with self.engine.begin() as conn:
                return health.counts(conn)
        except SQLAlchemyError as error:
            raise StoreError(f"database {safe_url(self.engine.url)}: {error.__class__.__name__}") from error

    def check(self, timeout: float = 2.0) -> None:
        """Raise StoreError unless the database answers a query on its schema within ``timeout`` seconds.

        A SQLite file that was deleted (or whose directory was) still answers on an open connection, so its path is
        checked too. The query runs on a daemon thread: a hung server costs that thread, not the caller's time.
        """
        url = self.engine.url
        database = url.database or ""
        if url.get_backend_name() == "sqlite" and database not in ("", ":memory:") and not Path(database).exists():
            raise StoreError(f"database file {url.database} is gone")
        outcome: list[BaseException | None] = []

        def run() -> None:
            try:
                with self.engine.connect() as conn:
                    health.ping(conn)
                outcome.append(None)
            except SQLAlchemyError as error:
                outcome.append(error)

        worker = threading.Thread(target=run, name="db-check", daemon=True)
        worker.start()
        worker.join(timeout)
        if not outcome:
            raise StoreError(f"database {safe_url(url)} did not answer within {timeout:g} s")
        if outcome[0] is not None:
            error = outcome[0]
            raise StoreError(f"database {safe_url(url)}: {error.__class__.__name__}: {str(error).splitlines()[0]}")
