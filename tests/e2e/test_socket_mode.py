"""`specimen run` with SLACK_APP_TOKEN: Socket Mode against a local WebSocket stand-in of Slack's endpoint."""

from __future__ import annotations

from pathlib import Path

from bot.core.ids import ACTION_SHARE
from tests.support import payloads
from tests.support.slack_api import SlackApi
from tests.support.socket_mode import SocketModeServer


def test_slash_command_over_socket_mode_is_acked_with_the_card(
    socket_app: Path, socket_mode_server: SocketModeServer, slack_api: SlackApi
) -> None:
    envelope = socket_mode_server.send_command(payloads.slash_command("jr ml eng", api=slack_api))
    ack = socket_mode_server.wait_for_ack(envelope, timeout=10)
    assert ack.payload is not None
    assert ack.payload["blocks"][0]["text"]["text"] == "Junior Machine Learning Engineer"
    assert ack.payload["response_type"] == "ephemeral"
    assert [c.method for c in slack_api.calls() if c.method.startswith("apps.connections")] == ["apps.connections.open"]


def test_reconnects_after_disconnect_and_loses_no_command(
    socket_app: Path, socket_mode_server: SocketModeServer, slack_api: SlackApi
) -> None:
    socket_mode_server.disconnect("refresh_requested", close_after=0.2)
    socket_mode_server.wait_for_connection(count=2, timeout=20)
    envelope = socket_mode_server.send_command(payloads.slash_command("ai apprentice", api=slack_api))
    ack = socket_mode_server.wait_for_ack(envelope, timeout=10)
    assert ack.payload["blocks"][0]["text"]["text"] == "Junior Machine Learning Engineer"


def test_button_over_socket_mode_replies_through_response_url(
    socket_app: Path, socket_mode_server: SocketModeServer, slack_api: SlackApi
) -> None:
    url = slack_api.issue_response_url()
    value = '{"k":"quote","s":"junior-machine-learning-engineer","q":0,"d":0}'
    payload = payloads.block_actions(ACTION_SHARE, value=value, api=slack_api, response_url=url, is_ephemeral=True)
    envelope = socket_mode_server.send_interactive(payload)
    socket_mode_server.wait_for_ack(envelope, timeout=10)
    posts = slack_api.wait_for("response_url", 2, timeout=10)
    assert posts[0].params["response_type"] == "in_channel"
    assert posts[1].delete_original
