"""Every Block Kit limit checked on a finished payload, including those ``to_dict()`` does not check.

``block_kit_problems(payload, surface)`` returns readable problems (empty when the payload is fine), located by a
JSON-pointer-like path. Limits are Slack's (see SLACK-FACTS.md §1) except ``MESSAGE_TEXT_MAX``, our own ceiling: Slack
documents no total for section text but refuses long messages with ``msg_blocks_too_long`` (seen near 13,000
characters of markdown), so a message's text objects together stay under 12,000 units. Lengths are UTF-16 units.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from bot.core.blocks.limits import (
    ID_MAX,
    MARKDOWN_TOTAL_MAX,
    MESSAGE_BLOCKS_MAX,
    VIEW_BLOCKS_MAX,
    VIEW_BYTES_MAX,
)
from bot.core.blocks.limits import MESSAGE_TEXT_MAX as SLACK_MESSAGE_TEXT_MAX
from bot.core.blocks.text import units
from bot.testing.block_kit_elements import TEXT_TYPES, ElementChecks

Surface = Literal["message", "modal", "home"]

MESSAGE_TEXT_MAX = 12_000  # our own ceiling, not Slack's (see above)
FALLBACK_TEXT_MAX = SLACK_MESSAGE_TEXT_MAX
KNOWN_BLOCKS = frozenset(
    {"section", "divider", "image", "actions", "context", "input", "file", "call", "header", "markdown", "video"}
    | {"rich_text", "table", "context_actions", "alert", "card", "carousel", "container", "plan", "task_card"}
)


class _Checker(ElementChecks):
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.text_units = 0
        self.markdown_units = 0
        self.block_ids: set[str] = set()
        self.has_input = False

    def add(self, path: str, reason: str) -> None:
        self.problems.append(f"{path}: {reason}")

    def length(self, value: object, path: str, limit: int, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.add(path, "is required but missing")
            return
        if not isinstance(value, str):
            self.add(path, f"must be text, got {type(value).__name__}")
        elif not value.strip() and required:
            self.add(path, "is empty")
        elif units(value) > limit:
            self.add(path, f"is {units(value)} characters; at most {limit}")

    def text(self, obj: object, path: str, limit: int, *, plain_only: bool = False, required: bool = True) -> None:
        if obj is None:
            if required:
                self.add(path, "is required but missing")
            return
        if not isinstance(obj, Mapping) or obj.get("type") not in TEXT_TYPES:
            self.add(path, "must be a text object (plain_text or mrkdwn)")
            return
        if plain_only and obj["type"] != "plain_text":
            self.add(path, f"must be plain_text, not {obj['type']}")
        if "emoji" in obj and obj["type"] != "plain_text":
            self.add(f"{path}.emoji", "is only allowed on plain_text")
        if "verbatim" in obj and obj["type"] != "mrkdwn":
            self.add(f"{path}.verbatim", "is only allowed on mrkdwn")
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            self.add(f"{path}.text", "is empty; Slack refuses empty text")
            return
        self.text_units += units(text)
        self.length(text, f"{path}.text", limit)

    def blocks(self, blocks: object, path: str, maximum: int, minimum: int) -> None:
        if not isinstance(blocks, list):
            self.add(path, "must be a list of blocks")
            return
        if not minimum <= len(blocks) <= maximum:
            self.add(path, f"has {len(blocks)} blocks; {minimum} to {maximum} allowed here")
        for index, block in enumerate(blocks):
            self.block(block, f"{path}[{index}]")
        if self.markdown_units > MARKDOWN_TOTAL_MAX:
            self.add(path, f"markdown blocks hold {self.markdown_units} characters; at most {MARKDOWN_TOTAL_MAX}")

    def block(self, block: object, path: str) -> None:
        if not isinstance(block, Mapping):
            self.add(path, "must be a block object")
            return
        kind = block.get("type")
        if kind not in KNOWN_BLOCKS:
            self.add(f"{path}.type", f"unknown block type {kind!r}")
            return
        block_id = block.get("block_id")
        self.length(block_id, f"{path}.block_id", ID_MAX)
        if isinstance(block_id, str):
            if block_id in self.block_ids:
                self.add(f"{path}.block_id", f"{block_id!r} is used by another block; block_ids must be unique")
            self.block_ids.add(block_id)
        getattr(self, f"_{kind}", lambda b, p: None)(block, path)

    def _header(self, block: Mapping[str, Any], path: str) -> None:
        self.text(block.get("text"), f"{path}.text", 150, plain_only=True)

    def _section(self, block: Mapping[str, Any], path: str) -> None:
        fields = block.get("fields")
        self.text(block.get("text"), f"{path}.text", 3000, required=fields is None)
        if fields is not None:
            if not isinstance(fields, list) or not 1 <= len(fields) <= 10:
                self.add(f"{path}.fields", "must be a list of 1 to 10 text objects")
            else:
                for index, field in enumerate(fields):
                    self.text(field, f"{path}.fields[{index}]", 2000)
        if block.get("accessory") is not None:
            self.element(block["accessory"], f"{path}.accessory")

    def _context(self, block: Mapping[str, Any], path: str) -> None:
        elements = block.get("elements")
        if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
            self.add(f"{path}.elements", "must be a list of 1 to 10 elements")
            return
        for index, element in enumerate(elements):
            where = f"{path}.elements[{index}]"
            if isinstance(element, Mapping) and element.get("type") == "image":
                self.element(element, where)
            else:
                self.text(element, where, 3000)

    def _actions(self, block: Mapping[str, Any], path: str) -> None:
        elements = block.get("elements")
        if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
            self.add(f"{path}.elements", "must be a list of 1 to 25 elements")
            return
        seen: set[str] = set()
        for index, element in enumerate(elements):
            self.element(element, f"{path}.elements[{index}]")
            action_id = element.get("action_id") if isinstance(element, Mapping) else None
            if isinstance(action_id, str):
                if action_id in seen:
                    self.add(f"{path}.elements[{index}].action_id", f"{action_id!r} repeats within the block")
                seen.add(action_id)

    def _image(self, block: Mapping[str, Any], path: str) -> None:
        self.length(block.get("image_url"), f"{path}.image_url", 3000, required="slack_file" not in block)
        self.length(block.get("alt_text"), f"{path}.alt_text", 2000, required=True)
        self.text(block.get("title"), f"{path}.title", 2000, plain_only=True, required=False)

    def _input(self, block: Mapping[str, Any], path: str) -> None:
        self.has_input = True
        self.text(block.get("label"), f"{path}.label", 2000, plain_only=True)
        self.text(block.get("hint"), f"{path}.hint", 2000, plain_only=True, required=False)
        self.element(block.get("element"), f"{path}.element")

    def _markdown(self, block: Mapping[str, Any], path: str) -> None:
        self.length(block.get("text"), f"{path}.text", 12_000, required=True)
        if isinstance(block.get("text"), str):
            self.markdown_units += units(block["text"])
            self.text_units += units(block["text"])


def block_kit_problems(payload: Mapping[str, Any], surface: Surface = "message") -> list[str]:
    """Every way ``payload`` breaks a Block Kit limit for ``surface``; [] when Slack should accept it.

    Args:
        payload: for a message ``{"text": ..., "blocks": [...]}`` (other keys such as ``response_type`` allowed);
            for a modal or Home tab the view itself (``{"type": "modal", "title": ..., "blocks": [...]}``).
        surface: "message", "modal" or "home".
    """
    checker = _Checker()
    if not isinstance(payload, Mapping):
        return ["(payload): must be a JSON object"]
    if surface == "message":
        _message(checker, payload)
    else:
        _view(checker, payload, surface)
    return checker.problems


def _message(checker: _Checker, payload: Mapping[str, Any]) -> None:
    blocks = payload.get("blocks")
    text = payload.get("text")
    if blocks is not None:
        checker.blocks(blocks, "blocks", MESSAGE_BLOCKS_MAX, 1)
    if not isinstance(text, str) or not text.strip():
        checker.add("text", "is empty; give a fallback for notifications and screen readers")
    else:
        checker.length(text, "text", FALLBACK_TEXT_MAX)
    if payload.get("link_names"):
        checker.add("link_names", "must not be set: it turns @names into pings")
    if checker.text_units > MESSAGE_TEXT_MAX:
        checker.add("blocks", f"hold {checker.text_units} characters of text; at most {MESSAGE_TEXT_MAX} (our ceiling)")


def _view(checker: _Checker, view: Mapping[str, Any], surface: str) -> None:
    if view.get("type") != surface:
        checker.add("type", f"must be {surface!r}, got {view.get('type')!r}")
    checker.blocks(view.get("blocks"), "blocks", VIEW_BLOCKS_MAX, 1 if surface == "modal" else 0)
    checker.length(view.get("callback_id"), "callback_id", ID_MAX)
    checker.length(view.get("external_id"), "external_id", ID_MAX)
    checker.length(view.get("private_metadata"), "private_metadata", 3000)
    if surface == "modal":
        checker.text(view.get("title"), "title", 24, plain_only=True)
        checker.text(view.get("close"), "close", 24, plain_only=True, required=False)
        checker.text(view.get("submit"), "submit", 24, plain_only=True, required=checker.has_input)
    else:
        for key in ("submit", "close"):
            if key in view:
                checker.add(key, "is not allowed on a Home tab")
    # Measured as slack_sdk sends it (json.dumps: ASCII-escaped), the larger of the two plausible measures.
    size = len(json.dumps(view, separators=(",", ":")))
    if size > VIEW_BYTES_MAX:
        checker.add("(view)", f"is {size:,} bytes of JSON; at most {VIEW_BYTES_MAX:,}")
