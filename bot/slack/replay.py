"""Refusing replays: a signed request sent again within the signature window acts once, across processes.

A signature covers the timestamp and the body, so a recorded request stays valid for five minutes; anyone who saw
it could send it again. Each (timestamp, signature) pair is remembered in the database for the window, and an
Events API delivery by its ``event_id`` for longer, because Slack's own retries of an event carry a fresh signature
(``X-Slack-Retry-Num``) and must not act twice either. A small in-process memory answers repeats without a query.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

log = logging.getLogger(__name__)

SIGNATURE_TTL = timedelta(minutes=6)  # the five-minute window, plus clock skew
EVENT_TTL = timedelta(hours=1)  # Slack retries an event three times over about five minutes
MEMORY_LIMIT = 50_000


class Remembers(Protocol):
    def remember_request(self, key: str, expires_at: datetime, now: datetime) -> bool: ...


def replay_key(fields: Mapping[str, Any], timestamp: str, signature: str) -> tuple[str, timedelta]:
    """The key that makes a request unique, and how long to keep it."""
    event_id = fields.get("event_id")
    if fields.get("type") == "event_callback" and isinstance(event_id, str) and event_id:
        return f"event:{event_id}"[:80], EVENT_TTL
    return f"sig:{timestamp}:{signature.removeprefix('v0=')}"[:80], SIGNATURE_TTL


class ReplayGuard:
    """``first_time`` is True once per key; the database decides between processes. A database that fails lets
    the request through (logged): a lost dedupe is better than a dropped command."""

    def __init__(self, store: Remembers | None, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def first_time(self, fields: Mapping[str, Any], timestamp: str, signature: str) -> bool:
        key, ttl = replay_key(fields, timestamp, signature)
        now = self._clock()
        with self._lock:
            if self._seen.get(key, 0.0) > now:
                log.info("ignored a repeated request (%s)", key.partition(":")[0])
                return False
            if len(self._seen) >= MEMORY_LIMIT:
                self._seen = {k: until for k, until in self._seen.items() if until > now}
                if len(self._seen) >= MEMORY_LIMIT:
                    self._seen.clear()
            self._seen[key] = now + ttl.total_seconds()
        if self._store is None:
            return True
        moment = datetime.fromtimestamp(now, UTC)
        try:
            first = self._store.remember_request(key, moment + ttl, moment)
        except Exception:  # the database is down: serve rather than drop
            log.warning("could not check a request for replay; serving it", exc_info=True)
            return True
        if not first:
            log.info("ignored a repeated request (%s)", key.partition(":")[0])
        return first
