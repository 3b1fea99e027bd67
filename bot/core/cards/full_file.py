"""The full file: a modal with every section and every entry of a record.

Why a modal and not a longer message: a message is capped at 50 blocks and a long card spams the channel for
everyone; a modal is personal to whoever clicks "Full file", works on a shared card for every viewer (each gets their
own), and has room for 100 blocks. Within those 100 blocks the sections share ``MODAL_TEXT_BUDGET`` units: every
entry of a record up to about five times the seed's size is shown whole; a larger one (the format allows 100 entries
of 4,000 characters per list) has the ends of its longest lists summarised. The budget keeps the view under Slack's
250 kB even as slack_sdk sends it (ASCII-escaped JSON: up to 6 bytes per unit) with a few kB for the block structure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core.blocks.layout import block_need, fair_shares, pack_entries
from bot.core.blocks.limits import VIEW_BLOCKS_MAX
from bot.core.blocks.text import mrkdwn, plain
from bot.core.cards import entries as fmt
from bot.core.cards.specimen import SATIRE
from bot.core.daily.channels import is_channel_id
from bot.core.ids import ACTION_POST_TO, BLOCK_POST_TO, VIEW_FULL_FILE, VIEW_HOME_FILE
from bot.core.records.model import Specimen

MODAL_TITLE = "Specimen file"
MODAL_TEXT_BUDGET = 36_000
MODAL_BLOCKS_MAX = VIEW_BLOCKS_MAX
FULL_MAX = 2900


def not_shown(count: int) -> str:
    return f"_…and {count} more not shown: this file is too long for one view_"


def full_file_sections(specimen: Specimen) -> list[tuple[str, list[str]]]:
    """(heading, entries) of every section, in the order of the FILE RECORD page."""
    burn_heading = "*The burn ward*"
    if specimen.burn_ward_caption:
        burn_heading += f"\n_{fmt.line(specimen.burn_ward_caption, 600)}_"
    sections = [
        ("*Also known as*", [fmt.bullet(a, FULL_MAX) for a in specimen.aliases]),
        ("*Habitat*", [fmt.bullet(h, FULL_MAX) for h in specimen.habitat]),
        ("*Salary delusion*", fmt.salary_lines(specimen.salary, FULL_MAX)),
        ("*Flight risk*", fmt.risk_lines(specimen.flight_risk, FULL_MAX)),
        ("*Bullshit metrics*", [fmt.named(m, FULL_MAX) for m in specimen.metrics]),
        ("*Signature weaponry*", [fmt.named(w, FULL_MAX) for w in specimen.weaponry]),
        ("*Encounter guide*", [fmt.encounter(e, FULL_MAX) for e in specimen.encounter_guide]),
        ("*JD autopsy*", [fmt.autopsy(a, FULL_MAX) for a in specimen.jd_autopsy]),
        ("*Day in the life*", [fmt.day_entry(d, FULL_MAX) for d in specimen.day_log]),
        (burn_heading, [fmt.burn_quote(q, FULL_MAX) for q in specimen.burn_ward]),
        ("*Related specimens*", [fmt.related_line(r, FULL_MAX) for r in specimen.related]),
    ]
    return [(heading, items) for heading, items in sections if items]


def full_file_blocks(specimen: Specimen) -> list[Block]:
    intro = f"_{fmt.line(specimen.question, 1000)}_"
    if specimen.org_chart_caption:  # the page's caption of a chart the guide does not draw: kept as a line of text
        intro += f"\n_{fmt.line(specimen.org_chart_caption, 1000)}_"
    blocks: list[Block] = [HeaderBlock(text=plain(fmt.plain_line(specimen.title, 150), 150)), _section(intro)]
    sections = full_file_sections(specimen)
    shares = fair_shares([block_need(h, e) for h, e in sections], MODAL_TEXT_BUDGET)
    for (heading, items), share in zip(sections, shares, strict=True):
        blocks.append(DividerBlock())
        blocks += [_section(text) for text in pack_entries(heading, items, share, not_shown)]
    footer = ContextBlock(elements=[plain(SATIRE)])
    if len(blocks) >= MODAL_BLOCKS_MAX:  # unreachable by the packing bound; kept so the view can never be refused
        blocks = [*blocks[: MODAL_BLOCKS_MAX - 2], _section("_…the rest of this file is too long for one view_")]
    return [*blocks, footer]


def full_file_view(specimen: Specimen) -> View:
    """The modal for ``views.open``; private_metadata carries the slug."""
    return View(
        type="modal",
        callback_id=VIEW_FULL_FILE,
        title=plain(MODAL_TITLE, 24),
        close=plain("Close", 24),
        blocks=full_file_blocks(specimen),
        private_metadata=specimen.slug,
    )


def home_file_view(specimen: Specimen) -> View:
    """The full file as the Home tab's search opens it, with "Share it in" a channel (the app posts it there, so it
    must be a member) so that a find on the Home tab is no dead end; private_metadata carries the slug."""
    picker = ConversationSelectElement(
        action_id=ACTION_POST_TO,
        placeholder=plain("Pick a channel", 150),
        filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
    )
    share = InputBlock(block_id=BLOCK_POST_TO, label=plain("Share it in", 100), element=picker)
    blocks = full_file_blocks(specimen)[: MODAL_BLOCKS_MAX - 1]
    return View(
        type="modal",
        callback_id=VIEW_HOME_FILE,
        title=plain(MODAL_TITLE, 24),
        close=plain("Close", 24),
        submit=plain("Share", 24),
        blocks=[*blocks, share],
        private_metadata=specimen.slug,
    )


def notice_modal(text: str) -> View:
    """A short notice in the file's modal (``text`` is mrkdwn the app wrote; channel links render as names)."""
    return View(
        type="modal", title=plain(MODAL_TITLE, 24), close=plain("Close", 24), blocks=[SectionBlock(text=mrkdwn(text))]
    )


def picked_channel(view: Mapping[str, Any]) -> str | None:
    """The channel picked in a submitted Home file view, when it is shaped like a channel id."""
    values = (view.get("state") or {}).get("values") or {}
    field = ((values.get(BLOCK_POST_TO) or {}) if isinstance(values, Mapping) else {}).get(ACTION_POST_TO) or {}
    channel = field.get("selected_conversation") if isinstance(field, Mapping) else None
    return channel if isinstance(channel, str) and is_channel_id(channel) else None


def full_file_payload(specimen: Specimen) -> dict[str, Any]:
    """The view as a dict (``client.views_open(trigger_id=..., view=payload)``)."""
    return full_file_view(specimen).to_dict()


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=mrkdwn(text))
