"""Requests already served (the replay guard's memory across processes): a signature's or an event's key, kept
until it expires, with the workspace it came from."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete

from bot.store.dialect import insert_statement
from bot.store.engine import StoreError, create_store_engine
from bot.store.tables import request_marks

PRUNE_EVERY = timedelta(minutes=1)
WAIT_SECONDS = 5.0

Mark = tuple[str, datetime, str | None, str | None]  # key, expires_at, team_id, enterprise_id


def remember_requests(conn: Connection, marks: Sequence[Mark]) -> set[str]:
    """Insert the (key, expires_at, team_id, enterprise_id) marks whose key is not stored yet; the keys this call
    stored."""
    if not marks:
        return set()
    rows = [
        {"key": key, "expires_at": expires_at, "team_id": team, "enterprise_id": enterprise}
        for key, expires_at, team, enterprise in marks
    ]
    statement = (
        insert_statement(conn, request_marks).values(rows).on_conflict_do_nothing().returning(request_marks.c.key)
    )
    return set(conn.execute(statement).scalars())


def remember_requests_sqlite(engine: Engine, marks: Sequence[Mark]) -> set[str]:
    """``remember_requests`` on SQLite through the driver: one BEGIN IMMEDIATE, one INSERT, one COMMIT. Times are
    written as SQLAlchemy writes ``UTCDateTime`` there (naive UTC, microseconds), so pruning compares alike.

    The engine's connections do not checkpoint the WAL themselves (a checkpoint syncs the file while holding the
    write lock, which showed as 100-500 ms at p99 under load); ``checkpoint`` runs once a minute with the pruning."""
    if not marks:
        return set()
    values = ", ".join("(?, ?, ?, ?)" for _ in marks)
    params: list[str | None] = []
    for key, expires_at, team, enterprise in marks:
        params += [key, expires_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"), team, enterprise]
    sql = (
        f"INSERT INTO request_marks (key, expires_at, team_id, enterprise_id) VALUES {values} "  # noqa: S608
        "ON CONFLICT DO NOTHING RETURNING key"
    )
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            new = {row[0] for row in cursor.execute(sql, params).fetchall()}
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        return new
    finally:
        raw.close()


def checkpoint(engine: Engine) -> None:
    """Copy the SQLite WAL back into the database without waiting for readers or writers (PASSIVE)."""
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        raw.close()


def forget_expired_requests(conn: Connection, now: datetime) -> int:
    return conn.execute(delete(request_marks).where(request_marks.c.expires_at < now)).rowcount


class RequestMarks:
    """The marks of one database: inserted in one statement per batch, expired ones pruned once a minute."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._pruned_at: datetime | None = None
        self._sqlite_engine: Engine | None = None

    def close(self) -> None:
        if self._sqlite_engine is not None:
            self._sqlite_engine.dispose()

    def remember(self, marks: Sequence[Mark], now: datetime) -> set[str]:
        """Store each mark whose key is not stored yet; the keys that were new. Expired keys are pruned once a
        minute."""
        new = self._insert(marks)
        if self._pruned_at is None or now - self._pruned_at > PRUNE_EVERY:
            self._pruned_at = now
            with self.engine.begin() as conn:
                forget_expired_requests(conn, now)
            if self._sqlite_engine is not None:
                checkpoint(self._sqlite_engine)
        return new

    def _insert(self, marks: Sequence[Mark]) -> set[str]:
        """One INSERT … ON CONFLICT DO NOTHING RETURNING for the batch.

        On SQLite it goes straight to the driver (SQLAlchemy's statement building cost ten times the write itself,
        1.2 ms against 0.12 ms, on a thread that shares the GIL with every request), through a connection that does
        not wait in SQLite's busy handler (which sleeps 1, 2, 5, 10… ms between tries and idles the lock under
        load): a locked database is retried here every 0.2 ms, for up to 5 s.
        """
        if self.engine.url.get_backend_name() != "sqlite":
            with self.engine.begin() as conn:
                return remember_requests(conn, marks)
        if self._sqlite_engine is None:
            self._sqlite_engine = create_store_engine(
                self.engine.url.render_as_string(False), busy_timeout_s=0, wal_autocheckpoint=False
            )
        give_up = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                return remember_requests_sqlite(self._sqlite_engine, marks)
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > give_up:
                    raise StoreError(f"cannot remember requests: {error}") from error
                time.sleep(0.0002)
