"""Small per-workspace tables: searches that found nothing (for App Home) and workspaces whose token stopped working."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, select

from bot.core.daily.model import MissCount
from bot.store.dialect import insert_if_new, upsert
from bot.store.tables import QUERY_MAX, misses, team_blocks

# A miss nobody searched for again in this long is forgotten, so the table stays as small as the live interest.
MISS_RETENTION = timedelta(days=90)


def record_miss(conn: Connection, team_id: str, normalized_query: str, now: datetime) -> None:
    """Count one search in ``team_id`` that matched no specimen (the query as normalised; never who asked)."""
    query = normalized_query.strip()[:QUERY_MAX]
    if not query:
        return
    row = {"team_id": team_id, "normalized_query": query, "count": 1, "last_seen": now}
    upsert(
        conn,
        misses,
        row,
        ["team_id", "normalized_query"],
        {"count": misses.c.count + 1, "last_seen": lambda excluded: excluded.last_seen},
    )


def prune_misses(conn: Connection, now: datetime) -> int:
    """Delete the misses not seen for longer than ``MISS_RETENTION`` (any workspace); how many went."""
    return conn.execute(delete(misses).where(misses.c.last_seen < now - MISS_RETENTION)).rowcount


def top_misses(conn: Connection, team_id: str, limit: int) -> list[MissCount]:
    """The most frequent misses of a workspace, most recent first among equals."""
    query = (
        select(misses.c.normalized_query, misses.c.count, misses.c.last_seen)
        .where(misses.c.team_id == team_id)
        .order_by(misses.c.count.desc(), misses.c.last_seen.desc(), misses.c.normalized_query)
        .limit(limit)
    )
    return [MissCount(row.normalized_query, int(row[1]), row.last_seen) for row in conn.execute(query)]


def block_team(conn: Connection, team_id: str, reason: str, now: datetime) -> bool:
    """Stop a workspace's posts; True only the first time (so the caller logs once)."""
    return insert_if_new(conn, team_blocks, {"team_id": team_id, "reason": reason, "since": now})


def unblock_team(conn: Connection, team_id: str) -> bool:
    return conn.execute(delete(team_blocks).where(team_blocks.c.team_id == team_id)).rowcount > 0


def blocked_teams(conn: Connection) -> dict[str, str]:
    return {row.team_id: row.reason for row in conn.execute(select(team_blocks))}
