"""`specimen run` over Socket Mode when the connection drops without a word (the stand-in's ``drop()``).

What Slack does with an envelope it sent into a dead connection is emulated by the test, playing Slack: an envelope
that got no acknowledgement is delivered again, with the same ``envelope_id``, once the app has reconnected (Slack
documents retries for Events API envelopes; for a slash command the same redelivery is our assumption). The app
must answer it exactly once, and every command sent after the reconnect must be acknowledged.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from pathlib import Path
from typing import Any

from websockets.exceptions import ConnectionClosed

from tests.support import payloads
from tests.support.slack_api import SlackApi
from tests.support.socket_mode import SocketModeServer

TITLE = "Junior Machine Learning Engineer"
RECONNECT_TIMEOUT = 30.0  # the built-in client notices a silent drop only through failing pings (bot.cli.runtime)


def command_envelope(api: SlackApi, text: str) -> dict[str, Any]:
    return {
        "envelope_id": str(uuid.uuid4()),
        "type": "slash_commands",
        "payload": payloads.slash_command(text, api=api),
        "accepts_response_payload": True,
    }


def acks_of(server: SocketModeServer, envelope_id: str) -> list[dict[str, Any]]:
    """Every acknowledgement message the app sent for ``envelope_id``, over every connection."""
    return [m for s in server.sessions() for m in s.received if m.get("envelope_id") == envelope_id]


def test_dropped_connection_reconnects_and_loses_no_command(
    socket_app: Path, socket_mode_server: SocketModeServer, slack_api: SlackApi
) -> None:
    dropped = socket_mode_server.wait_for_connection()
    socket_mode_server.drop()

    # Slack sends a command while the app's connection is dead: it goes nowhere and gets no acknowledgement.
    during = command_envelope(slack_api, "jr ml eng")
    with contextlib.suppress(ConnectionClosed, OSError):
        dropped.connection.send(json.dumps(during))

    fresh = socket_mode_server.wait_for_connection(count=2, timeout=RECONNECT_TIMEOUT)
    assert fresh is not dropped
    if not acks_of(socket_mode_server, during["envelope_id"]):
        fresh.connection.send(json.dumps(during))  # Slack redelivers the unacknowledged envelope
    ack = socket_mode_server.wait_for_ack(during["envelope_id"], timeout=10)
    assert ack.payload is not None and ack.payload["blocks"][0]["text"]["text"] == TITLE

    after = [socket_mode_server.send_command(payloads.slash_command(t, api=slack_api)) for t in ("ai apprentice",) * 3]
    for envelope_id in after:
        reply = socket_mode_server.wait_for_ack(envelope_id, timeout=10).payload
        assert reply is not None and reply["blocks"][0]["text"]["text"] == TITLE

    time.sleep(0.5)  # any duplicate acknowledgement would have arrived by now
    assert len(acks_of(socket_mode_server, during["envelope_id"])) == 1
    assert [len(acks_of(socket_mode_server, e)) for e in after] == [1, 1, 1]
    assert "Traceback" not in socket_app.read_text()
