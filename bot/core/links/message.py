"""Read the link-bearing parts of a Slack message payload, whatever shape (or junk) they arrive in."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from bot.core.blocks.limits import MESSAGE_BLOCKS_MAX
from bot.core.links.model import LabelledLink

MAX_BLOCKS = MESSAGE_BLOCKS_MAX
MAX_BLOCK_NODES = 2_000  # block elements examined in all, at any depth
MAX_BLOCK_DEPTH = 8
MAX_ATTACHMENTS = 20
_MAX_FIELD_CHARS = 1_000  # an unfurl title or fallback longer than this is not a title


@dataclass(frozen=True, slots=True)
class BlockParts:
    links: tuple[LabelledLink, ...]
    mrkdwn: tuple[str, ...]  # mrkdwn text objects of section/context blocks (bot messages put links there)
    truncated: bool


@dataclass(frozen=True, slots=True)
class Unfurl:
    """An attachment's URLs (`from_url`, `original_url`, `title_link`, in that order) and its title.

    The attachment's `text` is the page's description, never a title, so it is not read.
    """

    urls: tuple[str, ...]
    title: str | None
    fallback: str | None
    service: str | None


def as_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _children(node: Mapping[str, object], limit: int) -> list[object]:
    """Up to `limit` + 1 child nodes (one more than allowed tells the caller some were cut)."""
    found: list[object] = []
    for key in ("elements", "fields"):
        value = node.get(key)
        if isinstance(value, list):
            found.extend(value[: limit + 1 - len(found)])
    text = node.get("text")
    if isinstance(text, Mapping):
        found.append(text)
    return found


def read_blocks(blocks: object) -> BlockParts:
    """Every link element and mrkdwn text in `blocks`, depth-first in reading order, within the caps."""
    if not isinstance(blocks, list):
        return BlockParts((), (), False)
    links: list[LabelledLink] = []
    mrkdwn: list[str] = []
    truncated = len(blocks) > MAX_BLOCKS
    stack: list[tuple[object, int]] = [(block, 0) for block in reversed(blocks[:MAX_BLOCKS])]
    budget = MAX_BLOCK_NODES - len(stack)
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Mapping):
            continue
        kind = node.get("type")
        url, text = as_str(node.get("url")), as_str(node.get("text"))
        if kind == "link" and url:
            links.append(LabelledLink(url, text))
        elif kind == "button" and url:
            links.append(LabelledLink(url, None))
        elif kind == "mrkdwn" and text:
            mrkdwn.append(text)
        elif depth < MAX_BLOCK_DEPTH:
            children = _children(node, max(budget, 0))
            if len(children) > budget:
                truncated, children = True, children[: max(budget, 0)]
            budget -= len(children)
            stack.extend((child, depth + 1) for child in reversed(children))
    return BlockParts(tuple(links), tuple(mrkdwn), truncated)


def _field(attachment: Mapping[str, object], key: str) -> str | None:
    value = as_str(attachment.get(key))
    if value is None or len(value) > _MAX_FIELD_CHARS:
        return None
    return html.unescape(value).strip() or None


def read_attachments(attachments: object) -> tuple[tuple[Unfurl, ...], bool]:
    """The unfurls of a message (title may be None), and whether some attachments went unexamined."""
    if not isinstance(attachments, list):
        return (), False
    unfurls = []
    for attachment in attachments[:MAX_ATTACHMENTS]:
        if not isinstance(attachment, Mapping):
            continue
        urls = tuple(url for key in ("from_url", "original_url", "title_link") if (url := as_str(attachment.get(key))))
        unfurls.append(
            Unfurl(
                urls=urls,
                title=_field(attachment, "title"),
                fallback=_field(attachment, "fallback"),
                service=_field(attachment, "service_name"),
            )
        )
    return tuple(unfurls), len(attachments) > MAX_ATTACHMENTS
