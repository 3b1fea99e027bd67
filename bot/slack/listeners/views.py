"""Inside the shortcut modals: title submissions, the Open buttons of a miss, and the chooser of job links.

A submission is answered in its acknowledgement (``response_action``): errors under the input, or the next view.
A button or the chooser is acknowledged at once and the modal updated right after with ``views.update``, passing
the view's hash so that a stale click never overwrites a newer view.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from bot.core.answers.guide import gone_text, miss_label
from bot.core.blocks.state import StateError, decode_slug
from bot.core.cards.chooser import NO_CHOOSER, Chooser
from bot.core.cards.modals import Flow, card_view, link_view, notice_view, result_view, submitted_title, title_problem
from bot.core.ids import ACTION_VIEW_CHOOSE, ACTION_VIEW_PICK, BLOCK_TITLE
from bot.core.matching.result import Miss
from bot.slack.deps import Deps, bound
from bot.slack.followup import guarded

log = logging.getLogger(__name__)
STALE_VIEW_ERRORS = frozenset({"hash_conflict", "not_found"})


def register(app: App, deps: Deps) -> None:
    for flow in Flow:
        app.view(flow.value)(bound(submit_title, deps))
    app.action(ACTION_VIEW_PICK)(bound(pick, deps))
    app.action(ACTION_VIEW_CHOOSE)(bound(choose, deps))


def submit_title(ack: Ack, view: dict[str, Any], body: dict[str, Any], deps: Deps) -> None:
    """A typed title: the card, a did-you-mean or a miss replaces the modal; an unusable title gets an error."""
    flow = Flow.of(view.get("callback_id")) or Flow.SEARCH
    title = submitted_title(view)
    problem = title_problem(title)
    if problem is not None:
        ack(response_action="errors", errors={BLOCK_TITLE: problem})
        return
    result = deps.guide.index.lookup(title)
    ack(response_action="update", view=result_view(flow, title, result, chooser=_chooser(flow, view)))
    team_id = (body.get("team") or {}).get("id") or view.get("team_id") or ""
    if isinstance(result, Miss):  # typed in a modal, seen by no one else: counted, never shown unless requested
        deps.count_miss(team_id, (body.get("user") or {}).get("id") or "", miss_label(title), public=False)


def pick(ack: Ack, action: dict[str, Any], body: dict[str, Any], deps: Deps, client: WebClient) -> None:
    ack()
    deps.after_ack(guarded(show_pick), action=action, body=body, deps=deps, client=client)


def show_pick(action: dict[str, Any], body: dict[str, Any], deps: Deps, client: WebClient) -> None:
    """An Open button of a miss or did-you-mean: the modal shows that specimen's card."""
    view = body.get("view") or {}
    flow = Flow.of(view.get("callback_id"))
    if flow is None:
        log.warning("ignored a pick from an unknown view %r", view.get("callback_id"))
        return
    try:
        slug = decode_slug(action.get("value"))
    except StateError as error:
        log.warning("ignored a pick with a bad value: %s", error)
        return
    chooser = _chooser(flow, view)
    specimen = deps.guide.catalog.by_slug(slug)
    if specimen is None:
        update_modal(client, view, notice_view(flow, gone_text(slug), chooser=chooser))
    else:
        update_modal(client, view, card_view(specimen, flow, chooser=chooser))


def choose(ack: Ack, action: dict[str, Any], body: dict[str, Any], deps: Deps, client: WebClient) -> None:
    ack()
    deps.after_ack(guarded(show_link), action=action, body=body, deps=deps, client=client)


def show_link(action: dict[str, Any], body: dict[str, Any], deps: Deps, client: WebClient) -> None:
    """Another job link picked in the chooser: the modal shows what that link identifies."""
    view = body.get("view") or {}
    value = (action.get("selected_option") or {}).get("value")
    number = int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else -1
    chosen = Chooser.from_metadata(view.get("private_metadata")).select(number)
    if chosen is None:
        log.warning("ignored a job-link choice %r that the view does not offer", value)
        return
    lookup = deps.guide.index.lookup
    update_modal(client, view, link_view(chosen, lookup))


def update_modal(client: WebClient, current: dict[str, Any], view: View) -> None:
    """``views.update`` of ``current``; skipped (logged) when the user has moved on or closed it."""
    view_id = current.get("id")
    if not isinstance(view_id, str) or not view_id:
        log.warning("an interaction arrived without its view id; nothing updated")
        return
    try:
        client.views_update(view_id=view_id, hash=current.get("hash") or None, view=view)
    except SlackApiError as error:
        code = error.response.get("error")
        if code not in STALE_VIEW_ERRORS:
            raise
        log.info("views.update skipped: %s", code)


def _chooser(flow: Flow, view: dict[str, Any]) -> Chooser:
    return Chooser.from_metadata(view.get("private_metadata")) if flow is Flow.IDENTIFY else NO_CHOOSER
