"""Block Kit checks the Web API stand-in applies, with Slack-style error strings.

Limits follow SLACK-FACTS.md §1 (docs.slack.dev Block Kit reference). Error text imitates what Slack puts in
``errors`` / ``response_metadata.messages``: ``"must be less than 151 characters [json-pointer:/blocks/0/text/text]"``.
Only rules that can be checked from the JSON alone are here; anything else is accepted. Its numbers are written out
here on purpose, apart from ``bot.core.blocks.limits``: the stand-in plays Slack, an independent witness of the app.
"""

from __future__ import annotations

import json
from typing import Any

MESSAGE_MAX_BLOCKS = 50
VIEW_MAX_BLOCKS = 100
VIEW_MAX_BYTES = 250_000
MARKDOWN_TOTAL_MAX = 12_000

BLOCK_TYPES = frozenset(
    {
        "actions", "alert", "call", "card", "carousel", "container", "context", "context_actions", "divider",
        "file", "header", "image", "input", "markdown", "plan", "rich_text", "section", "table", "task_card", "video",
    }
)  # fmt: skip
SELECT_WITH_OPTIONS = frozenset({"static_select", "multi_static_select"})
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})


class BlockChecker:
    """Collects every problem in one payload (Slack reports them all, not just the first)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self._markdown_total = 0

    def fail(self, message: str, pointer: str) -> None:
        self.errors.append(f"{message} [json-pointer:{pointer}]")

    def max_len(self, value: Any, limit: int, pointer: str) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.fail(f"must be less than {limit + 1} characters", pointer)

    def text(self, obj: Any, pointer: str, limit: int = 3000, *, plain_only: bool = False) -> None:
        if not isinstance(obj, dict):
            self.fail("must be an object", pointer)
            return
        kind = obj.get("type")
        allowed = {"plain_text"} if plain_only else TEXT_TYPES
        if kind not in allowed:
            self.fail(f"must be one of: {', '.join(sorted(allowed))}", f"{pointer}/type")
            return
        value = obj.get("text")
        if not isinstance(value, str):
            self.fail("must provide a string", f"{pointer}/text")
            return
        if not value:
            self.fail("must be more than 0 characters", f"{pointer}/text")
        self.max_len(value, limit, f"{pointer}/text")
        if kind == "mrkdwn" and "emoji" in obj:
            self.fail("field not allowed for mrkdwn", f"{pointer}/emoji")
        if kind == "plain_text" and "verbatim" in obj:
            self.fail("field not allowed for plain_text", f"{pointer}/verbatim")

    def items(self, value: Any, pointer: str, *, low: int, high: int) -> list[Any]:
        if not isinstance(value, list):
            self.fail("must be an array", pointer)
            return []
        if len(value) < low:
            self.fail(f"must have at least {low} item{'s' if low != 1 else ''}", pointer)
        if len(value) > high:
            self.fail(f"no more than {high} items allowed", pointer)
        return value

    # -- blocks -------------------------------------------------------------------------------------------------

    def blocks(self, blocks: Any, pointer: str, *, limit: int) -> None:
        seen_ids: set[str] = set()
        for i, block in enumerate(self.items(blocks, pointer, low=0, high=limit)):
            self.block(block, f"{pointer}/{i}", seen_ids)
        if self._markdown_total > MARKDOWN_TOTAL_MAX:
            self.fail(f"markdown blocks must total less than {MARKDOWN_TOTAL_MAX + 1} characters", pointer)

    def block(self, block: Any, pointer: str, seen_ids: set[str]) -> None:
        if not isinstance(block, dict):
            self.fail("must be an object", pointer)
            return
        kind = block.get("type")
        if kind not in BLOCK_TYPES:
            self.fail("failed to match all allowed schemas", f"{pointer}/type")
            return
        block_id = block.get("block_id")
        if block_id is not None:
            self.max_len(block_id, 255, f"{pointer}/block_id")
            if block_id in seen_ids:
                self.fail("duplicate block_id", f"{pointer}/block_id")
            seen_ids.add(block_id)
        check = getattr(self, f"_{kind}", None)
        if check is not None:
            check(block, pointer)

    def _section(self, block: dict[str, Any], pointer: str) -> None:
        if "text" not in block and "fields" not in block:
            self.fail("must provide either text or fields", pointer)
        if "text" in block:
            self.text(block["text"], f"{pointer}/text", 3000)
        if "fields" in block:
            for i, field in enumerate(self.items(block["fields"], f"{pointer}/fields", low=1, high=10)):
                self.text(field, f"{pointer}/fields/{i}", 2000)
        if "accessory" in block:
            self.element(block["accessory"], f"{pointer}/accessory", set())

    def _header(self, block: dict[str, Any], pointer: str) -> None:
        self.text(block.get("text"), f"{pointer}/text", 150, plain_only=True)

    def _context(self, block: dict[str, Any], pointer: str) -> None:
        for i, element in enumerate(self.items(block.get("elements"), f"{pointer}/elements", low=1, high=10)):
            if isinstance(element, dict) and element.get("type") == "image":
                self._image_fields(element, f"{pointer}/elements/{i}")
            else:
                self.text(element, f"{pointer}/elements/{i}")

    def _actions(self, block: dict[str, Any], pointer: str) -> None:
        action_ids: set[str] = set()
        for i, element in enumerate(self.items(block.get("elements"), f"{pointer}/elements", low=1, high=25)):
            self.element(element, f"{pointer}/elements/{i}", action_ids)

    def _image(self, block: dict[str, Any], pointer: str) -> None:
        self._image_fields(block, pointer)
        if "title" in block:
            self.text(block["title"], f"{pointer}/title", 2000, plain_only=True)

    def _image_fields(self, obj: dict[str, Any], pointer: str) -> None:
        if "image_url" not in obj and "slack_file" not in obj:
            self.fail("must provide image_url or slack_file", pointer)
        self.max_len(obj.get("image_url"), 3000, f"{pointer}/image_url")
        alt = obj.get("alt_text")
        if not isinstance(alt, str) or not alt:
            self.fail("must be more than 0 characters", f"{pointer}/alt_text")
        self.max_len(alt, 2000, f"{pointer}/alt_text")

    def _input(self, block: dict[str, Any], pointer: str) -> None:
        self.text(block.get("label"), f"{pointer}/label", 2000, plain_only=True)
        if "hint" in block:
            self.text(block["hint"], f"{pointer}/hint", 2000, plain_only=True)
        if "element" not in block:
            self.fail("must provide element", pointer)
        else:
            self.element(block["element"], f"{pointer}/element", set())

    def _markdown(self, block: dict[str, Any], pointer: str) -> None:
        value = block.get("text")
        if not isinstance(value, str) or not value:
            self.fail("must be more than 0 characters", f"{pointer}/text")
            return
        self._markdown_total += len(value)

    # -- elements and options -----------------------------------------------------------------------------------

    def element(self, element: Any, pointer: str, action_ids: set[str]) -> None:
        if not isinstance(element, dict) or not isinstance(element.get("type"), str):
            self.fail("failed to match all allowed schemas", pointer)
            return
        kind = element["type"]
        action_id = element.get("action_id")
        if action_id is not None:
            self.max_len(action_id, 255, f"{pointer}/action_id")
            if action_id in action_ids:
                self.fail("duplicate action_id", f"{pointer}/action_id")
            action_ids.add(action_id)
        if "placeholder" in element:
            self.text(element["placeholder"], f"{pointer}/placeholder", 150, plain_only=True)
        if "confirm" in element:
            self.confirm(element["confirm"], f"{pointer}/confirm")
        if kind == "button":
            self.text(element.get("text"), f"{pointer}/text", 75, plain_only=True)
            self.max_len(element.get("value"), 2000, f"{pointer}/value")
            self.max_len(element.get("url"), 3000, f"{pointer}/url")
            if "style" in element and element["style"] not in ("primary", "danger"):
                self.fail("must be one of: danger, primary", f"{pointer}/style")
        elif kind == "image":
            self._image_fields(element, pointer)
        elif kind == "overflow":
            self.options(element.get("options"), f"{pointer}/options", low=1, high=5)
        elif kind in ("checkboxes", "radio_buttons"):
            self.options(element.get("options"), f"{pointer}/options", low=1, high=10, mrkdwn_ok=True)
        elif kind in SELECT_WITH_OPTIONS:
            has_options, has_groups = "options" in element, "option_groups" in element
            if has_options == has_groups:
                self.fail("must provide exactly one of options or option_groups", pointer)
            if has_options:
                self.options(element["options"], f"{pointer}/options", low=1, high=100)
            if has_groups:
                groups = self.items(element["option_groups"], f"{pointer}/option_groups", low=1, high=100)
                for i, group in enumerate(groups):
                    group_ptr = f"{pointer}/option_groups/{i}"
                    if isinstance(group, dict):
                        self.text(group.get("label"), f"{group_ptr}/label", 75, plain_only=True)
                        self.options(group.get("options"), f"{group_ptr}/options", low=1, high=100)

    def options(self, options: Any, pointer: str, *, low: int, high: int, mrkdwn_ok: bool = False) -> None:
        for i, option in enumerate(self.items(options, pointer, low=low, high=high)):
            option_ptr = f"{pointer}/{i}"
            if not isinstance(option, dict):
                self.fail("must be an object", option_ptr)
                continue
            self.text(option.get("text"), f"{option_ptr}/text", 75, plain_only=not mrkdwn_ok)
            value = option.get("value")
            if value is not None:
                self.max_len(value, 150, f"{option_ptr}/value")
            if "description" in option:
                self.text(option["description"], f"{option_ptr}/description", 75, plain_only=not mrkdwn_ok)

    def confirm(self, confirm: Any, pointer: str) -> None:
        if not isinstance(confirm, dict):
            self.fail("must be an object", pointer)
            return
        self.text(confirm.get("title"), f"{pointer}/title", 100, plain_only=True)
        self.text(confirm.get("text"), f"{pointer}/text", 300)
        self.text(confirm.get("confirm"), f"{pointer}/confirm", 30, plain_only=True)
        self.text(confirm.get("deny"), f"{pointer}/deny", 30, plain_only=True)


def message_block_errors(blocks: Any) -> list[str]:
    """Problems in a message's ``blocks`` (chat.* methods and response_url posts)."""
    checker = BlockChecker()
    checker.blocks(blocks, "/blocks", limit=MESSAGE_MAX_BLOCKS)
    return checker.errors


def view_errors(view: Any, *, expected_type: str | None = None) -> list[str]:
    """Problems in a modal or Home tab view (views.open / update / push / publish)."""
    checker = BlockChecker()
    if not isinstance(view, dict):
        checker.fail("must be an object", "/view")
        return checker.errors
    kind = view.get("type")
    if kind not in ("modal", "home") or (expected_type is not None and kind != expected_type):
        checker.fail(f"must be {expected_type or 'modal or home'}", "/view/type")
        return checker.errors
    if len(json.dumps(view)) > VIEW_MAX_BYTES:
        checker.fail("view_too_large", "/view")
    if kind == "modal":
        checker.text(view.get("title"), "/view/title", 24, plain_only=True)
    for name in ("submit", "close"):
        if name in view and view[name] is not None:
            if kind == "home":
                checker.fail("field not allowed for home views", f"/view/{name}")
            else:
                checker.text(view[name], f"/view/{name}", 24, plain_only=True)
    checker.blocks(view.get("blocks"), "/view/blocks", limit=VIEW_MAX_BLOCKS)
    blocks = view.get("blocks") if isinstance(view.get("blocks"), list) else []
    has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
    if kind == "modal" and has_input and not view.get("submit"):
        checker.fail("must provide submit when the view has input blocks", "/view/submit")
    checker.max_len(view.get("private_metadata"), 3000, "/view/private_metadata")
    checker.max_len(view.get("callback_id"), 255, "/view/callback_id")
    checker.max_len(view.get("external_id"), 255, "/view/external_id")
    return checker.errors
