"""The post ledger: claiming due posts atomically, in batches, so any number of clocks post each one once.

Claiming inserts one ``post_ledger`` row per (channel, local date) in the same transaction that moves the
subscription to its next occurrence. The primary key makes a second row for that date impossible; on PostgreSQL
``FOR UPDATE SKIP LOCKED`` lets concurrent clocks take disjoint batches instead of queueing, and on SQLite every
write transaction is ``BEGIN IMMEDIATE`` so claim passes run one after the other.

A row is owned through ``claim_token`` until ``lease_until``. Every state change checks the token (compare-and-set),
so a clock that lost its lease can never record or send anything for that row.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update

from bot.core.daily.model import Claim, PostState
from bot.core.daily.rotation import Entries, RotationItem
from bot.core.daily.schedule import Kind, Occurrence, latest_occurrence, occurrence_after_date
from bot.store import rotation_state
from bot.store.dialect import insert_new
from bot.store.subscriptions import to_subscription
from bot.store.tables import post_ledger, subscriptions, team_blocks

DETAIL_MAX = 200
OPEN_STATES = (PostState.CLAIMED.value, PostState.SENDING.value)


@dataclass(frozen=True, slots=True)
class ClaimBatch:
    """What one claiming round took: posts to send, posts recorded as missed, rows looked at (0: nothing left)."""

    claims: tuple[Claim, ...] = ()
    missed: tuple[Claim, ...] = ()
    examined: int = 0


def _ledger_row(
    claim: Claim, state: PostState, now: datetime, lease_until: datetime | None, detail: str | None
) -> dict[str, object]:
    return {
        "channel_id": claim.channel_id,
        "local_date": claim.local_date,
        "team_id": claim.team_id,
        "enterprise_id": claim.enterprise_id,
        "user_id": claim.user_id,
        "kind": claim.kind.value,
        "due_at": claim.due,
        "state": state.value,
        "claim_token": claim.token,
        "lease_until": lease_until,
        "attempts": 0,
        "item_key": None,
        "detail": detail,
        "updated_at": now,
    }


def claim_due(
    conn: Connection,
    *,
    now: datetime,
    grace: timedelta,
    lease: timedelta,
    limit: int,
    token: str,
    entries: Entries | None = None,
) -> ClaimBatch:
    """Claim up to ``limit`` subscriptions whose next post is due, and move each to its following occurrence.

    Only the newest due occurrence of a subscription is sent; an older one (the clock was down) and one older than
    ``grace`` are recorded as missed. With ``entries``, each claim's entry is picked from its channel's rotation in
    the same transaction (kinds without entries are left for ``begin_send`` to report).
    """
    subs = subscriptions.c
    query = (
        select(subscriptions)
        .where(subs.next_due_at <= now, subs.paused.is_(None), subs.team_id.not_in(select(team_blocks.c.team_id)))
        .order_by(subs.next_due_at, subs.team_id, subs.channel_id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=subscriptions)
    )
    found = [to_subscription(row) for row in conn.execute(query)]
    if not found:
        return ClaimBatch()
    dates = {sub.next.local_date for sub in found if sub.next is not None}
    existing = {
        (row.team_id, row.channel_id, row.local_date)
        for row in conn.execute(
            select(post_ledger.c.team_id, post_ledger.c.channel_id, post_ledger.c.local_date).where(
                post_ledger.c.channel_id.in_({sub.channel_id for sub in found}),
                post_ledger.c.local_date >= min(dates),
            )
        )
    }
    rows: list[dict[str, Any]] = []
    claims: list[Claim] = []
    missed: list[Claim] = []
    moves: list[dict[str, Any]] = []
    for sub in found:
        assert sub.next is not None  # selected by next_due_at <= now
        latest = max(latest_occurrence(sub.schedule, now) or sub.next, sub.next)
        candidates = [sub.next] if latest.local_date == sub.next.local_date else [sub.next, latest]
        for occurrence in candidates:
            if (sub.team_id, sub.channel_id, occurrence.local_date) in existing:
                continue  # skipped, or handled before a schedule change
            claim = Claim(
                sub.channel_id,
                sub.team_id,
                sub.user_id,
                occurrence.local_date,
                occurrence.due,
                sub.kind,
                token,
                enterprise_id=sub.enterprise_id,
            )
            if occurrence.local_date == latest.local_date and now - occurrence.due <= grace:
                rows.append(_ledger_row(claim, PostState.CLAIMED, now, now + lease, None))
                claims.append(claim)
            else:
                rows.append(_ledger_row(claim, PostState.MISSED, now, None, _missed_detail(occurrence, now)))
                missed.append(claim)
        following = occurrence_after_date(sub.schedule, latest.local_date)
        moves.append(
            {"b_team": sub.team_id, "b_channel": sub.channel_id, "b_date": following.local_date, "b_due": following.due}
        )
    if entries is not None:
        claims = _with_entries(conn, claims, rows, entries, now)
    insert_new(conn, post_ledger, rows)
    conn.execute(
        update(subscriptions)
        .where(subs.team_id == bindparam("b_team"), subs.channel_id == bindparam("b_channel"))
        .values(next_local_date=bindparam("b_date"), next_due_at=bindparam("b_due"), updated_at=now),
        moves,
    )
    return ClaimBatch(tuple(claims), tuple(missed), len(found))


def _with_entries(
    conn: Connection, claims: list[Claim], rows: list[dict[str, Any]], entries: Entries, now: datetime
) -> list[Claim]:
    postable = [claim for claim in claims if entries.items(claim.kind)]
    items = rotation_state.take_next(conn, [rotation_state.Wanted.of(c) for c in postable], entries, now)
    keys = {(c.team_id, c.channel_id, c.local_date): item.key for c, item in zip(postable, items, strict=True)}
    for row in rows:
        row["item_key"] = keys.get((row["team_id"], row["channel_id"], row["local_date"]))
    return [dataclasses.replace(c, item_key=keys.get((c.team_id, c.channel_id, c.local_date))) for c in claims]


def _missed_detail(occurrence: Occurrence, now: datetime) -> str:
    late = now - occurrence.due
    return f"no clock ran within the grace window (checked {int(late.total_seconds() // 60)} min after due)"


def reclaim_stale(
    conn: Connection, *, now: datetime, grace: timedelta, lease: timedelta, limit: int, token: str
) -> ClaimBatch:
    """Take over open rows whose lease ran out (a clock died, or a retry time came).

    ``claimed`` rows were certainly never sent: they are sent again while inside ``grace``, else recorded missed.
    ``sending`` rows come back with ``verify`` set, whatever their age: only the channel's history can tell.
    """
    led = post_ledger.c
    query = (
        select(post_ledger)
        .where(led.state.in_(OPEN_STATES), led.lease_until <= now, led.team_id.not_in(select(team_blocks.c.team_id)))
        .order_by(led.lease_until)
        .limit(limit)
        .with_for_update(skip_locked=True, of=post_ledger)
    )
    rows = conn.execute(query).all()
    claims: list[Claim] = []
    missed: list[Claim] = []
    changes: list[dict[str, Any]] = []
    for row in rows:
        claim = Claim(
            row.channel_id,
            row.team_id,
            row.user_id,
            row.local_date,
            row.due_at,
            Kind(row.kind),
            token,
            row.item_key,
            verify=row.state == PostState.SENDING.value,
            enterprise_id=row.enterprise_id,
        )
        if not claim.verify and now - claim.due > grace:
            state, lease_until, detail = PostState.MISSED.value, None, "retries ran past the grace window"
            missed.append(claim)
        else:
            state, lease_until, detail = row.state, now + lease, row.detail
            claims.append(claim)
        changes.append(
            {
                "b_team": row.team_id,
                "b_channel": row.channel_id,
                "b_date": row.local_date,
                "b_state": state,
                "b_lease": lease_until,
                "b_detail": detail,
            }
        )
    if changes:
        conn.execute(
            update(post_ledger)
            .where(
                led.team_id == bindparam("b_team"),
                led.channel_id == bindparam("b_channel"),
                led.local_date == bindparam("b_date"),
            )
            .values(
                state=bindparam("b_state"),
                lease_until=bindparam("b_lease"),
                detail=bindparam("b_detail"),
                claim_token=token,
                updated_at=now,
            ),
            changes,
        )
    return ClaimBatch(tuple(claims), tuple(missed), len(rows))


# The per-post statements are built once with bind parameters: building SQLAlchemy expressions per post cost more
# CPU than the database round trips (measured with bench.daily).
_led = post_ledger.c
_OWNED = (
    (_led.team_id == bindparam("o_team"))
    & (_led.channel_id == bindparam("o_channel"))
    & (_led.local_date == bindparam("o_date", type_=_led.local_date.type))
    & (_led.claim_token == bindparam("o_token"))
    & _led.state.in_(OPEN_STATES)
)
_BEGIN_SEND = (
    update(post_ledger)
    .where(_OWNED)
    .values(
        state=PostState.SENDING.value,
        lease_until=bindparam("o_lease", type_=_led.lease_until.type),
        attempts=_led.attempts + 1,
        updated_at=bindparam("o_now", type_=_led.updated_at.type),
    )
    .returning(_led.item_key)
)
_SET_ITEM = update(post_ledger).where(_OWNED).values(item_key=bindparam("o_item"))
_SET_STATE = (
    update(post_ledger)
    .where(_OWNED)
    .values(
        state=bindparam("o_state"),
        lease_until=bindparam("o_lease", type_=_led.lease_until.type),
        updated_at=bindparam("o_now", type_=_led.updated_at.type),
        detail=func.coalesce(bindparam("o_detail", type_=_led.detail.type), _led.detail),
        message_ts=func.coalesce(bindparam("o_ts", type_=_led.message_ts.type), _led.message_ts),
    )
)


def _owner(claim: Claim) -> dict[str, Any]:
    return {"o_team": claim.team_id, "o_channel": claim.channel_id, "o_date": claim.local_date, "o_token": claim.token}


def begin_send(
    conn: Connection, claim: Claim, *, now: datetime, lease: timedelta, entries: Entries
) -> RotationItem | None:
    """Mark the row ``sending`` (if this clock still owns it) and return the entry it posts; None if the claim was lost.

    The entry was normally picked when the row was claimed; it is picked here only for rows that have none (or
    whose entry left the catalog). Raises LookupError when the catalog has no entry of the claim's kind.
    """
    row = conn.execute(_BEGIN_SEND, _owner(claim) | {"o_lease": now + lease, "o_now": now}).first()
    if row is None:
        return None
    item = entries.get(claim.kind, row.item_key)
    if item is None:
        (item,) = rotation_state.take_next(conn, [rotation_state.Wanted.of(claim)], entries, now)
        conn.execute(_SET_ITEM, _owner(claim) | {"o_item": item.key})
    return item


def set_state(
    conn: Connection,
    claim: Claim,
    state: PostState,
    *,
    now: datetime,
    lease_until: datetime | None = None,
    detail: str | None = None,
    message_ts: str | None = None,
) -> bool:
    """Move an owned row to ``state``; False (and no change) when the claim was lost meanwhile.

    ``detail`` and ``message_ts`` are kept as they were when not given.
    """
    values = {
        "o_state": state.value,
        "o_lease": lease_until,
        "o_now": now,
        "o_detail": detail[:DETAIL_MAX] if detail is not None else None,
        "o_ts": message_ts,
    }
    return conn.execute(_SET_STATE, _owner(claim) | values).rowcount == 1
