"""Faults a test can queue on the stand-in, one per call, to exercise the app's error paths."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fault:
    """What the next call of a method gets instead of (or before) normal handling.

    ``body=None`` means "handle normally after ``delay`` seconds".
    """

    name: str
    status: int = 200
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0

    @classmethod
    def rate_limited(cls, retry_after: int = 1) -> Fault:
        """HTTP 429 with ``Retry-After`` (SLACK-FACTS §6) and Slack's ``ratelimited`` body."""
        return cls(
            name=f"rate_limited({retry_after})",
            status=429,
            body=json.dumps({"ok": False, "error": "ratelimited"}).encode(),
            headers=(("Retry-After", str(retry_after)), ("Content-Type", "application/json; charset=utf-8")),
        )

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        return cls(
            name=f"server_error({status})",
            status=status,
            body=b"<html><body>Internal Server Error</body></html>",
            headers=(("Content-Type", "text/html"),),
        )

    @classmethod
    def delayed(cls, seconds: float) -> Fault:
        return cls(name=f"delayed({seconds})", delay=seconds)

    @classmethod
    def malformed_json(cls) -> Fault:
        return cls(
            name="malformed_json",
            body=b'{"ok": tru',
            headers=(("Content-Type", "application/json; charset=utf-8"),),
        )

    @classmethod
    def error(cls, code: str, **extra: Any) -> Fault:
        """An HTTP 200 ``{"ok": false, "error": code}`` reply, e.g. ``Fault.error("not_in_channel")``."""
        return cls(
            name=f"error({code})",
            body=json.dumps({"ok": False, "error": code, **extra}).encode(),
            headers=(("Content-Type", "application/json; charset=utf-8"),),
        )

    @classmethod
    def reply(cls, status: int, body: str | bytes, content_type: str = "text/plain") -> Fault:
        raw = body.encode() if isinstance(body, str) else body
        return cls(name=f"reply({status})", status=status, body=raw, headers=(("Content-Type", content_type),))
