"""Logging for every command, set up in one place: level, format (text or JSON), and the filter that keeps users'
secrets out of every line the app writes or lets Bolt and slack_sdk write.

At DEBUG, Bolt and slack_sdk log whole request and response bodies: tokens, ``response_url``s (a 30-minute
capability to post as the app), ``trigger_id``s, signatures and what people typed. ``Redact`` rewrites each record
before any handler formats it, so a log shipped elsewhere carries none of them.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import IO, Any

REDACTED = "[redacted]"
# Fields whose value is a secret or what someone typed, in JSON ("key": "v"), Python reprs ('key': 'v'), form bodies
# (key=v) and percent-encoded JSON inside a form (%22key%22%3A%22v%22).
SECRET_FIELDS = (
    "response_url",
    "trigger_id",
    "token",
    "text",
    "value",
    "query",
    "x-slack-signature",
    "x_slack_signature",
    "authorization",
)
_KEYS = "|".join(re.escape(key) for key in SECRET_FIELDS)
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # "key": "value" and 'key': 'value' (escaped quotes inside the value are skipped).
    (re.compile(rf"""(["'])({_KEYS})\1(\s*:\s*)(["'])(?:\\.|(?!\4).)*\4""", re.IGNORECASE), rf"\1\2\1\3\4{REDACTED}\4"),
    # percent-encoded JSON inside a form body
    (re.compile(rf"(%22(?:{_KEYS})%22%3A%22)(?:(?!%22).)*(%22)", re.IGNORECASE), rf"\1{REDACTED}\2"),
    # key=value in a form body or query string
    (re.compile(rf"(?<![\w-])((?:{_KEYS})=)[^&\s'\"]*", re.IGNORECASE), rf"\1{REDACTED}"),
    # tokens anywhere: bot, user, app-level, refresh, configuration
    (re.compile(r"\b(xox[a-z]|xapp|xoxe)[-.][A-Za-z0-9.\-]+"), rf"\1-{REDACTED}"),
    # signatures and webhook URLs anywhere
    (re.compile(r"\bv0=[0-9a-fA-F]{16,}"), f"v0={REDACTED}"),
    (re.compile(r"https://hooks\.slack(?:-gov)?\.com/\S+"), f"https://hooks.slack.com/{REDACTED}"),
]
# slack_sdk's webhook client logs the URL it posts to, and every webhook URL is a capability (response_urls too).
_WEBHOOK_URL = re.compile(r"(url: )\S+?(,|\s|$)")
WEBHOOK_LOGGERS = ("slack_sdk.webhook",)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_tree(value: Any) -> Any:
    """``redact`` on every string inside dicts and lists (a Sentry event, say)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: redact_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact_tree(item) for item in value]
    return value


class Redact(logging.Filter):
    """Rewrites the message (and any traceback text) of every record it sees; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.name.startswith(WEBHOOK_LOGGERS):
            cleaned = _WEBHOOK_URL.sub(rf"\1{REDACTED}\2", cleaned)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def guard_handlers(handlers: Iterable[logging.Handler]) -> None:
    """Put the one ``Redact`` filter on each handler (once)."""
    for handler in handlers:
        if not any(isinstance(existing, Redact) for existing in handler.filters):
            handler.addFilter(Redact())


def make_handler(
    stream: IO[str] | None = None, *, json_format: bool = False, fmt: str = TEXT_FORMAT
) -> logging.Handler:
    """A stream handler with the redaction filter, writing text lines or JSON objects (``LOG_FORMAT=json``)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if json_format:
        from bot.cli.json_logs import json_formatter

        handler.setFormatter(json_formatter())
    else:
        handler.setFormatter(logging.Formatter(fmt))
    guard_handlers([handler])
    return handler


def configure_logging(level: str, *, json_format: bool = False) -> None:
    """The root logger for a command: one redacting handler on stderr at ``level``. Like ``logging.basicConfig``,
    a root logger that already has handlers (an embedding program, pytest) keeps them, each given the filter."""
    root = logging.getLogger()
    if root.handlers:
        guard_handlers(root.handlers)
        return
    root.addHandler(make_handler(json_format=json_format))
    root.setLevel(level)
