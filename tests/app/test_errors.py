"""A listener that fails still answers Slack with 200: an apology for a command, an empty body otherwise."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest

from bot.config import SlackSettings
from bot.core.answers.guide import Answer, FieldGuide
from bot.core.ids import ACTION_SHUFFLE
from bot.core.records.loader import load_catalog
from bot.slack.app import create_app
from bot.slack.deps import Deps
from bot.slack.followup import SORRY
from tests.support import payloads
from tests.support.paths import PROJECT_ROOT
from tests.support.signing import FORM, signed_headers
from tests.support.slack_api import SlackApi

SECRET = "test-secret"
ROOT = PROJECT_ROOT


class BrokenGuide(FieldGuide):
    def answer(self, command: Any, rng: random.Random) -> Answer:
        raise RuntimeError("the guide broke")


@pytest.fixture
def broken_app(slack_api: SlackApi) -> Iterator[App]:
    catalog = load_catalog(ROOT / "records")
    guide = BrokenGuide.build(catalog)
    slack = SlackSettings(bot_token=slack_api.bot_token, signing_secret=SECRET, api_url=slack_api.base_url)
    deps = Deps(guide=guide)
    yield create_app(deps, slack)
    deps.background.shutdown(wait=True)  # the after-ack work finishes while the stand-in still answers


def dispatch(app: App, body: str) -> Any:
    headers = {k.lower(): [v] for k, v in signed_headers(SECRET, body).items()}
    headers["content-type"] = [FORM]
    return app.dispatch(BoltRequest(body=body, headers=headers))


def test_failing_command_answers_200_with_an_apology(broken_app: App, caplog: pytest.LogCaptureFixture) -> None:
    response = dispatch(broken_app, payloads.form_body(payloads.slash_command("jr ml eng")))
    assert response.status == 200
    reply = json.loads(response.body)
    assert reply["response_type"] == "ephemeral"
    assert SORRY in json.dumps(reply)
    assert [r for r in caplog.records if "the guide broke" in r.getMessage() or r.exc_info] != []


def test_failing_action_answers_200(broken_app: App, slack_api: SlackApi) -> None:
    payload = payloads.block_actions(ACTION_SHUFFLE, value="not json", api=slack_api)
    response = dispatch(broken_app, payloads.interaction_body(payload))
    assert response.status == 200


class SlowStore:
    def __init__(self) -> None:
        self.release = threading.Event()
        self.recorded: list[str] = []

    def record_ask(self, team_id: str, user_id: str, label: str, **how: Any) -> bool:
        self.release.wait(5)
        self.recorded.append(label)
        return False


def test_miss_counting_is_bounded_when_the_database_falls_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.slack.deps.MAX_PENDING_MISSES", 3)
    store = SlowStore()
    catalog = load_catalog(ROOT / "records")
    deps = Deps(guide=FieldGuide.build(catalog), store=store)  # type: ignore[arg-type]
    for n in range(10):
        deps.count_miss("T1", "U1", f"query {n}", public=True)
    store.release.set()
    deps.miss_writer.shutdown(wait=True)
    assert store.recorded == ["query 0", "query 1", "query 2"]
