"""What listeners need, built once at start-up and handed to them through one middleware."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.answers import FieldGuide

if TYPE_CHECKING:
    from bot.store import Store


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Deps:
    guide: FieldGuide
    store: Store | None = None
    rng: random.Random = field(default_factory=random.Random)
    now: Callable[[], datetime] = utc_now

    def __deepcopy__(self, memo: dict[int, object]) -> Deps:
        # Bolt deep-copies the request context for lazy listeners; dependencies are shared, never copied.
        return self
