"""A DEBUG session in this process: Bolt and slack_sdk log whole bodies at DEBUG; the captured log must hold none
of the planted token, response_url, trigger_id or query text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.ids import ACTION_SHARE
from tests.support import payloads
from tests.support.inprocess import InProcessApp, in_process_app
from tests.support.slack_api import SlackApi

QUERY = "plankton wrangler extraordinaire"
PLANTED_TOKEN = "xoxp-1111-2222-planted"
STATE = '{"k":"quote","s":"junior-machine-learning-engineer","q":0,"d":0}'


@pytest.fixture(scope="module")
def debug_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessApp]:
    with SlackApi() as api, in_process_app(api, tmp_path_factory.mktemp("debug"), LOG_LEVEL="DEBUG") as app:
        yield app


def test_debug_log_holds_no_secret(debug_app: InProcessApp) -> None:
    command = debug_app.post_command(f"{QUERY} {PLANTED_TOKEN}")
    assert command.status == 200
    url = debug_app.api.issue_response_url()
    click = payloads.block_actions(ACTION_SHARE, value=STATE, api=debug_app.api, response_url=url)
    assert debug_app.post_interaction(click).status == 200
    debug_app.api.wait_for("response_url", 1)
    debug_app.settle()
    log = debug_app.stderr()
    assert "DEBUG" in log and len(log) > 2000  # Bolt and slack_sdk did log at DEBUG
    secrets = [
        QUERY,
        "plankton",
        PLANTED_TOKEN,
        debug_app.api.bot_token,
        command.sent["response_url"].rsplit("/", 1)[-1],
        command.sent["trigger_id"],
        url.rsplit("/", 1)[-1],
        click["trigger_id"],
    ]
    for secret in secrets:
        assert secret not in log, secret
