"""Card and preview buttons. Each is acknowledged at once; the work runs right after, through response_url
(or ``views.open`` for Full file)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.answers.guide import gone
from bot.core.blocks.state import CardState, StateError, decode_request, decode_slug, decode_state, state_fits
from bot.core.cards.controls import sharer_of
from bot.core.cards.full_file import full_file_view
from bot.core.cards.replies import error_message, request_thanks
from bot.core.ids import (
    ACTION_CANCEL,
    ACTION_FULL_FILE,
    ACTION_LIST_OPEN,
    ACTION_PICK,
    ACTION_REQUEST,
    ACTION_SHARE,
    ACTION_SHARED_MENU,
    ACTION_SHUFFLE,
)
from bot.core.records.model import Specimen
from bot.slack.deps import Deps
from bot.slack.followup import TOO_LATE_FOR_MODAL, guarded, open_modal, send
from bot.slack.requests import ButtonClick

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    app.action(ACTION_SHARE)(_acknowledged(share, deps))
    app.action(ACTION_SHUFFLE)(_acknowledged(shuffle, deps))
    app.action(ACTION_CANCEL)(_acknowledged(cancel, deps))
    app.action(ACTION_PICK)(_acknowledged(pick, deps))
    app.action(ACTION_FULL_FILE)(_acknowledged(full_file, deps, needs_trigger=True))
    app.action(ACTION_REQUEST)(_acknowledged(request_specimen, deps))
    app.action(ACTION_LIST_OPEN)(_acknowledged(pick, deps))
    app.action(ACTION_SHARED_MENU)(_acknowledged(shared_menu, deps))


ButtonWork = Callable[[ButtonClick, Deps, Respond, WebClient], None]


def _acknowledged(work: ButtonWork, deps: Deps, *, needs_trigger: bool = False) -> Callable[..., None]:
    """A listener that acknowledges, then runs ``work`` on the click after the ack (on the trigger executor when
    ``work`` opens a modal, whose trigger lives 3 s)."""

    def listener(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        run = deps.with_trigger if needs_trigger else deps.after_ack
        run(guarded(work), click=ButtonClick.of(action, body), deps=deps, respond=respond, client=client)

    listener.__name__ = f"on_{work.__name__}"
    return listener


def _state_and_specimen(click: ButtonClick, deps: Deps, respond: Respond) -> tuple[CardState, Specimen] | None:
    try:
        state = decode_state(click.value)
    except StateError as error:
        log.warning("ignored a button with a bad value: %s", error)
        send(respond, error_message("That button is out of date. Run /specimen again."), replace_original=False)
        return None
    specimen = deps.guide.catalog.by_slug(state.slug)
    if specimen is None:
        send(respond, gone(state.slug), replace_original=True)
        return None
    if not state_fits(state, specimen):  # a forged index, or a card older than its record's last edit
        send(respond, error_message("That button is out of date. Run /specimen again."), replace_original=False)
        return None
    return state, specimen


def share(click: ButtonClick, deps: Deps, respond: Respond, client: WebClient) -> None:
    """Post the previewed card in the channel as the app, then remove the private preview."""
    found = _state_and_specimen(click, deps, respond)
    if found is None:
        return
    state, specimen = found
    preview = f"{click.team_id}:{click.channel_id}:{click.message_ts}:{click.user_id}"
    if click.message_ts and not deps.claim_share(preview, click.team_id, click.enterprise_id):
        log.info("a second Share of one preview was ignored")  # a double click: the first one posts
        return
    shared_by = _display_name(client, click.user_id) or click.user_name
    posted = send(respond, deps.guide.shared(state, specimen, shared_by, click.user_id), replace_original=False)
    if posted:
        send(respond, {}, delete_original=True)
    else:
        message = "Slack would not post that card here. Try again, or use /specimen in another channel."
        send(respond, error_message(message), replace_original=False)


def _display_name(client: WebClient, user_id: object) -> str | None:
    """The name people see in Slack (display name, else real name); None when Slack cannot say.

    The payload's own ``user.name`` is the legacy handle, so the byline asks ``users.info`` (scope users:read).
    """
    if not isinstance(user_id, str) or not user_id:
        return None
    try:
        user: dict[str, Any] = client.users_info(user=user_id).get("user") or {}
        profile: dict[str, Any] = user.get("profile") or {}
    except (SlackApiError, OSError, ValueError) as error:
        log.info("no display name for the Share byline: %s", error)
        return None
    name = profile.get("display_name") or profile.get("real_name")
    return name if isinstance(name, str) and name.strip() else None


def shuffle(click: ButtonClick, deps: Deps, respond: Respond, client: WebClient) -> None:
    found = _state_and_specimen(click, deps, respond)
    if found is not None:
        state, specimen = found
        send(respond, deps.guide.shuffled(state, specimen, deps.rng), replace_original=True)


def cancel(click: ButtonClick, deps: Deps, respond: Respond, client: WebClient) -> None:
    send(respond, {}, delete_original=True)


def _slug(click: ButtonClick) -> str | None:
    try:
        return decode_slug(click.value)
    except StateError as error:
        log.warning("ignored a %s button with a bad value: %s", click.action_id, error)
        return None


def pick(click: ButtonClick, deps: Deps, respond: Respond, client: WebClient) -> None:
    """A did-you-mean or related-specimen button, or a pick in the select of `/specimen list`: the card replaces
    a private preview, or arrives privately."""
    slug = _slug(click)
    if slug is None:
        return
    specimen = deps.guide.catalog.by_slug(slug)
    in_place = click.in_ephemeral
    payload = gone(slug) if specimen is None else deps.guide.card(specimen, deps.rng)
    send(respond, payload, replace_original=in_place)


NOT_YOURS = "Only the person who shared this post can remove it."


def shared_menu(click: ButtonClick, deps: Deps, respond: Respond, client: WebClient) -> None:
    """The ⋯ menu of a shared post: Remove deletes it for whoever shared it, and politely refuses anyone else."""
    sharer = sharer_of(click.value)
    if sharer is None:
        log.warning("ignored a shared-post menu with a bad value")
        return
    if click.user_id != sharer:
        send(respond, error_message(NOT_YOURS), replace_original=False)
        return
    send(respond, {}, delete_original=True)


def request_specimen(click: ButtonClick, deps: Deps, respond: Respond, client: WebClient) -> None:
    """Request this specimen: noted once per person, title and workspace; the requester is thanked privately."""
    try:
        title = decode_request(click.value)
    except StateError as error:
        log.warning("ignored a Request button with a bad value: %s", error)
        send(respond, error_message("That button is out of date. Run /specimen again."), replace_original=False)
        return
    if deps.store is None or not click.team_id or not click.user_id:
        send(respond, error_message("Requests need a database, and this server runs without one."))
        return
    first = deps.store.record_ask(
        click.team_id,
        click.user_id,
        title,
        public=False,
        requested=True,
        now=deps.now(),
        enterprise_id=click.enterprise_id,
    )
    send(respond, request_thanks(title, first=first), replace_original=False)


def full_file(click: ButtonClick, deps: Deps, respond: Respond, client: WebClient) -> None:
    """Every entry of every section, in a modal opened for whoever clicked (shared cards and App Home included)."""
    slug = _slug(click)
    if slug is None:
        return
    specimen = deps.guide.catalog.by_slug(slug)
    if specimen is not None:
        if not open_modal(client, click.trigger_id, full_file_view(specimen)) and click.response_url:
            send(respond, error_message(TOO_LATE_FOR_MODAL), replace_original=False)
    elif click.response_url:  # a message; App Home has no response_url, and re-renders without it anyway
        send(respond, gone(slug), replace_original=False)
    else:
        log.info("Full file asked for %r, which is no longer in the field guide", slug)
