"""Settings and results of the clock's passes (plain data; the clock itself is bot/scheduler/)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import timedelta

from bot.core.daily.schedule import Kind, Schedule


@dataclass(frozen=True, slots=True)
class PosterSettings:
    """How a pass claims and sends. The lease must stay far above one send's worst case (WebClient timeout 30 s)."""

    grace: timedelta = timedelta(hours=2)
    lease: timedelta = timedelta(minutes=5)
    batch_size: int = 100  # claims per transaction
    workers: int = 1  # claim-and-send lanes per pass (threads), each like a clock of its own
    max_retry_wait: float = 30.0  # seconds one 429 may hold a workspace's posts within a pass
    max_holds: int = 3  # 429s per post within a pass before it goes back to the ledger
    recheck_after: timedelta = timedelta(minutes=1)  # after a maybe-sent failure, when history is checked
    history_window: timedelta = timedelta(minutes=10)  # how long before the due time history is read from
    history_pages: int = 5  # of 200 messages each


@dataclass(slots=True)
class PassReport:
    """What one pass did (counts)."""

    posted: int = 0
    recovered: int = 0  # found already posted in the channel's history
    missed: int = 0
    failed: int = 0
    paused: int = 0
    unconfirmed: int = 0
    retry_later: int = 0
    lost: int = 0  # claims another clock took over meanwhile
    uninstalled: int = 0  # held: the workspace has no installation (or no working token) any more

    def busy(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def summary(self) -> str:
        """``posted 3, recovered 0, missed 1, …``."""
        return ", ".join(f"{f.name.replace('_', ' ')} {getattr(self, f.name)}" for f in fields(self))

    def __add__(self, other: PassReport) -> PassReport:
        return PassReport(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class EnvSubscription:
    """The channel an operator set with DAILY_CHANNEL / DAILY_AT / DAILY_TZ (upserted when the clock starts)."""

    channel_id: str
    schedule: Schedule
    kind: Kind = Kind.QUOTES
