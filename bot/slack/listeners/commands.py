"""`/specimen`: answered inside the request from memory; anything slow runs after the acknowledgement."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.answers.daily import handle_daily
from bot.core.answers.guide import miss_label
from bot.core.answers.slash import Daily, parse_slash
from bot.core.cards.controls import renamed
from bot.core.cards.daily import not_a_member
from bot.core.cards.replies import error_message
from bot.core.daily.channels import is_direct_message, is_public_channel
from bot.core.ids import COMMAND
from bot.slack.deps import Deps, bound
from bot.slack.followup import guarded, send

log = logging.getLogger(__name__)
ANY_COMMAND = re.compile(r"^/")


def register(app: App, deps: Deps) -> None:
    # Whatever the workspace named the command (/specimen, /specimen-dev, …): a Slack app receives only its own.
    app.command(ANY_COMMAND)(bound(answer_command, deps))


def answer_command(ack: Ack, command: dict[str, Any], deps: Deps, respond: Respond, client: WebClient) -> None:
    """The fast path: answered from memory, no network and no database before ``ack``.

    What needs either (a daily subscription, counting a title that found nothing) goes to the background
    executor after the acknowledgement; Bolt's lazy listeners would deep-copy every request to do the same.
    """
    parsed = parse_slash(command.get("text") or "")
    if isinstance(parsed, Daily):
        ack()  # the daily reply needs users.info and the store: it arrives through response_url
        deps.after_ack(guarded(answer_daily), parsed=parsed, command=command, deps=deps, respond=respond, client=client)
        return
    answer = deps.guide.answer(parsed, deps.rng)
    ack(**renamed(answer.payload, command.get("command") or COMMAND))
    if answer.missed_query:
        public = is_public_channel(command.get("channel_id") or "", command.get("channel_name"))
        label = miss_label(answer.missed_query)
        deps.count_miss(
            command.get("team_id") or "",
            command.get("user_id") or "",
            label,
            public=public,
            enterprise_id=command.get("enterprise_id") or None,
        )


def answer_daily(parsed: Daily, command: dict[str, Any], deps: Deps, respond: Respond, client: WebClient) -> None:
    send(respond, renamed(_daily_reply(parsed, command, deps, client), command.get("command") or COMMAND))


def _daily_reply(parsed: Daily, command: dict[str, Any], deps: Deps, client: WebClient) -> dict[str, Any]:
    if deps.store is None:
        return error_message("Daily posts need a database, and this server runs without one.")
    user_id = command.get("user_id") or ""
    channel_id, channel_name = command.get("channel_id") or "", command.get("channel_name")
    # Only `daily on` in a channel uses the subscriber's zone (in a DM it is refused): spare users.info otherwise.
    wants_zone = parsed.args.casefold().split()[:1] == ["on"] and not is_direct_message(channel_id, channel_name)
    if wants_zone:
        # Say so now if the app is not in the channel (every post would fail); unknown (no scope, an error): go on.
        info = deps.conversations.info(client, channel_id, fresh=True)
        if info is not None and not info.is_member:
            return not_a_member(channel_id)
    return handle_daily(
        deps.store,
        parsed.args,
        channel_id=channel_id,
        channel_name=channel_name,
        team_id=command.get("team_id") or "",
        user_id=user_id,
        user_tz=_user_tz(client, user_id) if wants_zone else None,
        now=deps.now(),
        enterprise_id=command.get("enterprise_id") or None,
    )


def _user_tz(client: WebClient, user_id: str) -> str | None:
    """The user's IANA zone from their Slack profile; None when Slack cannot say."""
    try:
        user: dict[str, Any] = client.users_info(user=user_id).get("user") or {}
        tz = user.get("tz")
    except (SlackApiError, OSError, ValueError) as error:  # ValueError: a body that is not JSON; OSError: network
        reason = error.response.get("error") if isinstance(error, SlackApiError) else repr(error)
        log.warning("users.info failed for the daily default zone: %s", reason)
        return None
    return tz if isinstance(tz, str) and tz else None
