"""Errors the entry point reports as one line; kept apart so the CLI can catch them without importing the stack."""

from __future__ import annotations


class StartupError(Exception):
    """The app cannot start: bad token, unreachable Slack, unusable database. The message says which."""
