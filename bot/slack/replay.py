"""Refusing replays: a signed request sent again within the signature window acts once, across processes.

A signature covers the timestamp and the body, so a recorded request stays valid for five minutes; anyone who saw
it could send it again. Every (timestamp, signature) pair is remembered in this process for the window; that of a
request that acts (every interaction and event, and ``daily`` commands) in the database too, so that no process acts
on it twice, and an Events API delivery by its ``event_id`` for longer, because Slack's own retries of an event carry
a fresh signature (``X-Slack-Retry-Num``) and must not act twice either. A read-only slash command (a lookup, help,
the list) needs no query: a repeat in another process is answered to its sender again and changes nothing.

One writer thread per process inserts the keys waiting at that moment in one statement (group commit): one
transaction per request would queue every request thread on the database's write lock (on SQLite, behind its
sleeping busy handler), which cost a quarter of the throughput in ``python -m bench.http``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from bot.store.marks import Mark  # key, until when, and the workspace and org it came from

log = logging.getLogger(__name__)

SIGNATURE_TTL = timedelta(minutes=6)  # the five-minute window, plus clock skew
EVENT_TTL = timedelta(hours=1)  # Slack retries an event three times over about five minutes
MEMORY_LIMIT = 50_000


WRITE_BATCH = 500
WRITE_WAIT_SECONDS = 5.0


class Remembers(Protocol):
    def remember_requests(self, marks: Sequence[Mark], now: datetime) -> set[str]: ...


# Requests that only read (a select menu asking for its options): a repeat changes nothing, and Slack may well send
# the very same body twice in one second when someone types the same text again, so they are never refused.
READ_ONLY_PAYLOADS = frozenset({"block_suggestion"})


def is_read_only(fields: Mapping[str, Any]) -> bool:
    payload = fields.get("payload")
    return isinstance(payload, Mapping) and payload.get("type") in READ_ONLY_PAYLOADS


def acts(fields: Mapping[str, Any]) -> bool:
    """Whether processing the request changes anything beyond the answer to whoever sent it.

    A slash command other than ``daily`` is answered from memory to its sender alone (a card, help, the list; a
    title it misses is counted once per person however often it comes), so a repeat of it reaching another process
    is harmless and needs no database round trip; every interaction, event and ``daily`` command acts.
    """
    command = fields.get("command")
    if isinstance(command, str) and command:
        text = fields.get("text")
        return isinstance(text, str) and text.strip().casefold().split()[:1] == ["daily"]
    return True


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
        self._group: _GroupWriter | None = None

    def first_time(
        self,
        fields: Mapping[str, Any],
        timestamp: str,
        signature: str,
        team_id: str | None = None,
        enterprise_id: str | None = None,
    ) -> bool:
        if is_read_only(fields):
            return True
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
        if self._store is None or not acts(fields):
            return True  # a read-only repeat in another process is answered again, and changes nothing
        moment = datetime.fromtimestamp(now, UTC)
        try:
            first = self._writer().remember((key, moment + ttl, team_id, enterprise_id)).result(WRITE_WAIT_SECONDS)
        except Exception:  # the database is down or slow: serve rather than drop
            log.warning("could not check a request for replay; serving it", exc_info=True)
            return True
        if not first:
            log.info("ignored a repeated request (%s)", key.partition(":")[0])
        return first

    def _writer(self) -> _GroupWriter:
        # Started on first use, in the serving process (a thread does not survive gunicorn's fork).
        with self._lock:
            if self._group is None:
                assert self._store is not None
                self._group = _GroupWriter(self._store, self._clock)
            return self._group


class _GroupWriter:
    """Inserts the keys queued so far in one statement and tells each waiter whether its key was new."""

    def __init__(self, store: Remembers, clock: Callable[[], float]) -> None:
        self._store = store
        self._clock = clock
        self._queue: queue.SimpleQueue[tuple[Mark, Future[bool]]] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="replay-writer", daemon=True).start()

    def remember(self, mark: Mark) -> Future[bool]:
        future: Future[bool] = Future()
        self._queue.put((mark, future))
        return future

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < WRITE_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                now = datetime.fromtimestamp(self._clock(), UTC)
                new = self._store.remember_requests([mark for mark, _ in batch], now)
            except Exception as error:  # every waiter hears of it; the next batch tries again
                for _, future in batch:
                    future.set_exception(error)
                continue
            for mark, future in batch:
                future.set_result(mark[0] in new)
