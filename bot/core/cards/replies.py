"""Short ephemeral replies: did-you-mean, a miss, help, the list of specimens, errors.

A query is whatever the user typed: it is shown in plain_text after escaping, so ``<!channel>`` stays inert.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    ExternalDataSelectElement,
    HeaderBlock,
    SectionBlock,
)

from bot.core.blocks.layout import pack_entries
from bot.core.blocks.text import button, esc, mrkdwn, plain
from bot.core.cards import entries as fmt
from bot.core.cards.controls import message_payload
from bot.core.ids import ACTION_LIST_OPEN, ACTION_PICK, ACTION_REQUEST, COMMAND
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
    (f"{COMMAND} daily skip", "skip the next daily post (`daily unskip` takes it back)"),
)


def _query(query: str) -> str:
    return f"“{fmt.line(query, QUERY_MAX)}”"


def _suggestion_rows(suggestions: Sequence[Suggestion], limit: int = SUGGESTIONS_MAX) -> list[Block]:
    rows: list[Block] = []
    for suggestion in suggestions[:limit]:
        text = f"*{fmt.line(suggestion.title, fmt.NAME_MAX)}*"
        if suggestion.score is not None:
            text += f" · {max(0, min(100, round(suggestion.score)))}% match"
        rows.append(SectionBlock(text=mrkdwn(text), accessory=button("Open", ACTION_PICK, suggestion.slug)))
    return rows


def did_you_mean(query: str, candidates: Sequence[Suggestion]) -> dict[str, Any]:
    """Ranked candidates (best first) as Open buttons (ACTION_PICK, value = slug)."""
    blocks: list[Block] = [SectionBlock(text=plain(f"No exact match for {_query(query)}. Did you mean…"))]
    blocks += _suggestion_rows(candidates)
    titles = [fmt.line(c.title, 150) for c in candidates[:SUGGESTIONS_MAX]]
    text = f"Did you mean {_either(titles)}?" if titles else "No exact match"
    return message_payload(text, blocks, "ephemeral")


def _either(titles: Sequence[str]) -> str:
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " or " + titles[-1]


class Nearby(enum.Enum):
    """How the specimens a miss card offers relate to the query."""

    DID_YOU_MEAN = "Did you mean one of these?"  # close enough to be what was meant
    CLOSEST = "Closest in the guide:"  # the best there is, below the did-you-mean bar
    RANDOM = "Nothing close. Meet one of these instead:"  # no word in common with any specimen


MISS_OFFERS = 3


def miss_card(
    query: str,
    offers: Sequence[Suggestion],
    nearby: Nearby = Nearby.DID_YOU_MEAN,
    *,
    total: int | None = None,
    request: str | None = None,
) -> dict[str, Any]:
    """No specimen matches: the query shown inert, how many specimens the guide holds, one to three of them as
    buttons, and **Request this specimen** (``request``: the button's value) so a miss is never a dead end."""
    headline = f"No specimen matches {_query(query)}."
    held = "" if total is None else f" The field guide holds {total:,} specimen{'s' if total != 1 else ''}."
    blocks: list[Block] = [SectionBlock(text=plain(headline + held))]
    if offers:
        blocks.append(SectionBlock(text=plain(nearby.value)))
        blocks += _suggestion_rows(offers)
    if request:
        ask = button("Request this specimen", ACTION_REQUEST, request)
        blocks.append(ActionsBlock(elements=[ask]))
    hint = f"Try `{COMMAND} list` to browse every specimen, or `{COMMAND} help` for every command."
    blocks.append(ContextBlock(elements=[mrkdwn(hint)]))
    return message_payload(headline, blocks, "ephemeral")


def request_thanks(title: str, *, first: bool) -> dict[str, Any]:
    """The private answer to Request this specimen (first time, or again)."""
    if first:
        text = (
            f"Thanks: {_query(title)} is on this workspace's request list. Titles requested by two or more people "
            "show on the app's Home tab, where the guide's keepers look for the next specimen."
        )
    else:
        text = f"You have already requested {_query(title)}; it stays on the request list."
    return message_payload(text, [SectionBlock(text=plain(text))], "ephemeral")


ELSEWHERE: tuple[tuple[str, str], ...] = (
    ("“Identify specimen”", "on a message with a job link (⋯ More actions): the specimen the ad describes"),
    ("“Look up a specimen”", "from the shortcuts menu (⚡ or the + button): a search box anywhere"),
    ("The app's Home tab", "the whole field guide, today's quote, this workspace's daily posts and requests"),
)
TOPICS: dict[str, tuple[str, str]] = {
    "daily": (
        "Daily posts",
        f"`{COMMAND} daily on [time] [zone] [weekdays|every day] [quotes|day-log]` in a channel posts one entry a "
        "day there. Time: `9:30`, `9am`, `9.30`, `noon`; zone: `Europe/Berlin`, `Berlin`, `UTC+2`. Defaults: 09:00 "
        f"in your Slack time zone, weekdays, quotes. Also `{COMMAND} daily status`, `daily skip`, `daily unskip`, "
        "`daily off`. Invite the app first: `/invite @specimen`.",
    ),
    "quote": ("Quotes", f"`{COMMAND} quote` (any role) or `{COMMAND} quote <role>`: a burn-ward quote to send."),
    "day": ("Day in the life", f"`{COMMAND} day` or `{COMMAND} day <role>`: a day-in-the-life entry to send."),
    "list": ("The list", f"`{COMMAND} list`: every specimen A–Z, with a menu that opens any of them."),
    "share": (
        "Sharing",
        "A card is private until you press Share: then it is posted in the channel with your name. Only you can "
        "remove it again (⋯ on the posted card).",
    ),
    "shortcuts": ("Shortcuts", "\n".join(f"• {what}: {how}" for what, how in ELSEWHERE[:2])),
    "home": ("The Home tab", ELSEWHERE[2][1][0].upper() + ELSEWHERE[2][1][1:] + "."),
    "request": (
        "Requests",
        "A title with no specimen offers “Request this specimen”. Titles requested (or searched in public channels) "
        "by two or more people are listed on the Home tab.",
    ),
}


def help_message(topic: str | None = None) -> dict[str, Any]:
    """Every command, the shortcuts and the Home tab; or help on one topic (``help daily``)."""
    if topic in TOPICS:
        heading, text = TOPICS[topic]
        blocks: list[Block] = [
            SectionBlock(text=mrkdwn(f"*{heading}*\n{esc(text, 2500)}")),
            ContextBlock(elements=[mrkdwn(f"`{COMMAND} help` lists everything.")]),
        ]
        return message_payload(f"{COMMAND} help {topic}", blocks, "ephemeral")
    lines = [f"• `{esc(usage, 200)}` — {esc(what, 300)}" for usage, what in COMMANDS]
    others = [f"• {esc(what, 100)} — {esc(how, 300)}" for what, how in ELSEWHERE]
    topics = ", ".join(f"`{t}`" for t in TOPICS)
    blocks = [
        HeaderBlock(text=plain("Specimen: a field guide of job-role specimens", 150)),
        SectionBlock(text=mrkdwn("\n".join(lines))),
        SectionBlock(text=mrkdwn("*Beyond the command*\n" + "\n".join(others))),
        ContextBlock(elements=[mrkdwn(f"More on one thing: `{COMMAND} help &lt;topic&gt;`, topics {topics}.")]),
        ContextBlock(elements=[plain("Satire: stereotypes of job titles, not verdicts on real people.")]),
    ]
    return message_payload(f"{COMMAND} help: every command", blocks, "ephemeral")


def list_message(catalog: Iterable[Specimen]) -> dict[str, Any]:
    """The first ``LIST_SHOWN`` titles A-Z and how many there are in all, and a select that opens any of them
    (its options come from the title index as the user types, so it serves a catalog of any size); ~10 blocks."""
    specimens = sorted(catalog, key=lambda s: (s.title.casefold(), s.slug))
    titles = [fmt.bullet(s.title, 100) for s in specimens[:LIST_SHOWN]]
    heading = f"*The field guide* · {len(specimens):,} specimen{'s' if len(specimens) != 1 else ''}"
    if not specimens:
        chunks = [f"{heading}\n_No specimens yet._"]
    else:
        chunks = pack_entries(heading, titles, LIST_TEXT_BUDGET, lambda n: f"_…and {n} more_")
    blocks: list[Block] = [SectionBlock(text=mrkdwn(text)) for text in chunks]
    if specimens:
        select = ExternalDataSelectElement(
            action_id=ACTION_LIST_OPEN, placeholder=plain("Open a specimen…", 150), min_query_length=0
        )
        blocks.append(ActionsBlock(block_id="specimen_list", elements=[select]))
    shown = min(len(specimens), LIST_SHOWN)
    footer = f"Pick one above, or type `{COMMAND} &lt;title&gt;`."  # escaped: Slack parses <…> even in code
    if shown < len(specimens):
        footer = f"Showing {shown:,} of {len(specimens):,}. " + footer
    blocks.append(ContextBlock(elements=[mrkdwn(footer)]))
    count = f"{len(specimens):,} specimen{'s' if len(specimens) != 1 else ''}"
    return message_payload(f"The field guide: {count}", blocks, "ephemeral")


def error_message(text: str) -> dict[str, Any]:
    """An ephemeral error; ``text`` is escaped and shown as plain text."""
    message = fmt.line(text, 2900) or "Something went wrong."
    return message_payload(message, [SectionBlock(text=plain(f"⚠️ {message}"))], "ephemeral")
