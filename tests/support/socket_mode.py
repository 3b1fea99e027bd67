"""A local stand-in for Slack's Socket Mode WebSocket endpoint, speaking its envelope protocol.

Protocol, as slack_sdk's clients expect it (``slack_sdk/socket_mode/client.py``, ``builtin/connection.py``):
``apps.connections.open`` (app token ``xapp-``) returns a one-time ``wss://…/link/?ticket=…`` URL; on connect
the server sends ``{"type": "hello", …}``; requests arrive as ``{"envelope_id", "type": "slash_commands" |
"interactive" | "events_api", "payload", "accepts_response_payload"}`` (events also carry ``retry_attempt`` /
``retry_reason``); the app acknowledges with ``{"envelope_id", "payload"?}``; ``{"type": "disconnect",
"reason": "refresh_requested"}`` asks the client to open a new connection. WebSocket ping/pong is answered by
the ``websockets`` library itself (the built-in client checks the pong echoes its ``session_id:time`` payload).
Here the URL is plain ``ws://`` on 127.0.0.1; slack_sdk's built-in client uses a plain socket on non-443 ports.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from .workspace import APP_ID

if TYPE_CHECKING:
    from .slack_api import SlackApi

REQUEST_TYPES = ("slash_commands", "interactive", "events_api")


@dataclass
class Session:
    """One WebSocket connection from the app."""

    connection: ServerConnection
    ticket: str
    open: bool = True
    received: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Ack:
    envelope_id: str
    payload: dict[str, Any] | None
    raw: dict[str, Any]


class SocketModeServer:
    """Start with ``with SocketModeServer(api) as socket_server:``; ``api`` then hands out its URLs."""

    def __init__(self, api: SlackApi | None = None, *, ping_interval: float | None = 20) -> None:
        self._api = api
        self._ping_interval = ping_interval
        self._tickets: dict[str, bool] = {}  # ticket -> used
        self._sessions: list[Session] = []
        self._acks: dict[str, Ack] = {}
        self._changed = threading.Condition()
        self._server: Server | None = None

    # -- lifecycle ----------------------------------------------------------------------------------------------

    def start(self) -> SocketModeServer:
        self._server = serve(
            self._serve_connection,
            "127.0.0.1",
            0,
            process_request=self._check_ticket,
            compression=None,
            ping_interval=self._ping_interval,
        )
        threading.Thread(target=self._server.serve_forever, name="socket-mode-stand-in", daemon=True).start()
        if self._api is not None:
            self._api.socket_mode_url = self.issue_url
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server = None
        if self._api is not None:
            self._api.socket_mode_url = None

    def __enter__(self) -> SocketModeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def issue_url(self) -> str:
        """A one-time connection URL, as ``apps.connections.open`` returns it."""
        if self._server is None:
            raise RuntimeError("the Socket Mode stand-in is not running")
        ticket = uuid.uuid4().hex
        with self._changed:
            self._tickets[ticket] = False
        port = self._server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}/link/?ticket={ticket}&app_id={APP_ID}"

    # -- what tests call ------------------------------------------------------------------------------------------

    def send_envelope(
        self,
        envelope_type: str,
        payload: dict[str, Any],
        *,
        retry_attempt: int = 0,
        retry_reason: str = "",
        accepts_response_payload: bool | None = None,
        timeout: float = 5.0,
    ) -> str:
        """Deliver a request to the newest open connection; return its ``envelope_id``."""
        if envelope_type not in REQUEST_TYPES:
            raise ValueError(f"envelope type must be one of {REQUEST_TYPES}, not {envelope_type!r}")
        if accepts_response_payload is None:
            accepts_response_payload = _accepts_response_payload(envelope_type, payload)
        envelope_id = str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        if envelope_type == "events_api":
            envelope.update(retry_attempt=retry_attempt, retry_reason=retry_reason)
        self.wait_for_connection(timeout=timeout).connection.send(json.dumps(envelope))
        return envelope_id

    def send_command(self, fields: dict[str, str], **kwargs: Any) -> str:
        return self.send_envelope("slash_commands", fields, **kwargs)

    def send_interactive(self, payload: dict[str, Any], **kwargs: Any) -> str:
        return self.send_envelope("interactive", payload, **kwargs)

    def send_event(self, envelope: dict[str, Any], **kwargs: Any) -> str:
        return self.send_envelope("events_api", envelope, **kwargs)

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> Ack:
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self._acks, timeout):
                raise AssertionError(f"no acknowledgement for envelope {envelope_id} within {timeout}s")
            return self._acks[envelope_id]

    def acks(self) -> list[Ack]:
        with self._changed:
            return list(self._acks.values())

    def wait_for_connection(self, count: int = 1, timeout: float = 5.0) -> Session:
        """Wait until ``count`` connections were opened in total and one is open; return the newest open one."""

        def ready() -> bool:
            return len(self._sessions) >= count and any(s.open for s in self._sessions)

        with self._changed:
            if not self._changed.wait_for(ready, timeout):
                raise AssertionError(f"expected {count} connection(s) within {timeout}s, got {len(self._sessions)}")
            return next(s for s in reversed(self._sessions) if s.open)

    def sessions(self) -> list[Session]:
        with self._changed:
            return list(self._sessions)

    def disconnect(self, reason: str = "refresh_requested", *, close_after: float | None = None) -> None:
        """Send Slack's ``disconnect`` message to the newest connection; optionally close it afterwards."""
        session = self.wait_for_connection()
        message = {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-stand-in"}}
        session.connection.send(json.dumps(message))
        if close_after is not None:
            time.sleep(close_after)
            session.connection.close()

    def drop(self) -> None:
        """Close the newest connection from the server side without any warning (a network drop)."""
        session = self.wait_for_connection()
        session.connection.socket.shutdown(socket.SHUT_RDWR)

    # -- server side --------------------------------------------------------------------------------------------

    def _check_ticket(self, connection: ServerConnection, request: Request) -> Response | None:
        ticket = parse_qs(urlsplit(request.path).query).get("ticket", [""])[0]
        with self._changed:
            if self._tickets.get(ticket) is not False:
                return connection.respond(HTTPStatus.UNAUTHORIZED, "invalid or already used ticket\n")
            self._tickets[ticket] = True
        return None

    def _serve_connection(self, connection: ServerConnection) -> None:
        ticket = parse_qs(urlsplit(connection.request.path if connection.request else "").query).get("ticket", [""])[0]
        session = Session(connection, ticket)
        with self._changed:
            open_count = 1 + sum(1 for s in self._sessions if s.open)
        hello = {
            "type": "hello",
            "num_connections": open_count,
            "debug_info": {"host": "applink-stand-in", "build_number": 1, "approximate_connection_time": 18060},
            "connection_info": {"app_id": APP_ID},
        }
        try:
            connection.send(json.dumps(hello))
            with self._changed:  # only now can tests see it, so no envelope overtakes the hello
                self._sessions.append(session)
                self._changed.notify_all()
            for raw in connection:
                self._on_message(session, raw)
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                session.open = False
                self._changed.notify_all()

    def _on_message(self, session: Session, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except (TypeError, ValueError):
            message = {"unparsed": raw if isinstance(raw, str) else raw.decode("utf-8", "replace")}
        with self._changed:
            session.received.append(message)
            envelope_id = message.get("envelope_id") if isinstance(message, dict) else None
            if isinstance(envelope_id, str):
                self._acks[envelope_id] = Ack(envelope_id, message.get("payload"), message)
            self._changed.notify_all()


def _accepts_response_payload(envelope_type: str, payload: dict[str, Any]) -> bool:
    """Whether Slack would use a payload in the ack. Commands: yes; shortcuts: no (slack_sdk's own Socket Mode
    test fixtures); view submissions and option requests: yes, as their HTTP answers carry a body; the rest: no."""
    if envelope_type == "slash_commands":
        return True
    return envelope_type == "interactive" and payload.get("type") in ("view_submission", "block_suggestion")
