"""What the store hands the daily core and the scheduler: subscriptions and claimed posts."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from bot.core.daily.schedule import Kind, Occurrence, Schedule


class PostState(enum.Enum):
    """Ledger states of one channel's post for one local date.

    ``claimed``: owned by a clock, certainly not sent yet. ``sending``: a chat.postMessage may have reached Slack;
    only a history check may decide to send again. The rest are final.
    """

    CLAIMED = "claimed"
    SENDING = "sending"
    POSTED = "posted"
    SKIPPED = "skipped"
    MISSED = "missed"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True, slots=True)
class Subscription:
    """One channel's daily post: who asked, when, what kind, the next due post, and why it is paused (if it is)."""

    channel_id: str
    team_id: str
    user_id: str | None
    schedule: Schedule
    kind: Kind
    next: Occurrence | None
    paused: str | None = None
    enterprise_id: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A ledger row a clock owns (by ``token``) until ``lease_until``.

    ``verify`` is set when an earlier attempt may have reached Slack: the channel's history must be checked for the
    post's metadata before sending again.
    """

    channel_id: str
    team_id: str
    user_id: str | None
    local_date: date
    due: datetime
    kind: Kind
    token: str
    item_key: str | None = None
    verify: bool = False
    enterprise_id: str | None = None
