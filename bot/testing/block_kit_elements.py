"""Limits of interactive elements and composition objects (buttons, selects, options, confirms), for ``limits``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core.blocks.limits import ID_MAX

TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})
_SELECTS = frozenset({"static_select", "multi_static_select"})
_CHOICES = frozenset({"radio_buttons", "checkboxes"})


class ElementChecks:
    """Mixed into the checker, which provides ``add``, ``length`` and ``text``."""

    def add(self, path: str, reason: str) -> None:
        raise NotImplementedError

    def length(self, value: object, path: str, limit: int, *, required: bool = False) -> None:
        raise NotImplementedError

    def text(self, obj: object, path: str, limit: int, *, plain_only: bool = False, required: bool = True) -> None:
        raise NotImplementedError

    def element(self, element: object, path: str) -> None:
        if not isinstance(element, Mapping) or not isinstance(element.get("type"), str):
            self.add(path, "must be an element object with a type")
            return
        kind = element["type"]
        self.length(element.get("action_id"), f"{path}.action_id", ID_MAX)
        if element.get("confirm") is not None:
            self._confirm(element["confirm"], f"{path}.confirm")
        if kind == "button":
            self._button(element, path)
        elif kind == "image":
            self.length(element.get("image_url"), f"{path}.image_url", 3000, required="slack_file" not in element)
            self.length(element.get("alt_text"), f"{path}.alt_text", 2000, required=True)
        elif kind in _SELECTS:
            self.text(element.get("placeholder"), f"{path}.placeholder", 150, plain_only=True, required=False)
            self._options_or_groups(element, path)
        elif kind == "overflow":
            self._options(element.get("options"), f"{path}.options", 1, 5)
        elif kind in _CHOICES:
            self._options(element.get("options"), f"{path}.options", 1, 10)
        elif kind == "plain_text_input":
            self.text(element.get("placeholder"), f"{path}.placeholder", 150, plain_only=True, required=False)

    def _button(self, element: Mapping[str, Any], path: str) -> None:
        self.text(element.get("text"), f"{path}.text", 75, plain_only=True)
        self.length(element.get("value"), f"{path}.value", 2000)
        self.length(element.get("url"), f"{path}.url", 3000)
        self.length(element.get("accessibility_label"), f"{path}.accessibility_label", 75)
        style = element.get("style")
        if style is not None and style not in ("primary", "danger"):
            self.add(f"{path}.style", f"must be primary or danger, got {style!r}")

    def _options_or_groups(self, element: Mapping[str, Any], path: str) -> None:
        options, groups = element.get("options"), element.get("option_groups")
        if (options is None) == (groups is None):
            self.add(path, "needs exactly one of options or option_groups")
            return
        if options is not None:
            self._options(options, f"{path}.options", 1, 100)
            return
        if not isinstance(groups, list) or not 1 <= len(groups) <= 100:
            self.add(f"{path}.option_groups", "must be a list of 1 to 100 groups")
            return
        for index, group in enumerate(groups):
            where = f"{path}.option_groups[{index}]"
            if not isinstance(group, Mapping):
                self.add(where, "must be an option group object")
                continue
            self.text(group.get("label"), f"{where}.label", 75, plain_only=True)
            self._options(group.get("options"), f"{where}.options", 1, 100)

    def _options(self, options: object, path: str, minimum: int, maximum: int) -> None:
        if not isinstance(options, list) or not minimum <= len(options) <= maximum:
            self.add(path, f"must be a list of {minimum} to {maximum} options")
            return
        for index, option in enumerate(options):
            where = f"{path}[{index}]"
            if not isinstance(option, Mapping):
                self.add(where, "must be an option object")
                continue
            self.text(option.get("text"), f"{where}.text", 75)
            self.length(option.get("value"), f"{where}.value", 150, required=True)
            self.text(option.get("description"), f"{where}.description", 75, plain_only=True, required=False)

    def _confirm(self, confirm: object, path: str) -> None:
        if not isinstance(confirm, Mapping):
            self.add(path, "must be a confirm object")
            return
        self.text(confirm.get("title"), f"{path}.title", 100, plain_only=True)
        self.text(confirm.get("text"), f"{path}.text", 300)
        self.text(confirm.get("confirm"), f"{path}.confirm", 30, plain_only=True)
        self.text(confirm.get("deny"), f"{path}.deny", 30, plain_only=True)
