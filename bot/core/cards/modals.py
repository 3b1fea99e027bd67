"""The shortcut modals as pure builders over ``slack_sdk.models``, and the one message sent instead of a modal.

Two flows share these builders. "Identify specimen" (message shortcut) shows the card for a job link's title, asks for
the title when the link carries none, or shows a miss; with several job links a chooser on top switches between them.
"Look up a specimen" (global shortcut) is a search box whose submission shows a card or a miss. Every view of a flow
carries the flow's callback_id, so a submission or a button inside it knows its flow; the identify flow keeps its
chooser in ``private_metadata``, which Slack hands back with every interaction.

The card is the full file's blocks; the miss and did-you-mean are the ephemeral replies' blocks with their Open buttons
retargeted at ``ACTION_VIEW_PICK``, so a pick updates the modal in place instead of answering with a message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    ConversationSelectElement,
    InputBlock,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core.blocks.limits import VIEW_BLOCKS_MAX, VIEW_TITLE_MAX
from bot.core.blocks.text import button, clamp, esc, mrkdwn, one_line, plain, units
from bot.core.cards.chooser import NO_CHOOSER, Chooser, chooser_block
from bot.core.cards.controls import message_payload
from bot.core.cards.full_file import full_file_blocks
from bot.core.cards.replies import Suggestion, did_you_mean, miss_card
from bot.core.daily.channels import is_channel_id
from bot.core.ids import (
    ACTION_PICK,
    ACTION_SHARE_TO,
    ACTION_TITLE_INPUT,
    ACTION_VIEW_AGAIN,
    ACTION_VIEW_PICK,
    BLOCK_SHARE,
    BLOCK_TITLE,
    COMMAND,
    VIEW_ASK_TITLE,
    VIEW_SEARCH,
)
from bot.core.links import LinkScan
from bot.core.matching.result import Ambiguous, Candidate, Hit, LookupResult
from bot.core.records.model import Specimen

QUERY_MAX = 150  # the title input's max_length; also the longest query a submission may carry
TOO_LONG_NOTE = "_…the rest of this file is too long for one view_"


class Flow(StrEnum):
    """A shortcut's modal flow; the value is the callback_id of every view in it."""

    IDENTIFY = VIEW_ASK_TITLE
    SEARCH = VIEW_SEARCH

    @property
    def heading(self) -> str:
        return "Identify specimen" if self is Flow.IDENTIFY else "Look up a specimen"

    @classmethod
    def of(cls, callback_id: object) -> Flow | None:
        return next((flow for flow in cls if flow.value == callback_id), None)


def link_view(chooser: Chooser, lookup: Callable[[str], LookupResult]) -> View:
    """The identify modal for the chooser's current job link: its lookup, or the title prompt when it has no title."""
    choice = chooser.current
    if choice is None or choice.guess is None:
        return ask_title_view(Flow.IDENTIFY, chooser=chooser, address=choice.address if choice else None)
    return result_view(Flow.IDENTIFY, choice.guess, lookup(choice.guess), chooser=chooser)


def card_view(specimen: Specimen, flow: Flow, *, chooser: Chooser = NO_CHOOSER, asked: str | None = None) -> View:
    """The specimen's full file in the flow's modal; ``asked`` (the title that found it) is quoted above it. Above
    the file: Look up another; below it: "Share it in" a conversation (the current one by default), so a hit in a
    shortcut is never a dead end."""
    head = _head(chooser)
    if asked and one_line(asked).casefold() != specimen.title.casefold():
        note = f"Matched “{esc(one_line(asked), 200)}” to this specimen."
        head.append(ContextBlock(elements=[plain(note)]))
    again = ActionsBlock(elements=[button("Look up another", ACTION_VIEW_AGAIN, flow.value)])
    file_blocks: list[Block] = list(full_file_blocks(specimen))
    room = VIEW_BLOCKS_MAX - len(head) - 2
    if len(file_blocks) > room:
        file_blocks = [*file_blocks[: room - 1], SectionBlock(text=mrkdwn(TOO_LONG_NOTE))]
    return _view(flow, [*head, again, *file_blocks, share_input(specimen.slug)], chooser, submit="Share")


def share_input(slug: str) -> InputBlock:
    """Where to share the card: a conversation picker whose choice comes back with a response_url for it."""
    picker = ConversationSelectElement(
        action_id=ACTION_SHARE_TO,
        placeholder=plain("Pick a channel or conversation", 150),
        response_url_enabled=True,
        default_to_current_conversation=True,
    )
    return InputBlock(block_id=f"{BLOCK_SHARE}:{slug}", label=plain("Share it in", 100), element=picker)


def shared_slug(view: Mapping[str, Any]) -> str | None:
    """The slug a submitted card view asks to share (None: the view holds no share input)."""
    values = (view.get("state") or {}).get("values") or {}
    for block_id in values if isinstance(values, Mapping) else ():
        if isinstance(block_id, str) and block_id.startswith(f"{BLOCK_SHARE}:"):
            return block_id.removeprefix(f"{BLOCK_SHARE}:")
    return None


def ask_title_view(flow: Flow, *, chooser: Chooser = NO_CHOOSER, address: str | None = None) -> View:
    """The title prompt for a job link that carries no title (``address`` names the link)."""
    where = f" ({esc(address, 200)})" if address else ""
    text = f"That job link{where} carries no title I can read. Which role does it advertise?"
    blocks = [*_head(chooser), SectionBlock(text=plain(text)), title_input(None, "Role title")]
    return _view(flow, blocks, chooser, submit="Identify")


def search_view(prefill: str | None = None) -> View:
    """The global shortcut's search box."""
    return _view(Flow.SEARCH, [title_input(prefill, "Job title")], NO_CHOOSER, submit="Look up")


def result_view(flow: Flow, query: str, result: LookupResult, *, chooser: Chooser = NO_CHOOSER) -> View:
    """What a lookup of ``query`` shows: the card, a did-you-mean or a miss, the last two with the title input."""
    if isinstance(result, Hit):
        return card_view(result.specimen, flow, chooser=chooser, asked=query)
    if isinstance(result, Ambiguous):
        payload = did_you_mean(query, [_suggestion(c) for c in result.candidates])
    else:
        payload = miss_card(query, [_suggestion(c) for c in result.suggestions])
    blocks = [*_head(chooser), *_picks_in_view(payload["blocks"]), title_input(query, "Try another title")]
    return _view(flow, blocks, chooser, submit="Look up")


def shared_view(flow: Flow, channel_id: str | None, *, chooser: Chooser = NO_CHOOSER) -> View:
    """After a Share from the modal: where the card went (a channel link, which renders its name; never a ping)."""
    where = f"<#{channel_id}>" if channel_id and is_channel_id(channel_id) else "the conversation you picked"
    again = ActionsBlock(elements=[button("Look up another", ACTION_VIEW_AGAIN, flow.value)])
    return _view(flow, [*_head(chooser), SectionBlock(text=mrkdwn(f"Shared in {where}.")), again], chooser)


def notice_view(flow: Flow, text: str, *, chooser: Chooser = NO_CHOOSER) -> View:
    """A short notice in the modal (``text`` is escaped here)."""
    return _view(flow, [*_head(chooser), SectionBlock(text=plain(esc(text, 2900)))], chooser)


def title_input(prefill: str | None, label: str) -> InputBlock:
    """The title field. Its initial value is raw text: an input shows it verbatim and Slack never parses it."""
    initial = clamp(one_line(prefill), QUERY_MAX) if prefill else None
    element = PlainTextInputElement(
        action_id=ACTION_TITLE_INPUT,
        initial_value=initial or None,
        max_length=QUERY_MAX,
        placeholder=plain("e.g. Junior Machine Learning Engineer, jr ml eng", 150),
    )
    hint = plain("A title, an alias or a near miss: “AI Apprentice”, “jr ml eng”.")
    return InputBlock(block_id=BLOCK_TITLE, label=plain(label, 100), element=element, hint=hint)


def submitted_title(view: Mapping[str, Any]) -> str:
    """The title input's value in a submitted view ("" when absent or of the wrong shape)."""
    values = (view.get("state") or {}).get("values") or {}
    field = (values.get(BLOCK_TITLE) or {}).get(ACTION_TITLE_INPUT) or {}
    value = field.get("value") if isinstance(field, Mapping) else None
    return value if isinstance(value, str) else ""


def title_problem(title: str) -> str | None:
    """Why a submitted title cannot be looked up (shown under the input), or None."""
    if not title.strip():
        return "Type a role title, an alias or a near miss, such as “jr ml eng”."
    if units(title) > QUERY_MAX:
        return f"That is {units(title):,} characters; a title has at most {QUERY_MAX}."
    return None


def no_job_link_message(scan: LinkScan) -> dict[str, Any]:
    """The ephemeral answer to "Identify specimen" on a message without a job link."""
    count = len(scan.other_links)
    if count:
        detail = f"Its {count} link{'s' if count != 1 else ''} {'do' if count != 1 else 'does'}n’t look like a job ad."
    else:
        detail = "It has no links I can read."
    if scan.truncated:
        detail += " Only the first part of that very long message was read."
    usage = esc(f"{COMMAND} <title>", 100)
    hint = (
        "“Identify specimen” reads links to job ads: LinkedIn, Indeed, Greenhouse, Lever, Workday or a company’s "
        f"careers page. To look a title up yourself, use `{usage}` or the “Look up a specimen” shortcut."
    )
    blocks: list[Block] = [
        SectionBlock(text=plain(f"No job link in that message. {detail}")),
        ContextBlock(elements=[mrkdwn(hint)]),
    ]
    return message_payload("No job link in that message.", blocks, "ephemeral")


def _head(chooser: Chooser) -> list[Block]:
    block = chooser_block(chooser)
    return [] if block is None else [block]


def _view(flow: Flow, blocks: Sequence[Block], chooser: Chooser, *, submit: str | None = None) -> View:
    return View(
        type="modal",
        callback_id=flow.value,
        title=plain(flow.heading, VIEW_TITLE_MAX),
        close=plain("Close", 24),
        submit=plain(submit, 24) if submit else None,
        blocks=_fit(list(blocks)),
        private_metadata=chooser.to_metadata() if chooser.choices else None,
    )


def _fit(blocks: list[Block]) -> list[Block]:
    """At most 100 blocks: a longer list keeps its first 99 and says the rest did not fit."""
    if len(blocks) <= VIEW_BLOCKS_MAX:
        return blocks
    return [*blocks[: VIEW_BLOCKS_MAX - 1], SectionBlock(text=mrkdwn(TOO_LONG_NOTE))]


def _picks_in_view(blocks: Sequence[Mapping[str, Any]]) -> list[Block]:
    """The reply's blocks, with its Open buttons (ACTION_PICK) sent to the in-modal pick listener instead."""
    parsed = [block for block in Block.parse_all([dict(block) for block in blocks]) if block is not None]
    for block in parsed:
        elements: Sequence[object] = ()
        if isinstance(block, SectionBlock):
            elements = (block.accessory,)
        elif isinstance(block, ActionsBlock):
            elements = block.elements
        for element in elements:
            if isinstance(element, ButtonElement) and element.action_id == ACTION_PICK:
                element.action_id = ACTION_VIEW_PICK
    return parsed


def _suggestion(candidate: Candidate) -> Suggestion:
    return Suggestion(candidate.specimen.title, candidate.specimen.slug, candidate.score)
