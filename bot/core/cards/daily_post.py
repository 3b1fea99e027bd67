"""The daily post itself (built by the card builders) and the message metadata that identifies it in history.

The metadata lets a clock that restarted mid-send find out whether Slack already has the post: it reads the
channel's recent history (``conversations.history`` with ``include_all_metadata``) and looks for this event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.metadata import Metadata

from bot.core.cards.snippets import daily_snippet
from bot.core.daily.rotation import RotationItem
from bot.core.daily.schedule import Kind
from bot.core.records.model import Catalog

EVENT_TYPE = "specimen_daily"


@dataclass(frozen=True, slots=True)
class DailyPost:
    """chat.postMessage arguments: escaped fallback ``text`` and ``blocks`` (dicts from the builders)."""

    text: str
    blocks: list[dict[str, Any]]


def daily_post(catalog: Catalog, item: RotationItem, kind: Kind) -> DailyPost | None:
    """The post for a rotation entry; None when its record left the catalog since it was picked."""
    specimen = catalog.by_slug(item.slug)
    if specimen is None:
        return None
    payload = daily_snippet(specimen, "quote" if kind is Kind.QUOTES else "day", item.index)
    return DailyPost(text=payload["text"], blocks=payload["blocks"])


def daily_metadata(channel_id: str, local_date: date) -> Metadata:
    return Metadata(event_type=EVENT_TYPE, event_payload={"channel": channel_id, "local_date": local_date.isoformat()})


def is_daily_post(message: Mapping[str, Any], channel_id: str, local_date: date) -> bool:
    """Whether a ``conversations.history`` message is this channel's daily post for ``local_date``."""
    metadata = message.get("metadata")
    if not isinstance(metadata, Mapping) or metadata.get("event_type") != EVENT_TYPE:
        return False
    payload = metadata.get("event_payload")
    return (
        isinstance(payload, Mapping)
        and payload.get("channel") == channel_id
        and payload.get("local_date") == local_date.isoformat()
    )
