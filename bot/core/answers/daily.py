"""`/specimen daily …` end to end, minus Slack: parse, change the subscription, word the reply.

The listener looks up the user's time zone (``users.info`` → ``user.tz``) and passes it with ``now``; the store is
anything with the methods of ``DailyStore`` (``bot.store.Store`` in the app, a fake in tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Protocol, TypeVar

from bot.core.cards import daily as replies
from bot.core.daily.channels import is_direct_message
from bot.core.daily.commands import (
    DailyCommandError,
    DailyHelp,
    DailyOff,
    DailyOn,
    DailySkip,
    DailyStatus,
    DailyUnskip,
    parse_daily,
)
from bot.core.daily.model import Subscription
from bot.core.daily.schedule import Days, Kind, Occurrence, Schedule
from bot.core.daily.zones import canonical_zone

DEFAULT_AT = time(9, 0)
DEFAULT_DAYS = Days.WEEKDAYS
DEFAULT_KIND = Kind.QUOTES


T = TypeVar("T")


def _first(given: T | None, current: T | None, default: T) -> T:
    return given if given is not None else current if current is not None else default


class DailyStore(Protocol):
    """Subscriptions are keyed by (team, channel): a Slack Connect channel shared by two installs has one each."""

    def subscription(self, team_id: str, channel_id: str) -> Subscription | None: ...

    def subscribe(
        self,
        *,
        channel_id: str,
        team_id: str,
        user_id: str | None,
        schedule: Schedule,
        kind: Kind,
        now: datetime,
        enterprise_id: str | None = None,
    ) -> Subscription: ...

    def unsubscribe(self, team_id: str, channel_id: str) -> bool: ...

    def skip_next(self, team_id: str, channel_id: str, now: datetime) -> tuple[Occurrence, Subscription] | None: ...

    def unskip(self, team_id: str, channel_id: str, now: datetime) -> tuple[Occurrence | None, Subscription] | None: ...

    def unblock_team(self, team_id: str) -> bool: ...


def handle_daily(
    store: DailyStore,
    text: str,
    *,
    channel_id: str,
    team_id: str,
    user_id: str,
    user_tz: str | None,
    now: datetime,
    channel_name: str | None = None,
    enterprise_id: str | None = None,
) -> dict[str, Any]:
    """The ephemeral reply payload (``response_type``, ``text``, ``blocks``) to ``/specimen daily <text>``.

    ``channel_name`` is the slash command's (``directmessage``, ``mpdm-…``): `daily on` is refused in a DM or a
    group DM, where the bot is no member and every post would fail; ``status`` and ``off`` work anywhere.
    """
    try:
        command = parse_daily(text)
    except DailyCommandError as error:
        return replies.ephemeral(str(error))
    if isinstance(command, DailyHelp):
        return replies.help_text()
    in_dm = is_direct_message(channel_id, channel_name)
    if isinstance(command, DailyStatus):
        current = store.subscription(team_id, channel_id)
        if in_dm and current is None:  # a DM gets no daily post: say where they go, not "none here"
            return replies.not_a_channel()
        return replies.status(current)
    if isinstance(command, DailyOff):
        return replies.unsubscribed(store.unsubscribe(team_id, channel_id))
    if isinstance(command, DailySkip):
        result = store.skip_next(team_id, channel_id, now)
        return replies.not_subscribed() if result is None else replies.skipped(*result)
    if isinstance(command, DailyUnskip):
        undone = store.unskip(team_id, channel_id, now)
        return replies.not_subscribed() if undone is None else replies.unskipped(*undone)
    assert isinstance(command, DailyOn)
    if in_dm:
        return replies.not_a_channel()
    where = _Where(team_id, channel_id, enterprise_id)
    return _subscribe(store, command, where, user_id=user_id, user_tz=user_tz, now=now)


@dataclass(frozen=True)
class _Where:
    team_id: str
    channel_id: str
    enterprise_id: str | None


def _subscribe(
    store: DailyStore,
    command: DailyOn,
    where: _Where,
    *,
    user_id: str,
    user_tz: str | None,
    now: datetime,
) -> dict[str, Any]:
    """Unnamed options keep the channel's current values; a new subscription takes the defaults."""
    current = store.subscription(where.team_id, where.channel_id)
    zone = command.zone or (current.schedule.zone if current else canonical_zone(user_tz or ""))
    if zone is None:
        return replies.unknown_user_zone()
    schedule = Schedule(
        at=_first(command.at, current.schedule.at if current else None, DEFAULT_AT),
        zone=zone,
        days=_first(command.days, current.schedule.days if current else None, DEFAULT_DAYS),
    )
    kind = _first(command.kind, current.kind if current else None, DEFAULT_KIND)
    if current is not None and not current.paused and (current.schedule, current.kind) == (schedule, kind):
        return replies.already(current)
    sub = store.subscribe(
        channel_id=where.channel_id,
        team_id=where.team_id,
        user_id=user_id,
        schedule=schedule,
        kind=kind,
        now=now,
        enterprise_id=where.enterprise_id,
    )
    # A command from the workspace shows the app is installed there again: let its posts resume.
    store.unblock_team(where.team_id)
    return replies.subscribed(sub, resumed=bool(current and current.paused), new=current is None, note=command.note)
