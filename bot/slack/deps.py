"""What listeners need, built once at start-up and handed to them through one middleware."""

from __future__ import annotations

import inspect
import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from bot.core.answers.guide import FieldGuide
from bot.slack.conversations import Conversations

if TYPE_CHECKING:
    from bot.slack.installations import CachedInstallationStore
    from bot.store.store import Store

log = logging.getLogger(__name__)
MAX_PENDING_MISSES = 1000


def _log_failure(future: Future[Any]) -> None:
    error = future.exception()
    if error is not None:
        log.error("background work failed", exc_info=error)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Deps:
    guide: FieldGuide
    store: Store | None = None
    rng: random.Random = field(default_factory=random.Random)
    now: Callable[[], datetime] = utc_now
    background: Executor = field(default_factory=lambda: ThreadPoolExecutor(8, thread_name_prefix="after-ack"))
    trigger_work: Executor = field(default_factory=lambda: ThreadPoolExecutor(8, thread_name_prefix="trigger"))
    miss_writer: Executor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="misses"))
    conversations: Conversations = field(default_factory=Conversations)
    installations: CachedInstallationStore | None = None  # OAuth mode: the workspaces that installed the app
    _claims: set[str] = field(default_factory=set, repr=False)
    _claims_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _miss_slots: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(MAX_PENDING_MISSES), repr=False
    )

    def count_miss(
        self, team_id: str, user_id: str, label: str, *, public: bool, enterprise_id: str | None = None
    ) -> None:
        """Note a title that found nothing, on one writer thread. A statistic, so when the database falls behind
        it is dropped rather than queued without bound (or taking threads that reply to users)."""
        if self.store is None or not team_id or not user_id:
            return
        if not self._miss_slots.acquire(blocking=False):
            log.debug("miss counter behind: %r not counted", label)
            return
        future = self.miss_writer.submit(
            self.store.record_ask,
            team_id,
            user_id,
            label,
            public=public,
            requested=False,
            now=self.now(),
            enterprise_id=enterprise_id,
        )
        future.add_done_callback(self._miss_written)

    def _miss_written(self, future: Future[bool]) -> None:
        self._miss_slots.release()
        _log_failure(future)

    def claim_share(self, claim: str, team_id: str | None = None, enterprise_id: str | None = None) -> bool:
        """One share per preview: the database decides across processes; without one, this process does."""
        if self.store is not None:
            return self.store.claim_share(claim, self.now(), team_id, enterprise_id)
        with self._claims_lock:
            if claim in self._claims:
                return False
            self._claims.add(claim)
            return True

    def after_ack(self, work: Callable[..., object], /, *args: Any, **kwargs: Any) -> None:
        """Run ``work`` once the listener has acknowledged (with ``process_before_response`` the HTTP answer goes
        out when the listener returns, which may be just after ``work`` starts); a failure is logged, never raised
        into the request."""
        self.background.submit(work, *args, **kwargs).add_done_callback(_log_failure)

    def with_trigger(self, work: Callable[..., object], /, *args: Any, **kwargs: Any) -> None:
        """Like ``after_ack``, for work that must use a ``trigger_id`` within its 3 s life (``views.open``): its own
        threads, so it never waits behind slow Web API calls or database writes."""
        self.trigger_work.submit(work, *args, **kwargs).add_done_callback(_log_failure)

    def __deepcopy__(self, memo: dict[int, object]) -> Deps:
        # Bolt deep-copies a request's context in places (lazy listeners); dependencies are shared, never copied.
        return self


R = TypeVar("R")


def bound(listener: Callable[..., R], deps: Deps) -> Callable[..., R]:
    """``listener`` with its ``deps`` parameter given: Bolt reads the other parameters' names from the signature and
    injects them (``ack``, ``body``, ``client``…), as it does for any listener. A closure at registration, so no
    middleware runs on every request to hand the dependencies over."""
    signature = inspect.signature(listener)
    others = [parameter for name, parameter in signature.parameters.items() if name != "deps"]

    def call(**kwargs: Any) -> R:
        return listener(deps=deps, **kwargs)

    call.__signature__ = signature.replace(parameters=others)  # type: ignore[attr-defined]
    call.__name__ = listener.__name__
    call.__qualname__ = listener.__qualname__
    call.__doc__ = listener.__doc__
    return call
