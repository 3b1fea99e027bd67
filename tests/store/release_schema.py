"""The release before Alembic, frozen: its tables (bot/store/tables.py at e5d7d56~1) and its ensure_schema, which
created missing tables and wrote schema_version 1. A database made here is what an operator upgrades from.

``fill`` stores a little of everything that release stored and returns the rows expected after the upgrade.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
    select,
    text,
)

SCHEMA_VERSION = 1
ID = 32
ZONE = 64
KEY = 160
QUERY_MAX = 200
ASKER = 32
_SCHEMA_LOCK_KEY = 0x5EC1_3E7


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"refusing a naive datetime {value.isoformat()}: pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


metadata = MetaData()
schema_version = Table("schema_version", metadata, Column("version", Integer, primary_key=True, autoincrement=False))
subscriptions = Table(
    "subscriptions",
    metadata,
    Column("channel_id", String(ID), primary_key=True),
    Column("team_id", String(ID), nullable=False),
    Column("user_id", String(ID)),
    Column("at_time", String(5), nullable=False),
    Column("zone", String(ZONE), nullable=False),
    Column("days", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("next_local_date", Date),
    Column("next_due_at", UTCDateTime),
    Column("paused", String(64)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_subscriptions_due", "next_due_at", "channel_id"),
    Index("ix_subscriptions_team", "team_id"),
)
post_ledger = Table(
    "post_ledger",
    metadata,
    Column("channel_id", String(ID), primary_key=True),
    Column("local_date", Date, primary_key=True),
    Column("team_id", String(ID), nullable=False),
    Column("user_id", String(ID)),
    Column("kind", String(16), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),
    Column("claim_token", String(64)),
    Column("lease_until", UTCDateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("item_key", String(KEY)),
    Column("message_ts", String(32)),
    Column("detail", String(200)),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_post_ledger_open", "state", "lease_until"),
)
rotation = Table(
    "rotation",
    metadata,
    Column("channel_id", String(ID), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("item_key", String(KEY), primary_key=True),
    Column("cycle", Integer, nullable=False),
    Column("posted_on", UTCDateTime, nullable=False),
)
team_blocks = Table(
    "team_blocks",
    metadata,
    Column("team_id", String(ID), primary_key=True),
    Column("reason", String(64), nullable=False),
    Column("since", UTCDateTime, nullable=False),
)
title_asks = Table(
    "title_asks",
    metadata,
    Column("team_id", String(ID), primary_key=True),
    Column("normalized_query", String(QUERY_MAX), primary_key=True),
    Column("asker", String(ASKER), primary_key=True),
    Column("public", Boolean, nullable=False),
    Column("requested", Boolean, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
)
share_claims = Table(
    "share_claims",
    metadata,
    Column("claim", String(KEY), primary_key=True),
    Column("claimed_at", UTCDateTime, nullable=False),
)
request_marks = Table(
    "request_marks",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("expires_at", UTCDateTime, nullable=False),
    Index("ix_request_marks_expiry", "expires_at"),
)
heartbeats = Table(
    "heartbeats",
    metadata,
    Column("name", String(ID), primary_key=True),
    Column("at", UTCDateTime, nullable=False),
)
# Only in databases first made by the release before title_asks; that release's code never dropped it.
misses = Table(
    "misses",
    MetaData(),
    Column("team_id", String(ID), primary_key=True),
    Column("normalized_query", String(QUERY_MAX), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
)
# What the first schema_version-1 release created; the others came with later releases, created on opening.
FIRST_TABLES = (schema_version, subscriptions, post_ledger, rotation, team_blocks)


def ensure_schema(engine: Engine, tables: tuple[Table, ...] | None = None) -> None:
    """The release's ensure_schema (``tables``: only those, as an older release would have made)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            schema = (conn.get_execution_options().get("schema_translate_map") or {}).get(None)
            if schema:
                conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            conn.execute(select(text(f"pg_advisory_xact_lock({_SCHEMA_LOCK_KEY})")))
        metadata.create_all(conn, tables=list(tables) if tables is not None else None)
        found = conn.execute(select(schema_version.c.version)).scalars().all()
        if not found:
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))
        assert max(found, default=SCHEMA_VERSION) == SCHEMA_VERSION


NOW = datetime(2026, 11, 30, 9, 0, 0, 123456, tzinfo=UTC)
TODAY = date(2026, 11, 30)


def _subscription(channel: str, team: str, **changes: Any) -> dict[str, Any]:
    row = {
        "channel_id": channel,
        "team_id": team,
        "user_id": f"U{channel}",
        "at_time": "09:30",
        "zone": "Europe/Berlin",
        "days": "weekdays",
        "kind": "quotes",
        "next_local_date": TODAY + timedelta(days=1),
        "next_due_at": NOW + timedelta(days=1),
        "paused": None,
        "created_at": NOW - timedelta(days=30),
        "updated_at": NOW - timedelta(hours=1),
    }
    return row | changes


def _ledger(channel: str, team: str, day: date, state: str, **changes: Any) -> dict[str, Any]:
    row = {
        "channel_id": channel,
        "local_date": day,
        "team_id": team,
        "user_id": None,
        "kind": "quotes",
        "due_at": datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=8, minutes=30),
        "state": state,
        "claim_token": None,
        "lease_until": None,
        "attempts": 1,
        "item_key": "specimen:chief-vibes-officer",
        "message_ts": None,
        "detail": None,
        "updated_at": NOW,
    }
    return row | changes


def release_rows() -> dict[str, list[dict[str, Any]]]:
    """What the release stored: two teams' subscriptions (one paused), ledger rows (one of a channel unsubscribed
    since), rotation rows (one of that channel: dead state), a blocked team, asks, claims, marks, a heartbeat."""
    return {
        "subscriptions": [
            _subscription("C1", "T1"),
            _subscription("C2", "T1", user_id=None, kind="day-log", days="every day", next_due_at=None),
            _subscription("C3", "T2", paused="channel_not_found", zone="America/New_York", next_local_date=None),
        ],
        "post_ledger": [
            _ledger("C1", "T1", TODAY - timedelta(days=1), "posted", message_ts="1764493200.000100", user_id="UC1"),
            _ledger("C1", "T1", TODAY, "claimed", claim_token="tok-1", lease_until=NOW + timedelta(minutes=5)),
            _ledger("C3", "T2", TODAY, "failed", attempts=3, detail="channel_not_found", item_key=None),
            _ledger("C9", "T3", TODAY - timedelta(days=2), "skipped", kind="day-log"),
        ],
        "rotation": [
            {"channel_id": "C1", "kind": "quotes", "item_key": "q:1", "cycle": 2, "posted_on": NOW},
            {"channel_id": "C1", "kind": "quotes", "item_key": "q:2", "cycle": 2, "posted_on": NOW - timedelta(1)},
            {"channel_id": "C3", "kind": "day-log", "item_key": "d:1", "cycle": 1, "posted_on": NOW},
            {"channel_id": "C9", "kind": "quotes", "item_key": "q:9", "cycle": 1, "posted_on": NOW},
        ],
        "team_blocks": [{"team_id": "T2", "reason": "invalid_auth", "since": NOW - timedelta(hours=3)}],
        "title_asks": [
            {
                "team_id": "T1",
                "normalized_query": "chief vibes officer",
                "asker": "a" * 32,
                "public": True,
                "requested": False,
                "last_seen": NOW,
            },
            {
                "team_id": "T2",
                "normalized_query": "synergy wrangler",
                "asker": "b" * 32,
                "public": False,
                "requested": True,
                "last_seen": NOW - timedelta(days=2),
            },
        ],
        "share_claims": [
            {"claim": "preview:abc", "claimed_at": NOW},
            {"claim": "preview:def", "claimed_at": NOW - timedelta(hours=2)},
        ],
        "request_marks": [
            {"key": "sig:1764493200:v0=abc", "expires_at": NOW + timedelta(minutes=5)},
            {"key": "event:Ev0123", "expires_at": NOW + timedelta(hours=1)},
        ],
        "heartbeats": [{"name": "clock", "at": NOW - timedelta(seconds=42)}],
    }


def fill(engine: Engine, rows: dict[str, list[dict[str, Any]]], *, with_misses: bool = True) -> None:
    """Store ``rows`` in the release's tables (and a ``misses`` row, as a database from before title_asks has)."""
    with engine.begin() as conn:
        for name, table_rows in rows.items():
            conn.execute(metadata.tables[name].insert(), table_rows)
        if with_misses:
            misses.create(conn)
            conn.execute(misses.insert(), [{"team_id": "T1", "normalized_query": "x", "count": 2, "last_seen": NOW}])


def expected_after_upgrade(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The rows 0002 leaves: enterprise_id None everywhere, rotation keyed by its subscription's team (C9's row,
    of a channel with no subscription, dropped), team_id None on share_claims and request_marks."""
    teams = {row["channel_id"]: row["team_id"] for row in rows["subscriptions"]}
    expected: dict[str, list[dict[str, Any]]] = {}
    for name, table_rows in rows.items():
        expected[name] = [row | {"enterprise_id": None} for row in table_rows]
    expected["heartbeats"] = rows["heartbeats"]
    expected["rotation"] = [
        row | {"team_id": teams[row["channel_id"]], "enterprise_id": None}
        for row in rows["rotation"]
        if row["channel_id"] in teams
    ]
    for name in ("share_claims", "request_marks"):
        expected[name] = [row | {"team_id": None, "enterprise_id": None} for row in rows[name]]
    return expected
