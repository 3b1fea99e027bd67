"""Observability, each part off until configured: Sentry (SENTRY_DSN), JSON logs (LOG_FORMAT=json), metrics."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pytest
import sentry_sdk

from bot.cli.logs import make_handler
from bot.cli.observability import start_error_reporting
from bot.config import ConfigError, Settings
from bot.core.daily.passes import PassReport
from bot.slack.context import set_request
from bot.slack.metrics import Metrics

DSN = "https://public@o0.ingest.example.invalid/1"


def test_sentry_is_off_without_a_dsn(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: calls.append(kwargs))
    assert start_error_reporting(Settings.from_env({})) is False
    assert calls == []


def test_sentry_starts_with_the_dsn_and_scrubs_events(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: calls.append(kwargs))
    assert start_error_reporting(Settings.from_env({"SENTRY_DSN": DSN})) is True
    [options] = calls
    assert options["dsn"] == DSN
    assert options["send_default_pii"] is False
    event = {"message": "failed for xoxb-1-2-secret", "extra": {"body": '{"response_url": "https://x"}'}}
    scrubbed = json.dumps(options["before_send"](event, {}))
    assert "xoxb-1-2-secret" not in scrubbed
    assert "https://x" not in scrubbed


def test_json_log_lines_parse_and_carry_team_and_channel() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("specimen.test.json")
    logger.propagate = False
    logger.addHandler(make_handler(stream, json_format=True))
    logger.setLevel(logging.INFO)
    try:
        set_request("T0123", "C0456")
        logger.info("answered %s", "a command")
        set_request(None, None)
        logger.warning("no request here, token xoxb-9-9-secret")
    finally:
        logger.handlers.clear()
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "answered a command"
    assert (first["team_id"], first["channel"], first["level"]) == ("T0123", "C0456", "INFO")
    assert second["team_id"] is None
    assert "xoxb-9-9-secret" not in second["message"]


def test_log_format_and_metrics_settings() -> None:
    assert Settings.from_env({}).log_format == "text"
    assert Settings.from_env({"LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        _ = Settings.from_env({"LOG_FORMAT": "xml"}).log_format
    assert Settings.from_env({}).metrics is False
    assert Settings.from_env({"METRICS": "prometheus"}).metrics is True
    with pytest.raises(ConfigError, match="METRICS"):
        _ = Settings.from_env({"METRICS": "statsd"}).metrics


def test_daily_posts_are_counted_by_outcome() -> None:
    metrics = Metrics()
    metrics.count_daily(PassReport(posted=3, failed=1))
    metrics.count_daily(PassReport(posted=2))
    text = metrics.render()[0].decode()
    assert 'specimen_daily_posts_total{outcome="posted"} 5.0' in text
    assert 'specimen_daily_posts_total{outcome="failed"} 1.0' in text
