"""The buttons of previews and shared posts, and the message payload shape handed to Bolt."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, Option, OverflowMenuElement

from bot.core.blocks.state import CardState, encode_state
from bot.core.blocks.text import button, plain
from bot.core.ids import ACTION_CANCEL, ACTION_FULL_FILE, ACTION_SHARE, ACTION_SHARED_MENU, ACTION_SHUFFLE, COMMAND

ResponseType = Literal["ephemeral", "in_channel"]


def full_file_button(slug: str) -> ButtonElement:
    return button("Full file", ACTION_FULL_FILE, slug)


def preview_controls(state: CardState, send_label: str, *, full_file: bool, shuffle: bool = True) -> ActionsBlock:
    """Send-or-Share (primary) / Shuffle (when there is another entry to show) / Cancel, each carrying the whole
    state, plus Full file when asked.

    Share and Send are one action (ACTION_SHARE); the ``kind`` in the value tells card, quote and day apart.
    """
    value = encode_state(state)
    elements = [button(send_label, ACTION_SHARE, value, style="primary")]
    if shuffle:
        elements.append(button("Shuffle", ACTION_SHUFFLE, value))
    elements.append(button("Cancel", ACTION_CANCEL, value))
    if full_file:
        elements.append(full_file_button(state.slug))
    return ActionsBlock(elements=elements)


REMOVE = "remove"  # the shared post's menu option; its value is "remove:<user id of who shared it>"


def shared_controls(slug: str, sharer_id: str | None, *, full_file: bool = True) -> ActionsBlock:
    """The buttons of a post shared in a channel: Full file, and a ⋯ menu whose Remove only its sharer may use."""
    elements: list[Any] = [full_file_button(slug)] if full_file else []
    if sharer_id:
        remove = Option(value=f"{REMOVE}:{sharer_id}", text=plain("Remove this post", 75))
        elements.append(OverflowMenuElement(action_id=ACTION_SHARED_MENU, options=[remove]))
    return ActionsBlock(elements=elements)


def sharer_of(value: object) -> str | None:
    """Who may remove a shared post, from its menu option's value; None for any other value."""
    if not isinstance(value, str) or not value.startswith(f"{REMOVE}:"):
        return None
    user = value.removeprefix(f"{REMOVE}:")
    return user if user.isascii() and user.isalnum() and 0 < len(user) <= 32 else None


def message_payload(text: str, blocks: Sequence[Block], response_type: ResponseType) -> dict[str, Any]:
    """``{"response_type", "text", "blocks"}``: ready for ``ack(**payload)`` or ``respond(**payload)``.

    ``text`` is the escaped notification/accessibility fallback. No ``link_names``, ever.
    """
    return {"response_type": response_type, "text": text, "blocks": [block.to_dict() for block in blocks]}


_COMMAND_WORD = re.compile(re.escape(COMMAND) + r"(?![\w-])")


def renamed(payload: Any, command: str) -> Any:
    """``payload`` with the slash command written as the workspace installed it (``/specimen-dev``): every reply
    names ``/specimen`` in its hints. A copy; cached payloads are never changed. Unchanged for ``/specimen``."""
    if command == COMMAND or not command.startswith("/"):
        return payload
    if isinstance(payload, str):
        return _COMMAND_WORD.sub(command, payload)
    if isinstance(payload, dict):
        return {key: renamed(value, command) for key, value in payload.items()}
    if isinstance(payload, list):
        return [renamed(value, command) for value in payload]
    return payload
