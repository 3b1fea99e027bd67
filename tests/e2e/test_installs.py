"""Many workspaces against the real processes: `specimen serve` (gunicorn) installs T2 and T3 through
/slack/install and /slack/oauth_redirect, serves each with its own token; `specimen post-daily` posts for both with
their own tokens; after app_uninstalled for T2 only T3 is posted to. The Web API is the stand-in throughout."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.slack.workspace import NOT_INSTALLED
from tests.support import payloads
from tests.support.installs import OAUTH_ENV, finish_install, install, start_install
from tests.support.oauth import Team
from tests.support.server import PROJECT_ROOT, AppServer, app_env, start_app_server
from tests.support.slack_api import SlackApi

T2 = Team("T0TWO", "Team Two")
T3 = Team("T0THREE", "Team Three")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[AppServer]:
    with SlackApi() as api:
        server = start_app_server(api, workdir=tmp_path, env=dict(OAUTH_ENV))
        try:
            yield server
        finally:
            server.stop()


def database(server: AppServer) -> Path:
    return server.log_dir / "specimen.db"


def post_daily(server: AppServer, at: datetime) -> subprocess.CompletedProcess[str]:
    env = app_env(server.api, server.log_dir, **OAUTH_ENV)
    return subprocess.run(
        [sys.executable, "-m", "bot", "post-daily", "--now", at.isoformat()],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def subscribe(server: AppServer, team: Team) -> None:
    exchange = server.post_command("daily on 09:00 UTC", team_id=team.team_id or "")
    assert exchange.status == 200
    url_id = exchange.sent["response_url"].rstrip("/").rsplit("/", 1)[-1]
    server.api.wait_for("response_url", 1)
    (reply,) = [c for c in server.api.response_posts() if c.url_id == url_id]
    assert "Daily posts are on" in reply.params["text"], reply.params


def next_due(server: AppServer, team_id: str) -> datetime:
    with sqlite3.connect(database(server)) as conn:
        (due,) = conn.execute("SELECT next_due_at FROM subscriptions WHERE team_id = ?", (team_id,)).fetchone()
    return datetime.fromisoformat(due).replace(tzinfo=UTC) + timedelta(seconds=30)  # stored as naive UTC


def count(server: AppServer, table: str, team_id: str) -> int:
    with sqlite3.connect(database(server)) as conn:
        (found,) = conn.execute(f"SELECT count(*) FROM {table} WHERE team_id = ?", (team_id,)).fetchone()
    return int(found)


def test_two_workspaces_install_post_and_one_leaves(served: AppServer) -> None:
    api = served.api
    token2, token3 = install(served, T2), install(served, T3)
    for team, token in ((T2, token2), (T3, token3)):
        api.reset()
        subscribe(served, team)
        assert {c.token for c in api.calls("conversations.info")} == {token}
    due = next_due(served, "T0TWO")
    api.reset()
    ran = post_daily(served, due)
    assert ran.returncode == 0, ran.stderr
    assert sorted(c.token or "" for c in api.calls("chat.postMessage")) == sorted([token2, token3])

    api.oauth.revoke("T0TWO")
    assert served.post_event(payloads.app_uninstalled(), team_id="T0TWO").status == 200
    for table in ("slack_installations", "slack_bots", "subscriptions", "post_ledger", "rotation", "share_claims"):
        assert count(served, table, "T0TWO") == 0, table
    with sqlite3.connect(database(served)) as conn:  # only events' replay marks stay, until they expire
        keys = [key for (key,) in conn.execute("SELECT key FROM request_marks WHERE team_id = 'T0TWO'")]
    assert keys and all(key.startswith("event:") for key in keys)
    assert count(served, "subscriptions", "T0THREE") == 1

    api.reset()
    ran = post_daily(served, next_due(served, "T0THREE"))
    assert ran.returncode == 0, ran.stderr
    assert [c.token for c in api.calls("chat.postMessage")] == [token3]

    # A workspace with no installation is answered plainly. (T2's own bot may live on for up to 30 s in the other
    # worker's memory, bot/slack/installations.py; Slack sends nothing more from an uninstalled workspace anyway.)
    refused = served.post_command("jr ml eng", team_id="T0NEVER")
    assert refused.status == 200 and refused.json() == {"response_type": "ephemeral", "text": NOT_INSTALLED}
    assert "Traceback" not in served.stderr()


def test_a_forged_or_replayed_state_is_refused_over_http(served: AppServer) -> None:
    forged = finish_install(served, served.api.oauth.approve(T2), "forged", "slack-app-oauth-state=forged")
    assert forged.status == 401 and "already used or has expired" in forged.text
    state, cookie = start_install(served)
    assert finish_install(served, served.api.oauth.approve(T2), state, cookie).status == 200
    replayed = finish_install(served, served.api.oauth.approve(T3), state, cookie)
    assert replayed.status == 401 and "specimen was not installed" in replayed.text
    assert {grant.team.team_id for grant in served.api.oauth.tokens.values()} == {"T0TWO"}
