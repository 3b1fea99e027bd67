"""Which entries each channel has seen in its current rotation cycle (the pick itself is pure:
``bot.core.daily.rotation``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select

from bot.core.daily.model import Claim
from bot.core.daily.rotation import Entries, RotationItem, pick_next
from bot.core.daily.schedule import Kind
from bot.store.dialect import insert_new
from bot.store.tables import rotation


@dataclass(frozen=True, slots=True)
class Wanted:
    """A channel (of a team) that needs its next entry of ``kind``."""

    team_id: str
    channel_id: str
    kind: Kind
    enterprise_id: str | None = None

    @classmethod
    def of(cls, claim: Claim) -> Wanted:
        return cls(claim.team_id, claim.channel_id, claim.kind, claim.enterprise_id)


def take_next(conn: Connection, wanted: Sequence[Wanted], entries: Entries, now: datetime) -> list[RotationItem]:
    """Pick the next entry of each (team, channel, kind) and record it as posted in that channel's cycle, in one go.

    Raises LookupError when the catalog has no entry of a wanted kind.
    """
    if not wanted:
        return []
    seen: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    query = (
        select(rotation.c.team_id, rotation.c.channel_id, rotation.c.kind, rotation.c.item_key, rotation.c.cycle)
        .where(rotation.c.channel_id.in_({want.channel_id for want in wanted}))
        .order_by(rotation.c.posted_on)
    )
    for row in conn.execute(query):
        seen[(row.team_id, row.channel_id, row.kind)].append(row)
    picked: list[RotationItem] = []
    restarts: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for want in wanted:
        channel_id, kind = want.channel_id, want.kind
        history = seen[(want.team_id, channel_id, kind.value)]
        cycle = max((row.cycle for row in history), default=0)
        last_key = history[-1].item_key if history else None
        posted = {row.item_key for row in history}
        pick = pick_next(entries.items(kind), channel_id, kind, cycle=cycle, posted=posted, last_key=last_key)
        if pick is None:
            raise LookupError(f"the catalog has no {kind.value} entries to post")
        if pick.starts_cycle:
            restarts.append({"b_team": want.team_id, "b_channel": channel_id, "b_kind": kind.value})
            history.clear()
        history.append(_Seen(pick.item.key, pick.cycle))
        rows.append(
            {
                "team_id": want.team_id,
                "channel_id": channel_id,
                "enterprise_id": want.enterprise_id,
                "kind": kind.value,
                "item_key": pick.item.key,
                "cycle": pick.cycle,
                "posted_on": now,
            }
        )
        picked.append(pick.item)
    if restarts:
        conn.execute(
            delete(rotation).where(
                rotation.c.team_id == bindparam("b_team"),
                rotation.c.channel_id == bindparam("b_channel"),
                rotation.c.kind == bindparam("b_kind"),
            ),
            restarts,
        )
    insert_new(conn, rotation, rows)
    return picked


class _Seen:
    __slots__ = ("cycle", "item_key")

    def __init__(self, item_key: str, cycle: int) -> None:
        self.item_key = item_key
        self.cycle = cycle
