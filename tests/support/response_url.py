"""``POST /response/<id>``: the stand-in for the ``response_url`` Slack hands out with commands and interactions.

Rules (SLACK-FACTS.md §2): JSON message payload; up to 5 uses within 30 minutes; bad blocks → HTTP 400 with body
``invalid_blocks`` and no detail (slackapi/java-slack-sdk#1017); success → HTTP 200 ``ok``.
What a used-up or expired URL answers is not in the sources we have: HTTP 404 with ``used_url`` / ``expired_url``
is our choice, as are 404 ``no_service`` for an unknown URL and HTTP 400 ``invalid_payload`` / ``no_text``
for a body that is not a JSON message.
A failed post (4xx) does not use up one of the five uses (also our choice).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .block_kit import message_block_errors
from .web_methods import MAX_TEXT
from .workspace import APP_ID, BOT_ID, BOT_USER_ID, Workspace


@dataclass(frozen=True)
class WebhookReply:
    status: int
    body: str


def post_to_response_url(ws: Workspace, url_id: str, raw_body: bytes, content_type: str) -> WebhookReply:
    with ws.lock:  # one lock for check-and-use, so parallel posts cannot exceed the limit
        url = ws.response_urls.get(url_id)
        if url is None:
            return WebhookReply(404, "no_service")
        if ws.now() - url.created > ws.response_url_ttl:
            return WebhookReply(404, "expired_url")
        if url.uses >= ws.response_url_max_uses:
            return WebhookReply(404, "used_url")
        problem = _payload_problem(raw_body, content_type)
        if problem:
            return WebhookReply(400, problem)
        payload: dict[str, Any] = json.loads(raw_body)
        url.uses += 1
        in_channel = payload.get("response_type") == "in_channel"
        rewrites = payload.get("replace_original") in (True, "true") or payload.get("delete_original") in (True, "true")
        if in_channel and not rewrites and url.channel_id:
            message = {k: payload[k] for k in ("text", "blocks", "attachments") if k in payload}
            ws.add_message(url.channel_id, {"user": BOT_USER_ID, "bot_id": BOT_ID, "app_id": APP_ID, **message})
        return WebhookReply(200, "ok")


def _payload_problem(raw_body: bytes, content_type: str) -> str | None:
    if "json" not in content_type.lower():
        return "invalid_payload"
    try:
        payload = json.loads(raw_body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "invalid_payload"
    if not isinstance(payload, dict):
        return "invalid_payload"
    deleting = payload.get("delete_original") in (True, "true")
    if not deleting and not any(payload.get(k) for k in ("text", "blocks", "attachments")):
        return "no_text"
    if len(str(payload.get("text") or "")) > MAX_TEXT:
        return "msg_too_long"
    if "blocks" in payload and message_block_errors(payload["blocks"]):
        return "invalid_blocks"
    return None
