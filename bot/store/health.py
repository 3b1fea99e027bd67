"""Liveness facts kept in the database: requests already served (replays), the clock's heartbeat, and counts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, func, select

from bot.store.dialect import insert_if_new, upsert
from bot.store.tables import heartbeats, post_ledger, request_marks, schema_version, subscriptions


def remember_request(conn: Connection, key: str, expires_at: datetime) -> bool:
    """True when ``key`` was not remembered yet (this call stored it)."""
    return insert_if_new(conn, request_marks, {"key": key, "expires_at": expires_at})


def forget_expired_requests(conn: Connection, now: datetime) -> int:
    return conn.execute(delete(request_marks).where(request_marks.c.expires_at < now)).rowcount


def ping(conn: Connection) -> None:
    """A query that needs the schema, not only a connection (a dropped schema fails here)."""
    conn.execute(select(schema_version.c.version).limit(1)).all()


def beat(conn: Connection, name: str, now: datetime) -> None:
    upsert(conn, heartbeats, {"name": name, "at": now}, ["name"], {"at": lambda excluded: excluded.at})


def last_beat(conn: Connection, name: str) -> datetime | None:
    value: datetime | None = conn.execute(select(heartbeats.c.at).where(heartbeats.c.name == name)).scalar()
    return value


def counts(conn: Connection) -> dict[str, int]:
    """Subscriptions (active and paused) and ledger rows."""
    active = conn.execute(
        select(func.count()).select_from(subscriptions).where(subscriptions.c.paused.is_(None))
    ).scalar_one()
    total = conn.execute(select(func.count()).select_from(subscriptions)).scalar_one()
    ledger = conn.execute(select(func.count()).select_from(post_ledger)).scalar_one()
    return {"subscriptions": int(total), "paused": int(total) - int(active), "ledger_rows": int(ledger)}
