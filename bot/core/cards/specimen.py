"""The specimen card: every section of a record at a glance, one quote and one day-log entry, within Slack's limits.

Pure builders over ``slack_sdk.models``: the caller passes which quote and day-log entry to show (see ``pick``) and
which slugs have records (related specimens with a record become buttons, the others stay text). The card's section
texts share a budget of ``CARD_TEXT_BUDGET`` units: the fixed parts take what they need, the lists split the rest
fairly, and whatever does not fit is summarised with "…and N more in the full file".
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, SectionBlock

from bot.core.blocks.layout import block_need, fair_shares, join_fitting, pack_entries
from bot.core.blocks.limits import SECTION_TEXT_MAX
from bot.core.blocks.state import CardState
from bot.core.blocks.text import button, clamp, escape, mrkdwn, one_line, plain, units
from bot.core.cards import entries as fmt
from bot.core.cards.controls import message_payload, preview_controls, shared_controls
from bot.core.cards.figures import format_money
from bot.core.cards.pick import wrap_index
from bot.core.ids import ACTION_PICK
from bot.core.records.model import RelatedSpecimen, Specimen

KnownSlugs = Collection[str] | Callable[[str], bool]

CARD_TEXT_BUDGET = 10_500
LONG_MAX = 500
RELATED_ROWS_MAX = 5
RELATED_ROW_MAX = 300
# Related roles the catalog has no record for yet: named, so nobody types them and gets "no specimen".
RELATED_UNFILED = "*Related specimens* _(not in the field guide yet)_"
SATIRE = "Satire: a field guide to job-title stereotypes, not a verdict on any real person or employer."


def in_full_file(count: int) -> str:
    return f"_…and {count} more in the full file_"


def card_fallback(specimen: Specimen) -> str:
    """The notification/accessibility text: ``Junior Machine Learning Engineer — flight risk 85% HIGH RISK``."""
    risk = specimen.flight_risk
    title = clamp(escape(one_line(specimen.title)), 150)
    return f"{title} — flight risk {risk.percent}% {clamp(escape(one_line(risk.level)), 60)}"


def card_blocks(specimen: Specimen, quote_index: int, day_index: int, known_slugs: KnownSlugs) -> list[Block]:
    """The card body (no buttons of its own besides related specimens): at most ~25 blocks."""
    is_known = known_slugs if callable(known_slugs) else known_slugs.__contains__
    linked = [i for i, r in enumerate(specimen.related) if r.slug is not None and is_known(r.slug)]
    linked = linked[:RELATED_ROWS_MAX]
    rows = [specimen.related[i] for i in linked]
    related_text = [fmt.related_line(r, LONG_MAX) for i, r in enumerate(specimen.related) if i not in linked]

    fixed = {
        "intro": _intro(specimen),
        "salary": "\n".join(["*Salary delusion*", *fmt.salary_lines(specimen.salary, LONG_MAX)]),
        "risk": "\n".join(["*Flight risk*", *fmt.risk_lines(specimen.flight_risk, LONG_MAX)]),
        "day": _picked("*Day in the life*", specimen.day_log, day_index, fmt.day_entry),
        "quote": _picked("*The burn ward*", specimen.burn_ward, quote_index, fmt.burn_quote),
    }
    row_texts = [_related_row_text(r) for r in rows]
    lists = {
        "habitat": ("*Habitat*", [fmt.bullet(h, LONG_MAX) for h in specimen.habitat]),
        "metrics": ("*Bullshit metrics*", [fmt.named(m, LONG_MAX) for m in specimen.metrics]),
        "weaponry": ("*Signature weaponry*", [fmt.named(w, LONG_MAX) for w in specimen.weaponry]),
        "encounter": ("*Encounter guide*", [fmt.encounter(e, LONG_MAX) for e in specimen.encounter_guide]),
        "autopsy": ("*JD autopsy*", [fmt.autopsy(a, LONG_MAX) for a in specimen.jd_autopsy]),
        "related": (RELATED_UNFILED if related_text and not rows else "*Related specimens*", related_text),
    }
    spent = sum(units(t) for t in fixed.values()) + sum(units(t) for t in row_texts)
    needs = [min(SECTION_TEXT_MAX, block_need(h, e)) for h, e in lists.values()]
    shares = fair_shares(needs, CARD_TEXT_BUDGET - spent)
    packed = {
        key: pack_entries(heading, items, share, in_full_file, max_chunks=1)[0]
        for (key, (heading, items)), share in zip(lists.items(), shares, strict=True)
    }

    blocks: list[Block] = [HeaderBlock(text=plain(fmt.plain_line(specimen.title, 150), 150)), _section(fixed["intro"])]
    blocks += [_section(packed["habitat"])] if lists["habitat"][1] else []
    blocks += [DividerBlock(), _section(fixed["salary"]), _section(fixed["risk"]), DividerBlock()]
    blocks += [_section(packed[key]) for key in ("metrics", "weaponry", "encounter", "autopsy") if lists[key][1]]
    blocks.append(DividerBlock())
    blocks += [_section(fixed[key]) for key in ("day", "quote") if fixed[key]]
    if specimen.related:
        blocks += [DividerBlock(), _section(packed["related"] if related_text else "*Related specimens*")]
        blocks += [_related_row(r, text) for r, text in zip(rows, row_texts, strict=True)]
    blocks.append(ContextBlock(elements=[plain(SATIRE)]))
    return blocks


def card_preview(specimen: Specimen, quote_index: int, day_index: int, known_slugs: KnownSlugs) -> dict[str, Any]:
    """The ephemeral card with Share / Shuffle / Cancel / Full file."""
    state = CardState("card", specimen.slug, *_indexes(specimen, quote_index, day_index))
    blocks = card_blocks(specimen, quote_index, day_index, known_slugs)
    can_shuffle = len(specimen.burn_ward) > 1 or len(specimen.day_log) > 1
    blocks.append(preview_controls(state, "Share", full_file=True, shuffle=can_shuffle))
    return message_payload(card_fallback(specimen), blocks, "ephemeral")


SHARED_QUESTION_MAX = 200
SHARED_ENTRY_MAX = 600
SHARED_BLOCKS_MAX = 12
SHARED_TEXT_MAX = 2500


def shared_card(
    specimen: Specimen, quote_index: int, day_index: int, shared_by: str | None, sharer_id: str | None = None
) -> dict[str, Any]:
    """The in-channel card: about one screen (≤ 12 blocks, ≤ 2,500 characters): the title, the question, the
    flight-risk meter and salary, one quote and one day-log entry, who shared it (plain text, never a mention) and
    the satire note; Full file holds everything else, and the sharer's ⋯ menu can remove the post."""
    quote = _picked("*The burn ward*", specimen.burn_ward, quote_index, _short(fmt.burn_quote))
    day = _picked("*Day in the life*", specimen.day_log, day_index, _short(fmt.day_entry))
    risk = specimen.flight_risk
    money = fmt.line(format_money(specimen.salary.amount, specimen.salary.currency), 40)
    figures = f"{fmt.risk_headline(risk)} flight risk · *{money}* market average"
    blocks: list[Block] = [
        HeaderBlock(text=plain(fmt.plain_line(specimen.title, 150), 150)),
        _section(f"_{fmt.line(specimen.question, SHARED_QUESTION_MAX)}_\n{figures}"),
    ]
    blocks += [_section(text) for text in (quote, day) if text]
    about = f"Shared by {fmt.plain_line(shared_by, 80)} · {SATIRE}" if shared_by else SATIRE
    blocks.append(ContextBlock(elements=[plain(about)]))
    blocks.append(shared_controls(specimen.slug, sharer_id))
    return message_payload(card_fallback(specimen), blocks, "in_channel")


def _short(render: Callable[[Any, int], str]) -> Callable[[Any, int], str]:
    return lambda item, _limit: render(item, SHARED_ENTRY_MAX)


def _indexes(specimen: Specimen, quote_index: int, day_index: int) -> tuple[int, int]:
    return wrap_index(quote_index, len(specimen.burn_ward)), wrap_index(day_index, len(specimen.day_log))


def _intro(specimen: Specimen) -> str:
    text = f"_{fmt.line(specimen.question, 300)}_"
    if specimen.aliases:
        names = [fmt.line(a, 150) for a in specimen.aliases]
        text += "\n*Also known as:* " + join_fitting(names, " · ", 600, lambda n: f"_(+{n} more in the full file)_")
    return text


def _picked(heading: str, items: tuple[Any, ...], index: int, render: Callable[[Any, int], str]) -> str:
    if not items:
        return ""
    position = wrap_index(index, len(items))
    return f"{heading}\n{render(items[position], LONG_MAX)}"


def _related_row_text(related: RelatedSpecimen) -> str:
    title = fmt.line(related.title, fmt.NAME_MAX)
    return clamp(f"*{title}* · {related.match_percent}% match\n{fmt.line(related.description, RELATED_ROW_MAX)}", 500)


def _related_row(related: RelatedSpecimen, text: str) -> SectionBlock:
    assert related.slug is not None
    return SectionBlock(text=mrkdwn(text), accessory=button("Open", ACTION_PICK, related.slug))


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=mrkdwn(text))
