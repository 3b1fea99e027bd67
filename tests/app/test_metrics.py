"""METRICS=prometheus: /metrics counts requests by kind and outcome, with a latency histogram; off by default."""

from __future__ import annotations

import pytest

from tests.support.inprocess import in_process_app
from tests.support.slack_api import SlackApi


def test_metrics_count_requests_after_they_are_answered(tmp_path_factory: pytest.TempPathFactory) -> None:
    with SlackApi() as api, in_process_app(api, tmp_path_factory.mktemp("metrics"), METRICS="prometheus") as app:
        assert app.post_command("jr ml eng").status == 200
        assert app.post_raw(b"[1]", "application/json").status == 400
        response = app.get("/metrics")
        assert response.status == 200
        text = response.text
        assert 'specimen_requests_total{kind="command",outcome="ok"} 1.0' in text
        assert 'specimen_requests_total{kind="unknown",outcome="400"} 1.0' in text
        assert 'specimen_request_seconds_count{kind="command"} 1.0' in text


def test_metrics_are_off_by_default(tmp_path_factory: pytest.TempPathFactory) -> None:
    with SlackApi() as api, in_process_app(api, tmp_path_factory.mktemp("nometrics")) as app:
        assert app.get("/metrics").status == 404
