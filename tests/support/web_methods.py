"""Web API methods of the stand-in: each takes the workspace and the parsed arguments and returns the JSON reply.

A handler raises ``ApiError`` for an ``{"ok": false}`` reply. Error codes are Slack's documented ones
(slack-api-ref method pages, SLACK-FACTS.md). Missing required arguments get ``invalid_arguments`` with
``response_metadata.messages`` (``[ERROR] missing required field: channel``): Slack answers some methods with a
method-specific code instead; using one uniform code here is our choice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .block_kit import message_block_errors, view_errors
from .workspace import APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, Channel, Workspace, tz_fields

MAX_TEXT = 40_000  # SLACK-FACTS §1: Slack truncates longer text; chat.* document `msg_too_long`
MAX_ATTACHMENTS = 100
JSON_FIELDS = {
    "blocks": "invalid_blocks_format",
    "attachments": "invalid_attachments",
    "metadata": "invalid_metadata_format",
}

Params = dict[str, Any]
Reply = dict[str, Any]


class ApiError(Exception):
    """An ``{"ok": false, "error": ...}`` reply, with any extra top-level keys Slack adds."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra

    def body(self) -> Reply:
        return {"ok": False, "error": self.error, **self.extra}


def invalid_arguments(messages: list[str]) -> ApiError:
    return ApiError("invalid_arguments", response_metadata={"messages": messages})


def flag(value: Any) -> bool:
    """Slack's truthy argument: ``true``, ``1`` or a JSON true."""
    return value is True or (isinstance(value, str | int) and str(value).lower() in ("1", "true"))


def require(params: Params, *names: str) -> None:
    missing = [name for name in names if params.get(name) in (None, "")]
    if missing:
        raise invalid_arguments([f"[ERROR] missing required field: {name}" for name in missing])


def json_field(params: Params, name: str, error: str) -> Any:
    """A structured argument: form bodies carry it as a JSON string, JSON bodies as the value itself."""
    value = params.get(name)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise ApiError(error) from None
    return value


def writable_channel(ws: Workspace, channel_id: str) -> Channel:
    channel = ws.channel(channel_id)
    if not channel.exists:
        raise ApiError("channel_not_found")
    if channel.archived:
        raise ApiError("is_archived")
    if not channel.member:
        raise ApiError("not_in_channel")
    return channel


def message_content(params: Params) -> Params:
    """The text/blocks/attachments of a message, checked as Slack checks them."""
    content: Params = {}
    text = params.get("text")
    if text not in (None, ""):
        content["text"] = str(text)
    for name, error in JSON_FIELDS.items():
        value = json_field(params, name, error)
        if value is not None:
            content[name] = value
    if not any(content.get(k) for k in ("text", "blocks", "attachments")):
        raise ApiError("no_text")
    if len(content.get("text", "")) > MAX_TEXT:
        raise ApiError("msg_too_long")
    if "blocks" in content:
        errors = message_block_errors(content["blocks"])
        if errors:
            raise ApiError(
                "invalid_blocks", errors=errors, response_metadata={"messages": [f"[ERROR] {e}" for e in errors]}
            )
    attachments = content.get("attachments")
    if attachments is not None and (not isinstance(attachments, list) or len(attachments) > MAX_ATTACHMENTS):
        raise ApiError("too_many_attachments" if isinstance(attachments, list) else "invalid_attachments")
    metadata = content.get("metadata")
    if metadata is not None and not (
        isinstance(metadata, dict) and metadata.get("event_type") and isinstance(metadata.get("event_payload"), dict)
    ):
        raise ApiError("invalid_metadata_format")
    return content


def bot_message(content: Params) -> Params:
    return {"user": BOT_USER_ID, "bot_id": BOT_ID, "app_id": APP_ID, "team": TEAM_ID, **content}


def checked_view(params: Params, *, expected_type: str | None = None) -> Params:
    view = params.get("view")
    if isinstance(view, str):
        try:
            view = json.loads(view)
        except json.JSONDecodeError:
            raise invalid_arguments(["[ERROR] failed to parse view as JSON [json-pointer:/view]"]) from None
    errors = view_errors(view, expected_type=expected_type)
    if errors:
        if any(e.startswith("view_too_large") for e in errors):
            raise ApiError("view_too_large")
        raise invalid_arguments([f"[ERROR] {e}" for e in errors])
    return view


# -- methods --------------------------------------------------------------------------------------------------------


def auth_test(ws: Workspace, params: Params) -> Reply:
    return {
        "url": f"https://{TEAM_DOMAIN}.slack.com/",
        "team": "Specimen Test",
        "user": "specimen",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def chat_post_message(ws: Workspace, params: Params) -> Reply:
    require(params, "channel")
    channel = writable_channel(ws, str(params["channel"]))
    message = bot_message(message_content(params))
    if params.get("thread_ts"):
        message["thread_ts"] = str(params["thread_ts"])
    stored = ws.add_message(channel.id, message)
    return {"channel": channel.id, "ts": stored["ts"], "message": dict(stored)}


def chat_post_ephemeral(ws: Workspace, params: Params) -> Reply:
    require(params, "channel", "user")
    writable_channel(ws, str(params["channel"]))
    if not ws.user(str(params["user"])).exists:
        raise ApiError("user_not_found")
    message_content(params)
    return {"message_ts": ws.next_ts()}


def chat_update(ws: Workspace, params: Params) -> Reply:
    require(params, "channel", "ts")
    channel = writable_channel(ws, str(params["channel"]))
    message = ws.find_message(channel.id, str(params["ts"]))
    if message is None:
        raise ApiError("message_not_found")
    content = message_content(params)
    for name in ("text", "blocks", "attachments", "metadata"):
        if name in content:
            message[name] = content[name]
    return {"channel": channel.id, "ts": message["ts"], "text": message.get("text", ""), "message": dict(message)}


def chat_delete(ws: Workspace, params: Params) -> Reply:
    require(params, "channel", "ts")
    channel = writable_channel(ws, str(params["channel"]))
    if not ws.delete_message(channel.id, str(params["ts"])):
        raise ApiError("message_not_found")
    return {"channel": channel.id, "ts": str(params["ts"])}


def conversations_info(ws: Workspace, params: Params) -> Reply:
    """conversations.info: a public channel for any bot token; a private one only when the bot is a member."""
    require(params, "channel")
    channel = ws.channel(str(params["channel"]))
    if not channel.exists or (channel.private and not channel.member):
        raise ApiError("channel_not_found")
    return {
        "ok": True,
        "channel": {
            "id": channel.id,
            "name": channel.name,
            "is_channel": not channel.private,
            "is_private": channel.private,
            "is_member": channel.member,
            "is_archived": channel.archived,
        },
    }


def conversations_history(ws: Workspace, params: Params) -> Reply:
    require(params, "channel")
    channel = ws.channel(str(params["channel"]))
    if not channel.exists:
        raise ApiError("channel_not_found")
    if not channel.member:
        raise ApiError("not_in_channel")
    inclusive = flag(params.get("inclusive"))
    oldest, latest = float(params.get("oldest") or 0), float(params.get("latest") or float("inf"))
    limit = int(params.get("limit") or 100)
    with_metadata = flag(params.get("include_all_metadata"))

    def in_range(ts: float) -> bool:
        return (oldest <= ts <= latest) if inclusive else (oldest < ts < latest)

    newest_first = [m for m in reversed(list(channel.messages)) if in_range(float(m["ts"]))]
    page = [dict(m) for m in newest_first[:limit]]
    if not with_metadata:
        for message in page:
            message.pop("metadata", None)
    return {
        "messages": page,
        "has_more": len(newest_first) > limit,
        "pin_count": 0,
        "response_metadata": {"next_cursor": ""},
    }


def users_info(ws: Workspace, params: Params) -> Reply:
    require(params, "user")
    user = ws.user(str(params["user"]))
    if not user.exists:
        raise ApiError("user_not_found")
    return {
        "user": {
            "id": user.id,
            "team_id": TEAM_ID,
            "name": user.name,
            "real_name": user.name.title(),
            "deleted": False,
            "is_bot": user.is_bot,
            **tz_fields(user.tz, ws.now()),
            "profile": {"real_name": user.name.title(), "display_name": user.name, "team": TEAM_ID},
        }
    }


def views_open(ws: Workspace, params: Params) -> Reply:
    require(params, "trigger_id", "view")
    view = checked_view(params, expected_type="modal")
    error = ws.exchange_trigger(str(params["trigger_id"]))
    if error:
        raise ApiError(error)
    return {"view": ws.store_view(view)}


def views_push(ws: Workspace, params: Params) -> Reply:
    return views_open(ws, params)


def views_update(ws: Workspace, params: Params) -> Reply:
    if not params.get("view_id") and not params.get("external_id"):
        raise invalid_arguments(["[ERROR] missing required field: view_id or external_id"])
    require(params, "view")
    view = checked_view(params, expected_type="modal")
    view_id = ws.view_id_for(view_id=params.get("view_id"), external_id=params.get("external_id"))
    if view_id is None:
        raise ApiError("not_found")
    current = ws.views[view_id]
    if params.get("hash") and params["hash"] != current["hash"]:
        raise ApiError("hash_conflict")
    return {"view": ws.store_view({**view, "root_view_id": current["root_view_id"]}, view_id=view_id)}


def views_publish(ws: Workspace, params: Params) -> Reply:
    require(params, "user_id", "view")
    view = checked_view(params, expected_type="home")
    if not ws.user(str(params["user_id"])).exists:
        raise ApiError("user_not_found")
    stored = ws.store_view(view)
    ws.home_views[str(params["user_id"])] = stored
    return {"view": stored}


Handler = Callable[[Workspace, Params], Reply]

BOT_METHODS: dict[str, Handler] = {
    "auth.test": auth_test,
    "chat.postMessage": chat_post_message,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.update": chat_update,
    "chat.delete": chat_delete,
    "conversations.history": conversations_history,
    "conversations.info": conversations_info,
    "users.info": users_info,
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
}
