"""Typed views of the parts of Slack's request payloads that the listeners act on.

Payloads come from Slack clients: every field is read defensively (a missing or mistyped field becomes ``None`` or an
empty string), so work functions take one typed value instead of fishing in nested dictionaries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


@dataclass(frozen=True, slots=True)
class ButtonClick:
    """One button (or select) of a ``block_actions`` payload, with who clicked it and where."""

    action_id: str | None
    value: str | None
    user_id: str | None
    user_name: str | None
    team_id: str | None
    channel_id: str | None
    trigger_id: str | None
    response_url: str | None
    in_ephemeral: bool
    message_ts: str | None
    enterprise_id: str | None = None

    @classmethod
    def of(cls, action: Mapping[str, Any], body: Mapping[str, Any]) -> ButtonClick:
        user = _mapping(body.get("user"))
        container = _mapping(body.get("container"))
        return cls(
            action_id=_text(action.get("action_id")),
            value=_text(action.get("value")) or _text(_mapping(action.get("selected_option")).get("value")),
            user_id=_text(user.get("id")),
            user_name=_text(user.get("name")) or _text(user.get("username")),
            team_id=_text(_mapping(body.get("team")).get("id")) or _text(user.get("team_id")),
            channel_id=_text(_mapping(body.get("channel")).get("id")) or _text(container.get("channel_id")),
            trigger_id=_text(body.get("trigger_id")),
            response_url=_text(body.get("response_url")),
            in_ephemeral=bool(container.get("is_ephemeral")),
            message_ts=_text(container.get("message_ts")),
            enterprise_id=_text(_mapping(body.get("enterprise")).get("id")) or _text(body.get("enterprise_id")),
        )
