"""Previews of one burn-ward quote or one day-log entry (the /giphy pattern: Send / Shuffle / Cancel), and the posts.

Send reuses ACTION_SHARE: the button value's ``kind`` ("quote" or "day") says what to post, so one listener serves
cards and snippets alike. Posted snippets keep a Full file button so every viewer can read the rest of the record.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block, ContextBlock, SectionBlock

from bot.core.blocks.state import CardState, Kind
from bot.core.blocks.text import clamp, mrkdwn, plain, with_article
from bot.core.cards import entries as fmt
from bot.core.cards.controls import ResponseType, message_payload, preview_controls, shared_controls
from bot.core.cards.pick import wrap_index
from bot.core.ids import COMMAND
from bot.core.records.model import Specimen

SNIPPET_MAX = 2500


def quote_preview(specimen: Specimen, quote_index: int) -> dict[str, Any]:
    return _snippet(specimen, "quote", quote_index, None, preview=True)


def day_preview(specimen: Specimen, day_index: int) -> dict[str, Any]:
    return _snippet(specimen, "day", day_index, None, preview=True)


def shared_quote(
    specimen: Specimen, quote_index: int, shared_by: str | None, sharer_id: str | None = None
) -> dict[str, Any]:
    """The in-channel quote; ``shared_by`` is a display name shown as plain text (None: no byline, e.g. daily posts);
    ``sharer_id`` may remove it."""
    return _snippet(specimen, "quote", quote_index, shared_by, preview=False, sharer_id=sharer_id)


def shared_day(
    specimen: Specimen, day_index: int, shared_by: str | None, sharer_id: str | None = None
) -> dict[str, Any]:
    return _snippet(specimen, "day", day_index, shared_by, preview=False, sharer_id=sharer_id)


def daily_snippet(specimen: Specimen, kind: Kind, index: int) -> dict[str, Any]:
    """A channel's daily post: the entry, and a line that says what it is and how to stop it."""
    return _snippet(specimen, kind, index, None, preview=False, daily=True)


def _snippet(
    specimen: Specimen,
    kind: Kind,
    index: int,
    shared_by: str | None,
    *,
    preview: bool,
    sharer_id: str | None = None,
    daily: bool = False,
) -> dict[str, Any]:
    title = fmt.line(specimen.title, 150)
    if kind == "quote":
        items: tuple[Any, ...] = specimen.burn_ward
        label = "Burn ward"
    else:
        items = specimen.day_log
        label = "Day in the life"
    position = wrap_index(index, len(items))
    if not items:
        body = f"_{title} has no {label.lower()} entries yet._"
        fallback = body
    elif kind == "quote":
        body = fmt.burn_quote(items[position], SNIPPET_MAX)
        fallback = clamp(f"“{fmt.line(items[position].quote, 300)}” — burn ward of {title}", 500)
    else:
        body = f"*{title}*\n{fmt.day_entry(items[position], SNIPPET_MAX)}"
        fallback = clamp(f"A day in the life of {with_article(title)}: {fmt.line(items[position].title, 200)}", 500)
    about = f"{label} · {title} · satire"
    if shared_by:
        about += f" · shared by {fmt.plain_line(shared_by, 80)}"
    blocks: list[Block] = [SectionBlock(text=mrkdwn(body)), ContextBlock(elements=[plain(about)])]
    if daily:
        note = f"This channel's daily specimen, from the {title} file. `{COMMAND} daily off` stops it."
        blocks[1] = ContextBlock(elements=[mrkdwn(f"{note} Satire, not a verdict on anyone.")])
    response_type: ResponseType
    if preview:
        quote, day = (position, 0) if kind == "quote" else (0, position)
        state = CardState(kind, specimen.slug, quote, day)
        blocks.append(preview_controls(state, "Send", full_file=False, shuffle=len(items) > 1))
        response_type = "ephemeral"
    else:
        blocks.append(shared_controls(specimen.slug, sharer_id))
        response_type = "in_channel"
    return message_payload(fallback, blocks, response_type)
