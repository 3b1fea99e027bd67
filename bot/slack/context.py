"""The workspace and channel of the request being served on this thread, for log lines (``LOG_FORMAT=json``)."""

from __future__ import annotations

from contextvars import ContextVar

_REQUEST: ContextVar[tuple[str | None, str | None]] = ContextVar("specimen_request", default=(None, None))


def current_request() -> tuple[str | None, str | None]:
    """(team_id, channel) of the request being served, or (None, None)."""
    return _REQUEST.get()


def set_request(team_id: str | None, channel: str | None) -> None:
    _REQUEST.set((team_id, channel))
