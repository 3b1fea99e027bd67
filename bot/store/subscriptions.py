"""Subscriptions as the `/specimen daily` commands change them: subscribe, unsubscribe, skip, pause, read."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, and_, delete, select, update

from bot.core.daily.model import PostState, Subscription
from bot.core.daily.schedule import Days, Kind, Occurrence, Schedule, next_occurrence
from bot.store.dialect import insert_new, upsert
from bot.store.tables import post_ledger, subscriptions


def to_subscription(row: Row[Any]) -> Subscription:
    hour, minute = (int(part) for part in row.at_time.split(":"))
    schedule = Schedule(time(hour, minute), row.zone, Days(row.days))
    following = None
    if row.next_local_date is not None and row.next_due_at is not None:
        following = Occurrence(row.next_local_date, row.next_due_at)
    return Subscription(
        row.channel_id, row.team_id, row.user_id, schedule, Kind(row.kind), following, row.paused, row.enterprise_id
    )


def _this(team_id: str, channel_id: str) -> ColumnElement[bool]:
    return and_(subscriptions.c.team_id == team_id, subscriptions.c.channel_id == channel_id)


def _ledger_of(team_id: str, channel_id: str) -> ColumnElement[bool]:
    return and_(post_ledger.c.team_id == team_id, post_ledger.c.channel_id == channel_id)


def get(conn: Connection, team_id: str, channel_id: str, *, lock: bool = False) -> Subscription | None:
    query = select(subscriptions).where(_this(team_id, channel_id))
    row = conn.execute(query.with_for_update() if lock else query).first()
    return to_subscription(row) if row is not None else None


def of_team(conn: Connection, team_id: str) -> list[Subscription]:
    query = select(subscriptions).where(subscriptions.c.team_id == team_id).order_by(subscriptions.c.channel_id)
    return [to_subscription(row) for row in conn.execute(query)]


def ledger_dates(conn: Connection, team_id: str, channel_id: str, since: date) -> set[date]:
    """Local dates from ``since`` on that already have a ledger row (posted, skipped, …): never due again."""
    query = select(post_ledger.c.local_date).where(_ledger_of(team_id, channel_id), post_ledger.c.local_date >= since)
    return set(conn.execute(query).scalars())


def _first_free(
    conn: Connection, team_id: str, channel_id: str, schedule: Schedule, not_before: datetime
) -> Occurrence:
    since = not_before.astimezone(schedule.tzinfo).date() - timedelta(days=1)
    return next_occurrence(schedule, not_before, ledger_dates(conn, team_id, channel_id, since))


def subscribe(
    conn: Connection,
    *,
    channel_id: str,
    team_id: str,
    user_id: str | None,
    schedule: Schedule,
    kind: Kind,
    now: datetime,
    enterprise_id: str | None = None,
) -> Subscription:
    """Create or replace the channel's subscription (clearing any pause); the next post is the first one due from
    ``now`` on whose local date has no post yet, so changing the time can never post a second time that day."""
    following = _first_free(conn, team_id, channel_id, schedule, now)
    row = {
        "channel_id": channel_id,
        "team_id": team_id,
        "enterprise_id": enterprise_id,
        "user_id": user_id,
        "at_time": f"{schedule.at:%H:%M}",
        "zone": schedule.zone,
        "days": schedule.days.value,
        "kind": kind.value,
        "next_local_date": following.local_date,
        "next_due_at": following.due,
        "paused": None,
        "created_at": now,
        "updated_at": now,
    }
    changed = {name: value for name, value in row.items() if name not in ("team_id", "channel_id", "created_at")}
    upsert(conn, subscriptions, row, ["team_id", "channel_id"], changed)
    return Subscription(channel_id, team_id, user_id, schedule, kind, following, None, enterprise_id)


def unsubscribe(conn: Connection, team_id: str, channel_id: str) -> bool:
    return conn.execute(delete(subscriptions).where(_this(team_id, channel_id))).rowcount > 0


def skip_next(conn: Connection, team_id: str, channel_id: str, now: datetime) -> tuple[Occurrence, Subscription] | None:
    """Mark the next post skipped in the ledger and move on to the one after; None without a subscription."""
    current = get(conn, team_id, channel_id, lock=True)
    if current is None or current.next is None:
        return None
    skipped = current.next
    insert_new(
        conn,
        post_ledger,
        [
            {
                "channel_id": channel_id,
                "local_date": skipped.local_date,
                "team_id": current.team_id,
                "enterprise_id": current.enterprise_id,
                "user_id": current.user_id,
                "kind": current.kind.value,
                "due_at": skipped.due,
                "state": PostState.SKIPPED.value,
                "attempts": 0,
                "detail": "skipped with /specimen daily skip",
                "updated_at": now,
            }
        ],
    )
    following = _first_free(conn, team_id, channel_id, current.schedule, max(now, skipped.due))
    conn.execute(
        update(subscriptions)
        .where(_this(team_id, channel_id))
        .values(next_local_date=following.local_date, next_due_at=following.due, updated_at=now)
    )
    return skipped, dataclasses.replace(current, next=following)


def unskip(
    conn: Connection, team_id: str, channel_id: str, now: datetime
) -> tuple[Occurrence | None, Subscription] | None:
    """Take back the earliest skip still ahead: its post is due again. None without a subscription; (None, sub) when
    nothing ahead is skipped."""
    current = get(conn, team_id, channel_id, lock=True)
    if current is None:
        return None
    skipped = conn.execute(
        select(post_ledger.c.local_date, post_ledger.c.due_at)
        .where(
            _ledger_of(team_id, channel_id),
            post_ledger.c.state == PostState.SKIPPED.value,
            post_ledger.c.due_at >= now,
        )
        .order_by(post_ledger.c.due_at)
        .limit(1)
    ).first()
    if skipped is None:
        return None, current
    conn.execute(
        delete(post_ledger).where(_ledger_of(team_id, channel_id), post_ledger.c.local_date == skipped.local_date)
    )
    following = _first_free(conn, team_id, channel_id, current.schedule, now)
    conn.execute(
        update(subscriptions)
        .where(_this(team_id, channel_id))
        .values(next_local_date=following.local_date, next_due_at=following.due, updated_at=now)
    )
    restored = Occurrence(skipped.local_date, skipped.due_at)
    return restored, dataclasses.replace(current, next=following)


def pause(conn: Connection, team_id: str, channel_id: str, reason: str, now: datetime) -> bool:
    """Stop posting to a channel until someone runs `/specimen daily on` there again."""
    statement = update(subscriptions).where(_this(team_id, channel_id)).values(paused=reason, updated_at=now)
    return conn.execute(statement).rowcount > 0
