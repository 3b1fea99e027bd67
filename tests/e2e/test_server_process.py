"""The app-server helper: start a real process, sign requests as Slack does, fail loudly, stop cleanly.

Most tests use a tiny stand-in app (tests/support/fake_app.py) so the harness is tested on its own; the last
ones drive the real ``specimen serve`` through the ``app_server`` fixture.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from tests.support import payloads
from tests.support.server import AppServer, AppServerError, start_app_server
from tests.support.signing import FORM
from tests.support.slack_api import SlackApi
from tests.support.workspace import CHANNEL_ID


def fake_app_command(port: int, records: Path) -> list[str]:
    return [sys.executable, "-m", "tests.support.fake_app", "serve", "--port", str(port), "--records", str(records)]


@pytest.fixture
def fake_server(slack_api: SlackApi, tmp_path: Path):  # type: ignore[no-untyped-def]
    server = start_app_server(slack_api, workdir=tmp_path, command=fake_app_command)
    yield server
    server.stop()


def test_signed_command_reaches_the_app(fake_server: AppServer) -> None:
    sent = fake_server.post_command("ai apprentice")
    assert sent.status == 200
    assert sent.json() == {"received": "command", "text": "ai apprentice"}
    assert sent.sent["response_url"].startswith(fake_server.api.root_url)


def test_wrong_secret_or_stale_timestamp_is_refused(fake_server: AppServer) -> None:
    body = payloads.form_body(payloads.slash_command("x"))
    assert fake_server.post_raw(body, FORM, secret="not-the-secret").status == 401
    assert fake_server.post_raw(body, FORM, timestamp=int(time.time()) - 6 * 60).status == 401
    assert fake_server.post_raw(body, FORM).status == 200


def test_interactions_and_events_are_signed_too(fake_server: AppServer) -> None:
    assert fake_server.post_action("specimen_share", value="ai-apprentice").json() == {
        "received": "interaction",
        "type": "block_actions",
    }
    first = fake_server.post_event()
    assert first.json() == {"received": "event", "event_type": "app_home_opened", "retry": None}
    retry_headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    retry = fake_server.post_event(first.sent["event"], event_id=first.sent["event_id"], headers=retry_headers)
    assert retry.json()["retry"] == "1" and retry.sent["event_id"] == first.sent["event_id"]
    challenge = payloads.url_verification()
    reply = fake_server.post_raw(payloads.event_body(challenge), "application/json")
    assert reply.json() == {"challenge": challenge["challenge"]}


def test_app_env_points_at_the_stand_in(fake_server: AppServer) -> None:
    assert fake_server.post_command("post").status == 200
    post = fake_server.api.wait_for("chat.postMessage")[0]
    assert (post.ok, post.params["channel"]) == (True, CHANNEL_ID)
    reply = fake_server.api.wait_for("response_url")[0]
    assert (reply.status, reply.params["text"]) == (200, "answered on response_url")


def test_stop_sends_sigterm_and_the_app_exits_cleanly(slack_api: SlackApi, tmp_path: Path) -> None:
    server = start_app_server(slack_api, workdir=tmp_path, command=fake_app_command)
    assert server.stop() == 0
    with pytest.raises(OSError):
        server.get("/healthz")


def test_a_crashing_app_reports_its_stderr(slack_api: SlackApi, tmp_path: Path) -> None:
    def crashing(port: int, records: Path) -> list[str]:
        return [sys.executable, "-c", "import sys; sys.exit('specimen: missing environment variable: X')"]

    with pytest.raises(AppServerError, match="missing environment variable: X"):
        start_app_server(slack_api, workdir=tmp_path, command=crashing)


def test_an_app_that_never_gets_healthy_times_out_and_is_killed(slack_api: SlackApi, tmp_path: Path) -> None:
    def hanging(port: int, records: Path) -> list[str]:
        code = "import sys, time; print('still booting', file=sys.stderr, flush=True); time.sleep(60)"
        return [sys.executable, "-c", code]

    with pytest.raises(AppServerError, match="still booting") as info:
        start_app_server(slack_api, workdir=tmp_path, command=hanging, startup_timeout=1.0)
    assert info.value.exit_code == -15, "stopped with SIGTERM"


# -- the real app: `specimen serve` under gunicorn, wired to the Web API stand-in ---------------------------------


def test_real_app_is_healthy_and_verifies_signatures(app_server: AppServer) -> None:
    assert app_server.get("/healthz").status == 200
    body = payloads.form_body(payloads.slash_command("ai apprentice", api=app_server.api))
    assert app_server.post_raw(body, FORM, secret="not-the-secret").status == 401
    assert app_server.post_raw(body, FORM, timestamp=int(time.time()) - 6 * 60).status == 401


def test_real_app_answers_a_signed_command(app_server: AppServer) -> None:
    answer = app_server.post_command("ai apprentice")
    assert answer.status == 200, answer.text
