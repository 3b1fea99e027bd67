"""Short ephemeral replies: did-you-mean, a miss, help, the list of specimens, errors.

A query is whatever the user typed: it is shown in plain_text after escaping, so ``<!channel>`` stays inert.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, SectionBlock

from bot.core.blocks.layout import pack_entries
from bot.core.blocks.text import button, esc, mrkdwn, plain
from bot.core.cards import entries as fmt
from bot.core.cards.controls import message_payload
from bot.core.ids import ACTION_PICK, COMMAND
from bot.core.records.model import Specimen

SUGGESTIONS_MAX = 5
LIST_SHOWN = 60
LIST_TEXT_BUDGET = 6000
QUERY_MAX = 200


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A candidate record for a query; ``score`` is a 0-100 match when the matcher gives one."""

    title: str
    slug: str
    score: float | None = None


COMMANDS: tuple[tuple[str, str], ...] = (
    (f"{COMMAND} <title>", "the card of a role: a title, an alias or a near miss such as “jr ml eng”"),
    (f"{COMMAND} quote [role]", "a random burn-ward quote, from one role or any"),
    (f"{COMMAND} day [role]", "a random day-in-the-life entry, from one role or any"),
    (f"{COMMAND} list", "every specimen in the field guide"),
    (f"{COMMAND} help", "this help"),
    (
        f"{COMMAND} daily on [HH:MM] [Area/City] [weekdays|every day] [quotes|day-log]",
        "a quote or day-log entry here once a day (default 09:00 in your time zone, weekdays, quotes)",
    ),
    (f"{COMMAND} daily off", "stop this channel's daily post"),
    (f"{COMMAND} daily status", "when this channel's next daily post goes out"),
    (f"{COMMAND} daily skip", "skip the next daily post"),
)


def _query(query: str) -> str:
    return f"“{fmt.line(query, QUERY_MAX)}”"


def _suggestion_rows(suggestions: Sequence[Suggestion]) -> list[Block]:
    rows: list[Block] = []
    for suggestion in suggestions[:SUGGESTIONS_MAX]:
        text = f"*{fmt.line(suggestion.title, fmt.NAME_MAX)}*"
        if suggestion.score is not None:
            text += f" · {max(0, min(100, round(suggestion.score)))}% match"
        rows.append(SectionBlock(text=mrkdwn(text), accessory=button("Open", ACTION_PICK, suggestion.slug)))
    return rows


def did_you_mean(query: str, candidates: Sequence[Suggestion]) -> dict[str, Any]:
    """Ranked candidates (best first) as Open buttons (ACTION_PICK, value = slug)."""
    blocks: list[Block] = [SectionBlock(text=plain(f"No exact match for {_query(query)}. Did you mean…"))]
    blocks += _suggestion_rows(candidates)
    text = f"Did you mean {fmt.line(candidates[0].title, 150)}?" if candidates else "No exact match"
    return message_payload(text, blocks, "ephemeral")


def miss_card(query: str, suggestions: Sequence[Suggestion]) -> dict[str, Any]:
    """No specimen matches: the query shown inert, any suggestions as buttons, and where to look next."""
    headline = f"No specimen matches {_query(query)}."
    blocks: list[Block] = [SectionBlock(text=plain(headline))]
    if suggestions:
        blocks.append(SectionBlock(text=plain("Perhaps one of these:")))
        blocks += _suggestion_rows(suggestions)
    hint = f"Try `{COMMAND} list` to browse every specimen, or `{COMMAND} help` for every command."
    blocks.append(ContextBlock(elements=[mrkdwn(hint)]))
    return message_payload(headline, blocks, "ephemeral")


def help_message() -> dict[str, Any]:
    lines = [f"• `{esc(usage, 200)}` — {esc(what, 300)}" for usage, what in COMMANDS]
    blocks: list[Block] = [
        HeaderBlock(text=plain("Specimen: a field guide of job-role specimens", 150)),
        SectionBlock(text=mrkdwn("\n".join(lines))),
        ContextBlock(elements=[plain("Satire: stereotypes of job titles, not verdicts on real people.")]),
    ]
    return message_payload(f"{COMMAND} help: every command", blocks, "ephemeral")


def list_message(catalog: Iterable[Specimen]) -> dict[str, Any]:
    """The first ``LIST_SHOWN`` titles (in catalog order) and how many there are in all; ~10 blocks at most."""
    specimens = list(catalog)
    titles = [fmt.bullet(s.title, 100) for s in specimens[:LIST_SHOWN]]
    heading = f"*The field guide* · {len(specimens):,} specimen{'s' if len(specimens) != 1 else ''}"
    if not specimens:
        chunks = [f"{heading}\n_No specimens yet._"]
    else:
        chunks = pack_entries(heading, titles, LIST_TEXT_BUDGET, lambda n: f"_…and {n} more_")
    blocks: list[Block] = [SectionBlock(text=mrkdwn(text)) for text in chunks]
    shown = min(len(specimens), LIST_SHOWN)
    footer = f"Open one with `{COMMAND} &lt;title&gt;`."  # escaped: Slack parses <…> even in code
    if shown < len(specimens):
        footer = f"Showing {shown:,} of {len(specimens):,}. " + footer
    blocks.append(ContextBlock(elements=[mrkdwn(footer)]))
    return message_payload(f"The field guide: {len(specimens):,} specimens", blocks, "ephemeral")


def error_message(text: str) -> dict[str, Any]:
    """An ephemeral error; ``text`` is escaped and shown as plain text."""
    message = fmt.line(text, 2900) or "Something went wrong."
    return message_payload(message, [SectionBlock(text=plain(f"⚠️ {message}"))], "ephemeral")
