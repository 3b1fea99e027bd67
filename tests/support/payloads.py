"""Request bodies shaped as Slack sends them: slash commands, interaction payloads and Events API envelopes.

Shapes follow SLACK-FACTS.md §2-3 and Slack's interaction-payload reference. Pass ``api`` (the Web API stand-in)
to get a real single-use ``trigger_id`` and a ``response_url`` that points at the stand-in; without it the
builders put in placeholders the stand-in rejects (``invalid_trigger_id``; the URL host does not resolve).
Every builder takes ``**overrides`` that replace top-level fields.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from .workspace import APP_ID, BOT_ID, BOT_USER_ID, CHANNEL_ID, CHANNEL_NAME, TEAM_DOMAIN, TEAM_ID, USER_ID, USER_NAME

if TYPE_CHECKING:
    from .slack_api import SlackApi

VERIFICATION_TOKEN = "deprecated-verification-token"
PLACEHOLDER_TRIGGER = "0000000000.0000000000.placeholder-not-issued"
PLACEHOLDER_RESPONSE_URL = "https://hooks.slack.invalid/commands/not-issued"


def _trigger(api: SlackApi | None) -> str:
    return api.issue_trigger() if api is not None else PLACEHOLDER_TRIGGER


def _response_url(api: SlackApi | None, channel_id: str | None) -> str:
    return api.issue_response_url(channel_id) if api is not None else PLACEHOLDER_RESPONSE_URL


def _ts() -> str:
    return f"{time.time():.6f}"


def user(user_id: str = USER_ID, name: str = USER_NAME) -> dict[str, str]:
    return {"id": user_id, "username": name, "name": name, "team_id": TEAM_ID}


def team() -> dict[str, str]:
    return {"id": TEAM_ID, "domain": TEAM_DOMAIN}


# -- bodies -----------------------------------------------------------------------------------------------------------


def form_body(fields: dict[str, str]) -> str:
    """A slash command's ``application/x-www-form-urlencoded`` body."""
    return urlencode(fields)


def interaction_body(payload: dict[str, Any]) -> str:
    """An interaction's body: the form field ``payload`` holding the JSON."""
    return urlencode({"payload": json.dumps(payload)})


def event_body(envelope: dict[str, Any]) -> str:
    """An Events API body: the JSON envelope itself."""
    return json.dumps(envelope)


# -- slash commands -----------------------------------------------------------------------------------------------


def slash_command(
    text: str = "",
    *,
    api: SlackApi | None = None,
    command: str = "/specimen",
    channel_id: str = CHANNEL_ID,
    channel_name: str = CHANNEL_NAME,
    user_id: str = USER_ID,
    user_name: str = USER_NAME,
    **overrides: str,
) -> dict[str, str]:
    """The form fields of a slash command (all strings, as Slack sends them)."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": _response_url(api, channel_id),
        "trigger_id": _trigger(api),
    }
    fields.update(overrides)
    return fields


# -- interactions -------------------------------------------------------------------------------------------------


def unfurl(url: str, title: str | None, service: str | None = None, **extra: Any) -> dict[str, Any]:
    """A classic link unfurl attachment as Slack adds it to the message."""
    attachment: dict[str, Any] = {
        "id": 1,
        "from_url": url,
        "original_url": url,
        "fallback": f"{service}: {title}" if service and title else (title or url),
        "text": "About the role: you will train models and attend meetings about training models.",
        "service_icon": "https://example.com/favicon.ico",
        "thumb_url": "https://example.com/thumb.png",
        "thumb_width": 200,
        "thumb_height": 200,
        **extra,
    }
    if title is not None:
        attachment["title"] = title
        attachment["title_link"] = url
    if service is not None:
        attachment["service_name"] = service
    return attachment


def bot_message(
    text: str = "card", blocks: list[dict[str, Any]] | None = None, ts: str | None = None
) -> dict[str, Any]:
    """A message the app posted, as it appears inside interaction payloads."""
    return {
        "type": "message",
        "subtype": "bot_message",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "app_id": APP_ID,
        "team": TEAM_ID,
        "text": text,
        "blocks": blocks or [],
        "ts": ts or _ts(),
    }


def block_actions(
    action_id: str,
    *,
    value: str = "",
    block_id: str = "actions",
    api: SlackApi | None = None,
    channel_id: str = CHANNEL_ID,
    user_id: str = USER_ID,
    message: dict[str, Any] | None = None,
    is_ephemeral: bool = False,
    button_text: str = "Button",
    **overrides: Any,
) -> dict[str, Any]:
    """A button click on a message. Slack leaves ``message`` out when the message was ephemeral."""
    if message is None and not is_ephemeral:
        message = bot_message()
    message_ts = message["ts"] if message else _ts()
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": user(user_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": is_ephemeral,
        },
        "trigger_id": _trigger(api),
        "team": team(),
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": CHANNEL_NAME if channel_id == CHANNEL_ID else channel_id.lower()},
        "state": {"values": {}},
        "response_url": _response_url(api, channel_id),
        "actions": [
            {
                "action_id": action_id,
                "block_id": block_id,
                "text": {"type": "plain_text", "text": button_text, "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": _ts(),
            }
        ],
    }
    if message is not None:
        payload["message"] = message
    payload.update(overrides)
    return payload


def message_action(
    callback_id: str,
    *,
    message: dict[str, Any] | None = None,
    message_text: str = "",
    api: SlackApi | None = None,
    channel_id: str = CHANNEL_ID,
    user_id: str = USER_ID,
    **overrides: Any,
) -> dict[str, Any]:
    """A message shortcut on ``message`` (or on a plain user message with ``message_text``)."""
    if message is None:
        message = {"type": "message", "user": user_id, "text": message_text, "ts": _ts(), "team": TEAM_ID}
    payload: dict[str, Any] = {
        "type": "message_action",
        "token": VERIFICATION_TOKEN,
        "action_ts": _ts(),
        "team": team(),
        "user": user(user_id),
        "channel": {"id": channel_id, "name": CHANNEL_NAME if channel_id == CHANNEL_ID else channel_id.lower()},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": _trigger(api),
        "response_url": _response_url(api, channel_id),
        "message_ts": message["ts"],
        "message": message,
    }
    payload.update(overrides)
    return payload


def global_shortcut(
    callback_id: str, *, api: SlackApi | None = None, user_id: str = USER_ID, **overrides: Any
) -> dict[str, Any]:
    """A global shortcut: no channel and no response_url."""
    payload: dict[str, Any] = {
        "type": "shortcut",
        "token": VERIFICATION_TOKEN,
        "action_ts": _ts(),
        "team": team(),
        "user": user(user_id),
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": _trigger(api),
    }
    payload.update(overrides)
    return payload


def view_submission(
    callback_id: str,
    *,
    values: dict[str, dict[str, dict[str, Any]]] | None = None,
    private_metadata: str = "",
    view_id: str | None = None,
    blocks: list[dict[str, Any]] | None = None,
    api: SlackApi | None = None,
    user_id: str = USER_ID,
    **overrides: Any,
) -> dict[str, Any]:
    """A modal submission. ``values`` is ``{block_id: {action_id: {"type": ..., "value": ...}}}``."""
    view_id = view_id or f"V{secrets.token_hex(5).upper()}"
    payload: dict[str, Any] = {
        "type": "view_submission",
        "team": team(),
        "user": user(user_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": _trigger(api),
        "view": {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": "modal",
            "blocks": blocks or [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": values or {}},
            "hash": f"{int(time.time())}.{secrets.token_hex(4)}",
            "title": {"type": "plain_text", "text": "Specimen", "emoji": True},
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": {"type": "plain_text", "text": "Submit", "emoji": True},
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": APP_ID,
            "external_id": "",
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    payload.update(overrides)
    return payload


def view_block_actions(
    view: dict[str, Any],
    action: dict[str, Any],
    *,
    api: SlackApi | None = None,
    user_id: str = USER_ID,
    **overrides: Any,
) -> dict[str, Any]:
    """A button click or a select inside a modal. Slack sends no channel, message or response_url for a view.

    ``view`` is the view as Slack holds it (the ``view`` of a ``views.open`` / ``views.update`` reply: id, hash,
    callback_id, private_metadata, state...); ``action`` comes from ``button_action`` or ``static_select_action``.
    """
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": user(user_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {"type": "view", "view_id": view["id"]},
        "trigger_id": _trigger(api),
        "team": team(),
        "enterprise": None,
        "is_enterprise_install": False,
        "view": view,
        "actions": [action],
    }
    payload.update(overrides)
    return payload


def button_action(action_id: str, value: str, *, block_id: str = "b1", text: str = "Open") -> dict[str, Any]:
    """One entry of ``actions`` for a clicked button."""
    return {
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "value": value,
        "type": "button",
        "action_ts": _ts(),
    }


def static_select_action(action_id: str, option: dict[str, Any], *, block_id: str = "b1") -> dict[str, Any]:
    """One entry of ``actions`` for a static_select: ``option`` is the chosen option object as the view had it."""
    return {
        "type": "static_select",
        "action_id": action_id,
        "block_id": block_id,
        "selected_option": option,
        "action_ts": _ts(),
    }


def external_select_action(
    action_id: str, option: dict[str, Any], *, block_id: str = "b1", placeholder: str = "Search"
) -> dict[str, Any]:
    """One entry of ``actions`` for an external_select: ``option`` is the chosen option as the options answer had it."""
    return {
        "type": "external_select",
        "action_id": action_id,
        "block_id": block_id,
        "selected_option": option,
        "placeholder": {"type": "plain_text", "text": placeholder, "emoji": True},
        "action_ts": _ts(),
    }


def message_block_suggestion(
    action_id: str, value: str, *, channel_id: str = CHANNEL_ID, user_id: str = USER_ID, block_id: str = "b1"
) -> dict[str, Any]:
    """What an external_select in an (ephemeral) message sends as the user types."""
    return {
        "type": "block_suggestion",
        "user": user(user_id),
        "container": {"type": "message", "message_ts": _ts(), "channel_id": channel_id, "is_ephemeral": True},
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "action_id": action_id,
        "block_id": block_id,
        "value": value,
        "team": team(),
        "channel": {"id": channel_id, "name": CHANNEL_NAME if channel_id == CHANNEL_ID else channel_id.lower()},
        "enterprise": None,
        "is_enterprise_install": False,
    }


def block_suggestion(
    action_id: str,
    value: str,
    *,
    view: dict[str, Any],
    block_id: str = "b1",
    user_id: str = USER_ID,
    **overrides: Any,
) -> dict[str, Any]:
    """What an external_select in a view (modal or Home tab) sends as the user types: ``value`` is the typed text.

    The app answers in the HTTP response with ``{"options": [...]}`` (at most 100) or ``{"option_groups": [...]}``.
    """
    payload: dict[str, Any] = {
        "type": "block_suggestion",
        "user": user(user_id),
        "container": {"type": "view", "view_id": view["id"]},
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "action_id": action_id,
        "block_id": block_id,
        "value": value,
        "team": team(),
        "enterprise": None,
        "is_enterprise_install": False,
        "view": view,
    }
    payload.update(overrides)
    return payload


# -- Events API ---------------------------------------------------------------------------------------------------


def event_callback(
    event: dict[str, Any], *, event_id: str | None = None, event_time: int | None = None, **overrides: Any
) -> dict[str, Any]:
    """The ``event_callback`` envelope around ``event``; ``event_id`` is fresh unless given (for retries)."""
    envelope: dict[str, Any] = {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{secrets.token_hex(5).upper()}",
        "event_time": int(time.time()) if event_time is None else event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{secrets.token_urlsafe(24)}",
    }
    envelope.update(overrides)
    if "authorizations" not in overrides and ("team_id" in overrides or "enterprise_id" in overrides):
        envelope["authorizations"][0].update(
            team_id=envelope.get("team_id"),
            enterprise_id=envelope.get("enterprise_id"),
            is_enterprise_install=bool(envelope.get("is_enterprise_install")),
        )
    return envelope


def app_uninstalled() -> dict[str, Any]:
    """The app was removed from the workspace (or org) of the envelope."""
    return {"type": "app_uninstalled", "event_ts": f"{time.time():.6f}"}


def tokens_revoked(*, bot: list[str] | None = None, oauth: list[str] | None = None) -> dict[str, Any]:
    """Tokens revoked: ``bot`` lists bot user ids, ``oauth`` user ids whose user tokens went."""
    return {
        "type": "tokens_revoked",
        "tokens": {"oauth": oauth or [], "bot": bot or []},
        "event_ts": f"{time.time():.6f}",
    }


def app_home_opened(user_id: str = USER_ID, *, tab: str = "home", view: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``app_home_opened`` event (without envelope); ``view`` is absent until the app published one."""
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user_id,
        "channel": f"D{user_id[1:]}",
        "tab": tab,
        "event_ts": _ts(),
    }
    if view is not None:
        event["view"] = view
    return event


def url_verification(challenge: str | None = None) -> dict[str, Any]:
    return {
        "token": VERIFICATION_TOKEN,
        "challenge": challenge or secrets.token_urlsafe(32),
        "type": "url_verification",
    }
