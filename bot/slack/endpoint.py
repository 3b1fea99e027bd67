"""The synchronous part of ``POST /slack/events``, run on a worker thread once the body is complete: the request
guard (signature, media type, shape, workspace, replays) in front of Bolt, and the reply it gives."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.signature import Clock, SignatureVerifier

from bot.slack.context import set_request
from bot.slack.replay import ReplayGuard
from bot.slack.workspace import ServedWorkspaces, request_channel, request_identity

log = logging.getLogger(__name__)

SIGNATURE_WINDOW_SECONDS = 5 * 60
SLACK_MEDIA_TYPES = frozenset({"application/x-www-form-urlencoded", "application/json"})
# Events that arrive when the installation is already gone, and must still be handled (they delete what is left).
LEAVING_EVENTS = frozenset({"app_uninstalled", "tokens_revoked"})


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def json(cls, status: int, body: Any) -> Reply:
        return cls(status, json.dumps(body).encode())


class _At(Clock):
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def is_signed(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> bool:
    """Slack's ``v0`` signature over the raw bytes, within five minutes of ``now`` (slack_sdk's SignatureVerifier).

    The timestamp must be plain ASCII digits (``int()`` would also take " 17…", "-1" or full-width digits); a body
    that is not UTF-8 cannot be Slack's and slack_sdk cannot hash it: False, like any malformed header.
    """
    if not (timestamp.isascii() and timestamp.isdigit()) or not signature.isascii():
        return False
    try:
        return SignatureVerifier(secret, clock=_At(now)).is_valid(body, timestamp, signature)
    except (ValueError, UnicodeDecodeError):
        return False


def parse_slack_body(body: bytes, media_type: str) -> dict[str, Any] | None:
    """The body as Slack's fields (form fields, with ``payload`` decoded, or the JSON object); None when malformed:
    not UTF-8, JSON that is not an object, or a form ``payload`` that is not a JSON object."""
    try:
        text = body.decode("utf-8")
        if media_type == "application/json":
            parsed = json.loads(text)
            return parsed if isinstance(parsed, dict) else None
        fields = {key: values[-1] for key, values in parse_qs(text, keep_blank_values=True).items()}
        if "payload" in fields:
            payload = json.loads(fields["payload"])
            if not isinstance(payload, dict):
                return None
            return {**fields, "payload": payload}
        return fields
    except ValueError:  # UnicodeDecodeError and json.JSONDecodeError are ValueErrors
        return None


def is_leaving(fields: Mapping[str, Any]) -> bool:
    """An ``app_uninstalled`` or ``tokens_revoked`` event: handled even when the installation is already gone."""
    event = fields.get("event")
    return isinstance(event, Mapping) and event.get("type") in LEAVING_EVENTS


def request_kind(fields: Mapping[str, Any]) -> str:
    """command, event, interaction or other: for metrics and logs."""
    if "command" in fields:
        return "command"
    if "payload" in fields:
        return "interaction"
    if fields.get("type") == "event_callback":
        return "event"
    return "other"


@dataclass
class SlackEndpoint:
    """The synchronous part of ``POST /slack/events``, run on a worker thread once the body is complete."""

    bolt_app: App
    signing_secret: str
    replays: ReplayGuard | None = None
    workspaces: ServedWorkspaces | None = None  # None: any workspace (tests of the guard alone)
    observe: Callable[[str, str, float], None] = field(default=lambda kind, outcome, seconds: None)
    clock: Callable[[], float] = time.time

    def handle(self, headers: Mapping[str, str], body: bytes, query: str = "") -> Reply:
        """``headers`` with lower-case names. Signature first (on the raw bytes), then media type, then shape."""
        started = time.perf_counter()
        kind, reply = "unknown", Reply.json(401, {"error": "invalid request"})
        try:
            kind, reply = self._handle(headers, body, query)
            return reply
        finally:
            set_request(None, None)
            outcome = "ok" if reply.status == 200 else str(reply.status)
            self.observe(kind, outcome, time.perf_counter() - started)

    def _handle(self, headers: Mapping[str, str], body: bytes, query: str) -> tuple[str, Reply]:
        timestamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        if not is_signed(self.signing_secret, body, timestamp, signature, self.clock()):
            return "unknown", Reply.json(401, {"error": "invalid request"})
        media_type = headers.get("content-type", "").partition(";")[0].strip().lower()
        if media_type not in SLACK_MEDIA_TYPES:
            return "unknown", Reply.json(415, {"error": "form or JSON body expected"})
        fields = parse_slack_body(body, media_type)
        if fields is None:
            return "unknown", Reply.json(400, {"error": "malformed body"})
        kind = request_kind(fields)
        who = request_identity(fields)
        set_request(who.team_id, request_channel(fields))
        served = self.workspaces
        if served is not None and not is_leaving(fields) and not served.serves(who):
            log.warning("refused a %s from workspace %s, which this app does not serve", kind, who.team_id)
            if kind == "event":
                return kind, Reply(200)
            return kind, Reply.json(200, {"response_type": "ephemeral", "text": served.refusal})
        if self.replays is not None and not self.replays.first_time(
            fields, timestamp, signature, who.team_id, who.enterprise_id
        ):
            return kind, Reply(200)
        return kind, self._dispatch(headers, body, query)

    def _dispatch(self, headers: Mapping[str, str], body: bytes, query: str) -> Reply:
        request = BoltRequest(
            body=body.decode("utf-8"), query=query, headers={name: [value] for name, value in headers.items()}
        )
        response = self.bolt_app.dispatch(request)
        content_type = (response.headers.get("content-type") or ["text/plain;charset=utf-8"])[0]
        return Reply(response.status, response.body.encode("utf-8"), content_type)
