"""`specimen post-daily` and `specimen clock` as an operator runs them, against the Web API stand-in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.daily.schedule import Days, Kind, Schedule
from bot.store import Store
from tests.support.paths import PROJECT_ROOT
from tests.support.slack_api import SlackApi
from tests.support.workspace import TEAM_ID

ROOT = PROJECT_ROOT


@pytest.fixture
def env(slack_api: SlackApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "SLACK_BOT_TOKEN": slack_api.bot_token,
        "SLACK_API_URL": slack_api.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'specimen.db'}",
        "SPECIMEN_RECORDS": str(ROOT / "records"),
        "SPECIMEN_CACHE_DIR": "off",
    }
    for name in ("SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DAILY_CHANNEL", "DAILY_AT", "DAILY_TZ", "DAILY_DAYS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def test_post_daily_with_now_posts_the_env_channel_once(
    env: dict[str, str], slack_api: SlackApi, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DAILY_CHANNEL", "C0GENERAL")
    monkeypatch.setenv("DAILY_AT", "09:00")
    monkeypatch.setenv("DAILY_TZ", "Europe/Berlin")
    # The first run (before 09:00) creates the subscription; runs at and after 09:00 post it, once.
    assert main(["post-daily", "--now", "2026-03-30T08:30:00+02:00"]) == 0
    assert main(["post-daily", "--now", "2026-03-30T09:00:20+02:00"]) == 0
    assert main(["post-daily", "--now", "2026-03-30T09:01:00+02:00"]) == 0
    sent = [c for c in slack_api.calls("chat.postMessage") if c.ok]
    assert len(sent) == 1
    assert sent[0].params["metadata"]["event_payload"] == {"channel": "C0GENERAL", "local_date": "2026-03-30"}
    assert "posted 1" in capsys.readouterr().out


def test_post_daily_names_a_missing_token(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    assert main(["post-daily"]) == 1
    assert "missing environment variable: SLACK_BOT_TOKEN" in capsys.readouterr().err


def test_bad_daily_settings_are_listed_together(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DAILY_AT", "25:00")
    monkeypatch.setenv("DAILY_TZ", "Mars/Olympus")
    assert main(["post-daily"]) == 1
    err = capsys.readouterr().err
    assert "DAILY_AT='25:00'" in err and "DAILY_TZ='Mars/Olympus'" in err


@pytest.mark.parametrize(
    ("channel", "message"),
    [
        ("#general", "DAILY_CHANNEL='#general': use the channel ID"),
        ("D0ADA", "DAILY_CHANNEL='D0ADA' is a direct message: daily posts go to channels"),
    ],
)
def test_daily_channel_must_be_a_channel_id_and_not_a_dm(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], channel: str, message: str
) -> None:
    monkeypatch.setenv("DAILY_CHANNEL", channel)
    assert main(["post-daily"]) == 1
    assert message in capsys.readouterr().err


def test_the_clock_process_posts_what_is_due_and_stops_on_sigterm(env: dict[str, str], slack_api: SlackApi) -> None:
    now = datetime.now(UTC)
    store = Store.open(env["DATABASE_URL"])
    due_a_minute_ago = (now - timedelta(minutes=1)).astimezone(UTC)
    store.subscribe(
        channel_id="C0GENERAL",
        team_id=TEAM_ID,
        user_id=None,
        schedule=Schedule(time(due_a_minute_ago.hour, due_a_minute_ago.minute), "UTC", Days.EVERY_DAY),
        kind=Kind.QUOTES,
        now=now - timedelta(minutes=5),
    )
    store.close()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "clock"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        slack_api.wait_for("chat.postMessage", 1, timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr.decode()
    (sent,) = slack_api.calls("chat.postMessage")
    assert sent.params["metadata"]["event_payload"]["local_date"] == due_a_minute_ago.date().isoformat()
    assert "daily clock stopped" in stderr.decode()
