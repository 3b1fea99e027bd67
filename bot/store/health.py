"""Liveness facts kept in the database: the clock's heartbeat, and counts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from bot.store.dialect import upsert
from bot.store.tables import heartbeats, post_ledger, slack_bots, subscriptions


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
