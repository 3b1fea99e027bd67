"""A few fuzzed inputs through the running app (``specimen serve``, signed requests, the Web API stand-in): the
HTTP answer, and what reaches the stand-in afterwards, stay valid and inert. ``tests/test_fuzz.py`` runs the same
strategies in process, where thousands of examples are cheap; here each example is a real HTTP round trip.
"""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings

from bot.core.answers.slash import Daily, parse_slash
from bot.core.ids import SHORTCUT_IDENTIFY
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from tests.support import payloads
from tests.support.server import AppServer
from tests.support.strategies import shortcut_message, slash_text

THROUGH_THE_APP = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def assert_valid_and_inert(payload: dict[str, Any], surface: str = "message") -> None:
    assert block_kit_problems(payload, surface) == []  # type: ignore[arg-type]
    assert markup_problems(payload) == []


@THROUGH_THE_APP
@given(slash_text)
def test_fuzzed_slash_text_through_the_app(app_server: AppServer, text: str) -> None:
    if isinstance(parse_slash(text), Daily):
        return  # writes subscriptions; covered by tests/test_daily_commands.py
    exchange = app_server.post_command(text)
    assert exchange.status == 200, exchange.text
    assert_valid_and_inert(exchange.json())


@THROUGH_THE_APP
@given(shortcut_message)
def test_fuzzed_shortcut_message_through_the_app(app_server: AppServer, message: dict[str, Any]) -> None:
    app_server.api.reset()
    shortcut = payloads.message_action(SHORTCUT_IDENTIFY, message={"ts": "1.0", **message}, api=app_server.api)
    assert app_server.post_interaction(shortcut).status == 200
    calls = _wait_for_answer(app_server)  # a job link opens a modal; anything else gets an ephemeral reply
    for call in calls:
        assert call.ok, call.reply
        if call.method == "views.open":
            assert_valid_and_inert(call.params["view"], "modal")
        else:
            assert_valid_and_inert(call.params)
    assert "Traceback" not in app_server.stderr()


def _wait_for_answer(app_server: AppServer, timeout: float = 5.0) -> list[Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        calls = [c for c in app_server.api.calls() if c.method in ("views.open", "response_url")]
        if calls:
            return calls
        time.sleep(0.02)
    raise AssertionError(f"neither views.open nor a response_url post within {timeout}s: {app_server.api.calls()}")
