"""Card and preview buttons. Each is acknowledged at once; the work runs right after, through response_url."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.answers import gone
from bot.cards.actions import StateError, decode_slug, decode_state
from bot.cards.full_file import full_file_view
from bot.cards.replies import error_message
from bot.deps import Deps
from bot.followup import guarded, send
from bot.ids import ACTION_CANCEL, ACTION_FULL_FILE, ACTION_PICK, ACTION_SHARE, ACTION_SHUFFLE

log = logging.getLogger(__name__)


def register(app: App) -> None:
    lazy: dict[str, Callable[..., None]] = {
        ACTION_SHARE: share,
        ACTION_SHUFFLE: shuffle,
        ACTION_CANCEL: cancel,
        ACTION_PICK: pick,
        ACTION_FULL_FILE: full_file,
    }
    for action_id, work in lazy.items():
        app.action(action_id)(ack=acknowledge, lazy=[guarded(work)])


def acknowledge(ack: Ack) -> None:
    ack()


def _state_and_specimen(action: dict[str, Any], deps: Deps, respond: Respond) -> tuple[Any, Any] | None:
    try:
        state = decode_state(action.get("value"))
    except StateError as error:
        log.warning("ignored a button with a bad value: %s", error)
        send(respond, error_message("That button is out of date. Run /specimen again."), replace_original=False)
        return None
    specimen = deps.guide.catalog.by_slug(state.slug)
    if specimen is None:
        send(respond, gone(state.slug), replace_original=True)
        return None
    return state, specimen


def share(action: dict[str, Any], body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """Post the previewed card in the channel as the app, then remove the private preview."""
    deps: Deps = context["deps"]
    found = _state_and_specimen(action, deps, respond)
    if found is None:
        return
    state, specimen = found
    user = body.get("user") or {}
    shared_by = user.get("name") or user.get("username")
    posted = send(respond, deps.guide.shared(state, specimen, shared_by), replace_original=False)
    if posted:
        send(respond, {}, delete_original=True)
    else:
        message = "Slack would not post that card here. Try again, or use /specimen in another channel."
        send(respond, error_message(message), replace_original=False)


def shuffle(action: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    deps: Deps = context["deps"]
    found = _state_and_specimen(action, deps, respond)
    if found is not None:
        state, specimen = found
        send(respond, deps.guide.shuffled(state, specimen, deps.rng), replace_original=True)


def cancel(respond: Respond) -> None:
    send(respond, {}, delete_original=True)


def pick(action: dict[str, Any], body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """A did-you-mean or related-specimen button: the card replaces a private preview, or arrives privately."""
    deps: Deps = context["deps"]
    try:
        slug = decode_slug(action.get("value"))
    except StateError as error:
        log.warning("ignored a pick with a bad value: %s", error)
        return
    specimen = deps.guide.catalog.by_slug(slug)
    in_place = bool((body.get("container") or {}).get("is_ephemeral"))
    payload = gone(slug) if specimen is None else deps.guide.card(specimen, deps.rng)
    send(respond, payload, replace_original=in_place)


def full_file(
    action: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    """Every entry of every section, in a modal opened for whoever clicked (shared cards included)."""
    deps: Deps = context["deps"]
    try:
        slug = decode_slug(action.get("value"))
    except StateError as error:
        log.warning("ignored a full-file button with a bad value: %s", error)
        return
    specimen = deps.guide.catalog.by_slug(slug)
    if specimen is None:
        send(respond, gone(slug), replace_original=False)
        return
    client.views_open(trigger_id=body["trigger_id"], view=full_file_view(specimen))
