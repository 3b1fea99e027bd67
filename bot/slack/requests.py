"""Typed views of the parts of Slack's request payloads that the listeners act on.

Payloads come from Slack clients: every field is read defensively (a missing or mistyped field becomes ``None`` or an
empty string), so work functions take one typed value instead of fishing in nested dictionaries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def text_of(value: object) -> str | None:
    """A payload field that should be text: the text, or None when it is missing, empty or not text."""
    return value if isinstance(value, str) and value else None


def mapping_of(value: object) -> Mapping[str, Any]:
    """A payload field that should be an object: the object, or an empty one."""
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
        user = mapping_of(body.get("user"))
        container = mapping_of(body.get("container"))
        return cls(
            action_id=text_of(action.get("action_id")),
            value=text_of(action.get("value")) or text_of(mapping_of(action.get("selected_option")).get("value")),
            user_id=text_of(user.get("id")),
            user_name=text_of(user.get("name")) or text_of(user.get("username")),
            team_id=text_of(mapping_of(body.get("team")).get("id")) or text_of(user.get("team_id")),
            channel_id=text_of(mapping_of(body.get("channel")).get("id")) or text_of(container.get("channel_id")),
            trigger_id=text_of(body.get("trigger_id")),
            response_url=text_of(body.get("response_url")),
            in_ephemeral=bool(container.get("is_ephemeral")),
            message_ts=text_of(container.get("message_ts")),
            enterprise_id=text_of(mapping_of(body.get("enterprise")).get("id")) or text_of(body.get("enterprise_id")),
        )
