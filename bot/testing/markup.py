"""Markup safety of a finished payload: nothing in it can ping anyone or turn into a link.

``markup_problems`` flags any text object or fallback text holding a raw ``<`` (every mention, special mention and
link starts with one; a raw ``>`` is allowed, it is our own blockquote marker) or a bare ``&`` (a sign the text
skipped ``escape``), any mrkdwn object without ``verbatim: true`` (automatic parsing could turn "@here" into a
ping), and ``link_names``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

_BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")


def _text_objects(node: object, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(node, Mapping):
        if node.get("type") in ("plain_text", "mrkdwn") and isinstance(node.get("text"), str):
            yield path, node
        for key, value in node.items():
            yield from _text_objects(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _text_objects(value, f"{path}[{index}]")


def _raw_markup(text: str) -> str | None:
    if "<" in text:
        return "holds a raw <; escape it as &lt;"
    if _BARE_AMPERSAND.search(text):
        return "holds a bare &; escape it as &amp;"
    return None


def markup_problems(payload: Mapping[str, Any]) -> list[str]:
    """Every place ``payload`` could ping or link; [] when it is inert."""
    problems: list[str] = []
    if payload.get("link_names"):
        problems.append("link_names: must not be set")
    fallback = payload.get("text")
    if isinstance(fallback, str) and (reason := _raw_markup(fallback)):
        problems.append(f"text: {reason}")
    for path, obj in _text_objects(payload, ""):
        if (reason := _raw_markup(obj["text"])) is not None:
            problems.append(f"{path}.text: {reason}")
        if obj["type"] == "mrkdwn" and obj.get("verbatim") is not True:
            problems.append(f"{path}: mrkdwn without verbatim: true")
    return problems
