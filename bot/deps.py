"""What listeners need, built once at start-up and handed to them through one middleware."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bot.answers import FieldGuide

if TYPE_CHECKING:
    from bot.store.store import Store

log = logging.getLogger(__name__)


def _log_failure(future: Future[object]) -> None:
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
    background: Executor = field(default_factory=lambda: ThreadPoolExecutor(4, thread_name_prefix="after-ack"))

    def after_ack(self, work: Callable[..., object], /, *args: Any, **kwargs: Any) -> None:
        """Run ``work`` after the HTTP response has gone; a failure is logged, never raised into a request."""
        future = self.background.submit(work, *args, **kwargs)
        future.add_done_callback(_log_failure)

    def __deepcopy__(self, memo: dict[int, object]) -> Deps:
        # Bolt deep-copies the request context for lazy listeners; dependencies are shared, never copied.
        return self
