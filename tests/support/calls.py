"""What the Web API stand-in remembers: every call it answered, and the faults queued for the next ones."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

from .faults import Fault

RESPONSE_URL = "response_url"  # the pseudo-method name under which response_url posts are recorded and faulted


@dataclass(frozen=True)
class Call:
    """One request the stand-in answered. ``params`` merges query and body, with JSON-string args decoded;
    ``time`` is the stand-in's clock (``Workspace.now()``); ``fault`` names the injected fault, if any."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    time: float
    status: int
    reply: Any
    fault: str | None = None
    url_id: str | None = None  # response_url posts only

    @property
    def token(self) -> str | None:
        """The bearer token the call carried."""
        auth = self.headers.get("authorization", "")
        return auth[7:].strip() if auth.lower().startswith("bearer ") else None

    @property
    def ok(self) -> bool:
        if self.method == RESPONSE_URL:
            return self.status == 200
        return isinstance(self.reply, dict) and self.reply.get("ok") is True

    @property
    def response_type(self) -> str:
        return str(self.params.get("response_type") or "ephemeral")

    @property
    def replace_original(self) -> bool:
        return self.params.get("replace_original") in (True, "true")

    @property
    def delete_original(self) -> bool:
        return self.params.get("delete_original") in (True, "true")


class CallLog:
    """Thread-safe: server threads record, the test thread reads and waits."""

    def __init__(self) -> None:
        self._calls: list[Call] = []
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._changed = threading.Condition()

    def record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    def calls(self, method: str | None = None) -> list[Call]:
        with self._changed:
            return [c for c in self._calls if method is None or c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until at least ``count`` calls of ``method`` arrived; return them. AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                matching = [c for c in self._calls if c.method == method]
                remaining = deadline - time.monotonic()
                if len(matching) >= count or remaining <= 0:
                    break
                self._changed.wait(remaining)
            if len(matching) < count:
                seen = ", ".join(c.method for c in self._calls) or "nothing"
                raise AssertionError(
                    f"expected {count} {method} call(s) within {timeout}s, got {len(matching)}; saw: {seen}"
                )
            return matching

    def inject(self, method: str, faults: tuple[Fault, ...]) -> None:
        with self._changed:
            self._faults[method].extend(faults)

    def next_fault(self, method: str) -> Fault | None:
        with self._changed:
            queue = self._faults.get(method)
            return queue.popleft() if queue else None

    def clear(self) -> None:
        with self._changed:
            self._calls.clear()
            self._faults.clear()
