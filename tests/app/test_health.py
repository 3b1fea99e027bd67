"""/healthz means it: the catalog is loaded, the database answers, the clock's last pass is reported; 503 names the
failing part."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from bot.slack.scheduler.clock import CLOCK_HEARTBEAT
from tests.support.inprocess import in_process_app
from tests.support.slack_api import SlackApi


def test_health_reports_the_clocks_last_pass(tmp_path_factory: pytest.TempPathFactory) -> None:
    with SlackApi() as api, in_process_app(api, tmp_path_factory.mktemp("healthy")) as app:
        first = app.get("/healthz")
        assert first.status == 200
        assert first.json()["ok"] is True
        assert first.json()["clock_last_pass"] is None
        assert first.json()["records"] > 0
        assert app.deps.store is not None
        app.deps.store.beat(CLOCK_HEARTBEAT, datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
        assert app.get("/healthz").json()["clock_last_pass"] == "2026-06-01T09:00:00+00:00"


def test_health_is_503_naming_the_database_when_it_goes_away(tmp_path_factory: pytest.TempPathFactory) -> None:
    workdir = tmp_path_factory.mktemp("going")
    with SlackApi() as api, in_process_app(api, workdir) as app:
        assert app.get("/healthz").status == 200
        shutil.rmtree(workdir)
        response = app.get("/healthz")
        assert response.status == 503
        body = response.json()
        assert body["ok"] is False
        assert [part.split(":")[0] for part in body["failing"]] == ["database"]
