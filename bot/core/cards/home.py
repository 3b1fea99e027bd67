"""The Home tab (the field guide index) and the options of its search box, as Block Kit.

The view holds a fixed frame (about a dozen blocks) plus one section per specimen of the page, far below the 100
blocks of a Home tab even at the largest page size; each text is bounded so no section can exceed 3,000 units.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    DividerBlock,
    ExternalDataSelectElement,
    HeaderBlock,
    Option,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core.blocks.limits import HEADER_TEXT_MAX, OPTION_TEXT_MAX, OPTION_VALUE_MAX, VIEW_BLOCKS_MAX
from bot.core.blocks.text import button, esc_line, mrkdwn, plain
from bot.core.cards import entries as fmt
from bot.core.cards.controls import full_file_button
from bot.core.cards.daily import PAUSE_REASONS, channel_ref, schedule_text, when_text
from bot.core.cards.specimen import SATIRE
from bot.core.daily.model import Subscription
from bot.core.home_content import AskedTitle, DailyQuote, HomeContent, Page, encode_page, next_post
from bot.core.ids import ACTION_HOME_NEXT, ACTION_HOME_PREVIOUS, ACTION_HOME_SEARCH, VIEW_HOME
from bot.core.matching.result import Candidate
from bot.core.records.model import Specimen

HOME_BLOCKS_MAX = VIEW_BLOCKS_MAX
SEARCH_OPTIONS_MAX = 50  # Slack allows 100; a search box needs far fewer
SUBSCRIPTIONS_SHOWN = 10  # each line stays under ~250 units, so the list fits one 3,000-unit section
QUOTE_MAX = 1000
TITLE_MAX = HEADER_TEXT_MAX


def home_view(content: HomeContent) -> View:
    """The Home tab; ``private_metadata`` holds the page number, so reopening the tab keeps the page."""
    blocks: list[Block] = [
        HeaderBlock(text=plain("Specimen field guide", 150)),
        ContextBlock(elements=[mrkdwn(_intro(content.page.total))]),
        _search_block(),
        DividerBlock(),
        SectionBlock(text=mrkdwn(_quote_text(content.quote))),
        DividerBlock(),
        SectionBlock(text=mrkdwn(_daily_text(content.subscriptions, content.now))),
        SectionBlock(text=mrkdwn(_asks_text(content.asks))),
        DividerBlock(),
        *_index_blocks(content.page),
        ContextBlock(elements=[plain(SATIRE)]),
    ]
    if len(blocks) > HOME_BLOCKS_MAX:  # unreachable with PAGE_SIZE; kept so the view can never be refused
        raise ValueError(f"the Home tab has {len(blocks)} blocks; at most {HOME_BLOCKS_MAX}")
    return View(type="home", callback_id=VIEW_HOME, blocks=blocks, private_metadata=encode_page(content.page.number))


def search_options(candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
    """The search box's options (``ack(options=...)``): one per specimen, best first, within Slack's limits.

    The label is the title (75 units); when the match came through an alias, the description names it.
    """
    options: list[dict[str, Any]] = []
    seen: set[str] = set()
    for candidate in candidates:
        specimen = candidate.specimen
        if specimen.slug in seen or len(specimen.slug) > OPTION_VALUE_MAX:
            continue
        seen.add(specimen.slug)
        description = None
        if candidate.matched_name.casefold() != specimen.title.casefold():
            description = plain(esc_line(f"also “{candidate.matched_name}”", OPTION_TEXT_MAX), OPTION_TEXT_MAX)
        text = plain(esc_line(specimen.title, OPTION_TEXT_MAX), OPTION_TEXT_MAX)
        options.append(Option(value=specimen.slug, text=text, description=description).to_dict())
        if len(options) == SEARCH_OPTIONS_MAX:
            break
    return options


def _intro(total: int) -> str:
    count = f"{total:,} specimen" + ("" if total == 1 else "s")
    return f"{count} in the field guide. Type `/specimen` and a job title anywhere for a card you can share."


def _search_block() -> SectionBlock:
    select = ExternalDataSelectElement(
        action_id=ACTION_HOME_SEARCH,
        placeholder=plain("Title, alias or near miss", 150),
        min_query_length=1,
    )
    return SectionBlock(
        block_id="home_search",
        text=mrkdwn("*Find a specimen*\nType a job title; pick one to open its file."),
        accessory=select,
    )


def _quote_text(daily: DailyQuote | None) -> str:
    if daily is None:
        return "*Today's quote*\n_The field guide holds no burn-ward quotes yet._"
    title = fmt.line(daily.specimen.title, TITLE_MAX)
    return f"*Today's quote* · from the {title} file\n{fmt.burn_quote(daily.quote, QUOTE_MAX)}"


def _daily_text(subscriptions: Sequence[Subscription] | None, now: datetime) -> str:
    heading = "*Daily posts in this workspace*"
    if subscriptions is None:
        return f"{heading}\n_Daily posts need a database, and this server runs without one._"
    if not subscriptions:
        return f"{heading}\n_No channel gets a daily post yet: run `/specimen daily on` in one._"
    lines = [heading, *(_subscription_line(sub, now) for sub in subscriptions[:SUBSCRIPTIONS_SHOWN])]
    hidden = len(subscriptions) - SUBSCRIPTIONS_SHOWN
    if hidden > 0:
        lines.append(f"_…and {hidden:,} more: `/specimen daily status` in a channel shows its own._")
    return "\n".join(lines)


def _subscription_line(sub: Subscription, now: datetime) -> str:
    where = f"• {channel_ref(sub.channel_id)}: {schedule_text(sub)}"
    if sub.paused:
        reason = PAUSE_REASONS.get(sub.paused, "Slack refused the last post")
        return f"{where} — *paused*: {reason}"
    following = next_post(sub, now)
    if following is None:
        return where
    if following.due <= now:
        return f"{where} — due now"
    return f"{where} — next {when_text(following, sub.schedule.zone)}"


def _asks_text(asks: Sequence[AskedTitle] | None) -> str:
    heading = "*Asked for, not in the guide*"
    if asks is None:
        return f"{heading}\n_Counting requests needs a database, and this server runs without one._"
    if not asks:
        return f"{heading}\n_No title has been asked for by two people yet. Request one from a miss card._"
    lines = [heading]
    for ask in asks:
        people = "1 person" if ask.people == 1 else f"{ask.people:,} people"
        lines.append(f"• “{fmt.line(ask.normalized_query, 100)}” — {people}")
    return "\n".join(lines)


def _index_blocks(page: Page) -> list[Block]:
    if page.total == 0:
        return [SectionBlock(text=mrkdwn("*Specimens*\n_The field guide is empty._"))]
    heading = "*Specimens*"
    if page.count > 1:
        last = page.start + len(page.specimens)
        heading += f" {page.start + 1:,}–{last:,} of {page.total:,} · page {page.number:,} of {page.count:,}"
    blocks: list[Block] = [SectionBlock(text=mrkdwn(heading))]
    blocks += [_specimen_row(specimen) for specimen in page.specimens]
    pager = _pager(page)
    if pager is not None:
        blocks.append(pager)
    return blocks


def _specimen_row(specimen: Specimen) -> SectionBlock:
    text = f"*{fmt.line(specimen.title, TITLE_MAX)}*\nFlight risk {fmt.risk_headline(specimen.flight_risk)}"
    return SectionBlock(text=mrkdwn(text), accessory=full_file_button(specimen.slug))


def _pager(page: Page) -> ActionsBlock | None:
    elements = []
    if page.has_previous:
        elements.append(button("← Previous", ACTION_HOME_PREVIOUS, encode_page(page.number - 1)))
    if page.has_next:
        elements.append(button("Next →", ACTION_HOME_NEXT, encode_page(page.number + 1), style="primary"))
    return ActionsBlock(block_id="home_pager", elements=elements) if elements else None
