"""The log filter: secrets and typed text are redacted in every shape Bolt and slack_sdk log them."""

from __future__ import annotations

import io
import logging

import pytest

from bot.cli.logs import REDACTED, make_handler, redact

TOKEN = "xoxb-1234-5678-abcdefABCDEF"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ('{"response_url": "https://hooks.slack.com/commands/T1/2/abc", "x": 1}', "hooks.slack.com/commands"),
        ("{'trigger_id': '123.456.abcdef', 'x': 1}", "123.456.abcdef"),
        ("token=verif&text=my+secret+query&response_url=https%3A%2F%2Fhooks.slack.com%2Fx", "my+secret+query"),
        ("token=verif&text=my+secret+query&response_url=https%3A%2F%2Fhooks.slack.com%2Fx", "hooks.slack.com"),
        ("payload=%7B%22trigger_id%22%3A%22999.888%22%2C%22type%22%3A%22x%22%7D", "999.888"),
        (f"Authorization: Bearer {TOKEN}", TOKEN),
        ("app token xapp-1-A0123-456-abcdef and refresh xoxe-1-abc.def", "xapp-1-A0123"),
        ("app token xapp-1-A0123-456-abcdef and refresh xoxe-1-abc.def", "xoxe-1-abc"),
        ("headers {'X-Slack-Signature': 'v0=0123456789abcdef0123456789abcdef'}", "0123456789abcdef"),
        ('{"text": "a \\"quoted\\" query", "blocks": []}', "quoted"),
        ('{"value": "jr ml eng"}', "jr ml eng"),
    ],
)
def test_redact_hides_the_secret(line: str, secret: str) -> None:
    cleaned = redact(line)
    assert secret not in cleaned
    assert REDACTED in cleaned


def test_redact_keeps_ordinary_lines() -> None:
    line = "serving 120 specimens on http://0.0.0.0:3000/slack/events"
    assert redact(line) == line


def test_the_handler_filter_rewrites_args_tracebacks_and_webhook_urls() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("slack_sdk.webhook.client.test")
    logger.propagate = False
    logger.addHandler(make_handler(stream))
    logger.setLevel(logging.DEBUG)
    try:
        logger.debug("Sending a request - url: %s, body: %s", "http://127.0.0.1:9/response/abc", '{"text": "hi"}')
        try:
            raise RuntimeError(f"failed with {TOKEN}")
        except RuntimeError:
            logger.exception("boom")
    finally:
        logger.handlers.clear()
    out = stream.getvalue()
    assert "/response/abc" not in out
    assert TOKEN not in out
    assert "RuntimeError" in out
