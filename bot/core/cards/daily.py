"""Texts about daily posts: command replies and the DM sent when a channel stops working. Slack mrkdwn, escaped."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_sdk.models.blocks import SectionBlock

from bot.core.blocks.text import mrkdwn
from bot.core.cards.controls import message_payload
from bot.core.daily.channels import is_channel_id
from bot.core.daily.commands import EXAMPLE, USAGE
from bot.core.daily.model import Subscription
from bot.core.daily.schedule import Kind, Occurrence

INVITE = "/invite @specimen"

PAUSE_REASONS = {
    "not_in_channel": "I'm not a member of that channel",
    "channel_not_found": "I can't see that channel (it was deleted, or it is private and I'm not in it)",
    "is_archived": "the channel is archived",
}
_KIND_WORDS = {Kind.QUOTES: "quote", Kind.DAY_LOG: "day-log entry"}


def ephemeral(text: str) -> dict[str, Any]:
    """An ephemeral reply payload (``response_type``, ``text``, ``blocks``) from already-escaped mrkdwn."""
    return message_payload(text, [SectionBlock(text=mrkdwn(text))], "ephemeral")


def channel_ref(channel_id: str) -> str:
    """``<#C123>`` for a well-formed channel id (Slack renders the name); otherwise plain words."""
    return f"<#{channel_id}>" if is_channel_id(channel_id) else "that channel"


def day_text(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def when_text(occurrence: Occurrence, zone: str) -> str:
    """``*Monday 30 March 2026 at 09:00* (Europe/Berlin, CEST)``."""
    local = occurrence.local_due(zone)
    return f"*{day_text(occurrence.local_date)} at {local:%H:%M}* ({zone}, {local.tzname()})"


def schedule_text(sub: Subscription) -> str:
    return f"a {_KIND_WORDS[sub.kind]} at {sub.schedule.describe()}"


def subscribed(sub: Subscription, *, resumed: bool, new: bool, note: str | None = None) -> dict[str, Any]:
    """``note``: how a zone that was not an IANA name was read (already escaped mrkdwn)."""
    verb = "resumed" if resumed else ("on" if new else "updated")
    lines = [f"Daily posts are {verb} for this channel: {schedule_text(sub)}."]
    if note:
        lines.append(note)
    if sub.next is not None:
        lines.append(f"Next post: {when_text(sub.next, sub.schedule.zone)}.")
    if new:
        lines.append(f"I post only in channels I'm a member of: `{INVITE}` if I'm not in this one yet.")
    lines.append(
        "Change it with `/specimen daily on …`, skip one with `/specimen daily skip`, stop with `/specimen daily off`."
    )
    return ephemeral("\n".join(lines))


def already(sub: Subscription) -> dict[str, Any]:
    """``daily on`` that changes nothing."""
    text = f"Daily posts are already on for this channel: {schedule_text(sub)}; nothing changed."
    if sub.next is not None:
        text += f" Next post: {when_text(sub.next, sub.schedule.zone)}."
    return ephemeral(text)


def not_a_member(channel_id: str) -> dict[str, Any]:
    """``daily on`` in a channel the app is not in: every post would fail."""
    return ephemeral(
        f"I'm not a member of {channel_ref(channel_id)}, so I couldn't post there. Run `{INVITE}` in the channel, "
        "then `/specimen daily on` again."
    )


def status(sub: Subscription | None) -> dict[str, Any]:
    if sub is None:
        return not_subscribed()
    if sub.paused:
        reason = PAUSE_REASONS.get(sub.paused, f"Slack said `{sub.paused}`")
        return ephemeral(
            f"Daily posts here are *paused*: {reason}. Fix that (if I'm not in the channel: `{INVITE}`), "
            "then run `/specimen daily on` here to resume."
        )
    lines = [f"This channel gets {schedule_text(sub)}."]
    if sub.next is not None:
        lines.append(f"Next post: {when_text(sub.next, sub.schedule.zone)}.")
    return ephemeral("\n".join(lines))


def unskipped(day: Occurrence | None, sub: Subscription) -> dict[str, Any]:
    if day is None:
        return ephemeral("No daily post ahead is skipped here; nothing to take back.")
    lines = [f"The post of *{day_text(day.local_date)}* is back on."]
    if sub.next is not None:
        lines.append(f"Next post: {when_text(sub.next, sub.schedule.zone)}.")
    return ephemeral("\n".join(lines))


def skipped(day: Occurrence, sub: Subscription) -> dict[str, Any]:
    lines = [f"Skipping the post of *{day_text(day.local_date)}*. Changed your mind? `/specimen daily unskip`."]
    if sub.next is not None:
        lines.append(f"Next post: {when_text(sub.next, sub.schedule.zone)}.")
    return ephemeral("\n".join(lines))


def unsubscribed(existed: bool) -> dict[str, Any]:
    if existed:
        return ephemeral("Daily posts are off for this channel. Turn them back on with `/specimen daily on`.")
    return ephemeral("This channel had no daily posts; nothing to turn off.")


def not_subscribed() -> dict[str, Any]:
    return ephemeral(f"This channel has no daily posts. Start them with `{EXAMPLE}` (time and zone are optional).")


def help_text() -> dict[str, Any]:
    return ephemeral(
        f"Daily posts: {USAGE}.\nDefaults: 09:00 in your Slack time zone, weekdays, burn-ward quotes "
        "(`day-log` posts day-in-the-life entries instead). Each channel sees every entry once before any repeats."
    )


def not_a_channel() -> dict[str, Any]:
    return ephemeral(f"Daily posts go to channels: run this in the channel that should get them, after `{INVITE}`.")


def unknown_user_zone() -> dict[str, Any]:
    return ephemeral(f"I couldn't read your time zone from Slack. Name one, e.g. `{EXAMPLE}`")


def pause_notice(channel_id: str, reason: str) -> str:
    """The DM to the subscriber when their channel stops accepting posts (top-level text, mrkdwn)."""
    why = PAUSE_REASONS.get(reason, f"Slack said `{reason}`")
    return (
        f"I couldn't post today's daily specimen in {channel_ref(channel_id)}: {why}. "
        f"I've paused that channel's daily posts. To resume, run `{INVITE}` in the channel, "
        "then `/specimen daily on` there."
    )
