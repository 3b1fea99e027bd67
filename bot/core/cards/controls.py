"""The buttons of previews and shared posts, and the message payload shape handed to Bolt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from bot.core.blocks.state import CardState, encode_state
from bot.core.blocks.text import button
from bot.core.ids import ACTION_CANCEL, ACTION_FULL_FILE, ACTION_SHARE, ACTION_SHUFFLE

ResponseType = Literal["ephemeral", "in_channel"]


def full_file_button(slug: str) -> ButtonElement:
    return button("Full file", ACTION_FULL_FILE, slug)


def preview_controls(state: CardState, send_label: str, *, full_file: bool) -> ActionsBlock:
    """Send-or-Share (primary) / Shuffle / Cancel, each carrying the whole state, plus Full file when asked.

    Share and Send are one action (ACTION_SHARE); the ``kind`` in the value tells card, quote and day apart.
    """
    value = encode_state(state)
    elements = [
        button(send_label, ACTION_SHARE, value, style="primary"),
        button("Shuffle", ACTION_SHUFFLE, value),
        button("Cancel", ACTION_CANCEL, value),
    ]
    if full_file:
        elements.append(full_file_button(state.slug))
    return ActionsBlock(elements=elements)


def message_payload(text: str, blocks: Sequence[Block], response_type: ResponseType) -> dict[str, Any]:
    """``{"response_type", "text", "blocks"}``: ready for ``ack(**payload)`` or ``respond(**payload)``.

    ``text`` is the escaped notification/accessibility fallback. No ``link_names``, ever.
    """
    return {"response_type": response_type, "text": text, "blocks": [block.to_dict() for block in blocks]}
