"""What a failed Slack call means for a daily post: retry later, pause the channel, stop the workspace, or check."""

from __future__ import annotations

import enum

CHANNEL_ERRORS = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
AUTH_ERRORS = frozenset({"invalid_auth", "account_inactive", "token_revoked", "token_expired", "not_authed"})
# Errors after which Slack may or may not have stored the message.
UNCERTAIN_ERRORS = frozenset({"internal_error", "fatal_error", "service_unavailable", "request_timeout"})


class Fault(enum.Enum):
    RATE_LIMITED = "rate_limited"  # not posted; wait Retry-After
    CHANNEL = "channel"  # not posted; pause the subscription and tell the subscriber
    AUTH = "auth"  # not posted; stop the whole workspace
    UNCERTAIN = "uncertain"  # maybe posted; check the channel's history before any retry
    REJECTED = "rejected"  # not posted and retrying will not help (a bug or a bad payload): log it


def classify(status: int | None, error: str | None) -> Fault:
    """The fault for an HTTP status (None: no response at all) and Slack ``error`` code."""
    if status == 429 or error == "ratelimited":
        return Fault.RATE_LIMITED
    if error in CHANNEL_ERRORS:
        return Fault.CHANNEL
    if error in AUTH_ERRORS:
        return Fault.AUTH
    if status is None or status >= 500 or error in UNCERTAIN_ERRORS:
        return Fault.UNCERTAIN
    return Fault.REJECTED


def retry_after_seconds(header: str | None, default: int = 30) -> int:
    """Seconds from a ``Retry-After`` header (whole seconds per Slack); ``default`` when absent or unreadable."""
    try:
        return max(0, int(str(header).strip()))
    except ValueError:
        return default
