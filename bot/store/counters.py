"""Small per-workspace tables: titles asked for that the guide lacks (for App Home) and workspaces whose token
stopped working."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, distinct, func, or_, select

from bot.core.home_content import AskedTitle
from bot.store.dialect import insert_if_new, upsert
from bot.store.tables import ASKER, KEY, QUERY_MAX, share_claims, team_blocks, title_asks

# A title nobody asked for again in this long is forgotten, so the table stays as small as the live interest.
ASK_RETENTION = timedelta(days=90)
MIN_PEOPLE = 2  # a title is shown to the workspace once this many different people asked for it where others could see


def asker_of(team_id: str, user_id: str) -> str:
    """A one-way hash of who asked: tells people apart without storing their user id."""
    return hashlib.sha256(f"{team_id}:{user_id}".encode()).hexdigest()[:ASKER]


def record_ask(
    conn: Connection,
    team_id: str,
    user_id: str,
    query: str,
    *,
    public: bool,
    requested: bool,
    now: datetime,
    enterprise_id: str | None = None,
) -> bool:
    """Note that ``user_id`` asked for ``query`` (already normalised), in public or not, by search or Request.

    True when this is the person's first Request of that title (a repeat changes nothing but the time).
    """
    query = query.strip()[:QUERY_MAX]
    if not query or not user_id:
        return False
    asker = asker_of(team_id, user_id)
    key = (title_asks.c.team_id == team_id) & (title_asks.c.normalized_query == query) & (title_asks.c.asker == asker)
    before = conn.execute(select(title_asks.c.requested).where(key)).scalar_one_or_none()
    row = {"team_id": team_id, "normalized_query": query, "asker": asker, "public": public, "requested": requested}
    upsert(
        conn,
        title_asks,
        {**row, "last_seen": now, "enterprise_id": enterprise_id},
        ["team_id", "normalized_query", "asker"],
        {
            "public": lambda excluded: or_(title_asks.c.public, excluded.public),
            "requested": lambda excluded: or_(title_asks.c.requested, excluded.requested),
            "last_seen": lambda excluded: excluded.last_seen,
        },
    )
    return requested and not before


def prune_asks(conn: Connection, now: datetime) -> int:
    """Delete the asks not seen for longer than ``ASK_RETENTION`` (any workspace); how many went."""
    return conn.execute(delete(title_asks).where(title_asks.c.last_seen < now - ASK_RETENTION)).rowcount


def top_asked(conn: Connection, team_id: str, limit: int, min_people: int = MIN_PEOPLE) -> list[AskedTitle]:
    """The titles of a workspace that at least ``min_people`` different people asked for where the workspace could
    see it (in a public channel, or with the Request button), most people first. A title only ever typed in a DM or
    a private channel is never among them."""
    people = func.count(distinct(title_asks.c.asker))
    query = (
        select(title_asks.c.normalized_query, people.label("people"), func.max(title_asks.c.last_seen).label("last"))
        .where((title_asks.c.team_id == team_id) & (title_asks.c.public | title_asks.c.requested))
        .group_by(title_asks.c.normalized_query)
        .having(people >= min_people)
        .order_by(people.desc(), func.max(title_asks.c.last_seen).desc(), title_asks.c.normalized_query)
        .limit(limit)
    )
    return [AskedTitle(row.normalized_query, int(row.people), row.last) for row in conn.execute(query)]


def block_team(conn: Connection, team_id: str, reason: str, now: datetime, enterprise_id: str | None = None) -> bool:
    """Stop a workspace's posts; True only the first time (so the caller logs once)."""
    row = {"team_id": team_id, "reason": reason, "since": now, "enterprise_id": enterprise_id}
    return insert_if_new(conn, team_blocks, row)


def unblock_team(conn: Connection, team_id: str) -> bool:
    return conn.execute(delete(team_blocks).where(team_blocks.c.team_id == team_id)).rowcount > 0


def unblock_enterprise(conn: Connection, enterprise_id: str) -> int:
    """Resume every workspace of an org (an org-wide install came back); how many were stopped."""
    return conn.execute(delete(team_blocks).where(team_blocks.c.enterprise_id == enterprise_id)).rowcount


def blocked_teams(conn: Connection) -> dict[str, str]:
    return {row.team_id: row.reason for row in conn.execute(select(team_blocks))}


SHARE_CLAIM_RETENTION = timedelta(days=1)


def claim_share(
    conn: Connection, claim: str, now: datetime, team_id: str | None = None, enterprise_id: str | None = None
) -> bool:
    """True for the first claim of a preview's Share; False when it was already shared."""
    conn.execute(delete(share_claims).where(share_claims.c.claimed_at < now - SHARE_CLAIM_RETENTION))
    row = {"claim": claim[:KEY], "claimed_at": now, "team_id": team_id, "enterprise_id": enterprise_id}
    return insert_if_new(conn, share_claims, row)
