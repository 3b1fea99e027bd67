"""Liveness facts kept in the database: requests already served (replays), the clock's heartbeat, and counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, func, select

from bot.store.dialect import insert_statement, upsert
from bot.store.tables import heartbeats, post_ledger, request_marks, slack_bots, subscriptions

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


def ping(conn: Connection) -> None:
    """A query that needs the schema, not only a connection (a dropped schema fails here)."""
    conn.execute(select(heartbeats.c.name).limit(1)).all()


def beat(conn: Connection, name: str, now: datetime) -> None:
    upsert(conn, heartbeats, {"name": name, "at": now}, ["name"], {"at": lambda excluded: excluded.at})


def last_beat(conn: Connection, name: str) -> datetime | None:
    value: datetime | None = conn.execute(select(heartbeats.c.at).where(heartbeats.c.name == name)).scalar()
    return value


def counts(conn: Connection) -> dict[str, int]:
    """Subscriptions (active and paused), ledger rows and installed workspaces (OAuth mode)."""
    active = conn.execute(
        select(func.count()).select_from(subscriptions).where(subscriptions.c.paused.is_(None))
    ).scalar_one()
    total = conn.execute(select(func.count()).select_from(subscriptions)).scalar_one()
    ledger = conn.execute(select(func.count()).select_from(post_ledger)).scalar_one()
    installed = conn.execute(select(func.count()).select_from(slack_bots)).scalar_one()
    return {
        "subscriptions": int(total),
        "paused": int(total) - int(active),
        "ledger_rows": int(ledger),
        "installations": int(installed),
    }
