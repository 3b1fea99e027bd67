"""Inside the shortcut modals: title submissions, the Open buttons of a miss, and the chooser of job links.

A submission is answered in its acknowledgement (``response_action``): errors under the input, or the next view.
A button or the chooser is acknowledged at once and the modal updated right after with ``views.update``, passing
the view's hash so that a stale click never overwrites a newer view.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from bot.core.answers.guide import gone_text, miss_label
from bot.core.blocks.state import CardState, StateError, decode_slug
from bot.core.cards.chooser import NO_CHOOSER, Chooser
from bot.core.cards.modals import (
    Flow,
    ask_title_view,
    card_view,
    link_view,
    notice_view,
    result_view,
    search_view,
    shared_slug,
    shared_view,
    submitted_title,
    title_problem,
)
from bot.core.cards.pick import pick_entries
from bot.core.ids import (
    ACTION_SHARE_TO,
    ACTION_VIEW_AGAIN,
    ACTION_VIEW_CHOOSE,
    ACTION_VIEW_PICK,
    BLOCK_SHARE,
    BLOCK_TITLE,
)
from bot.core.matching.result import Miss
from bot.slack.deps import Deps, bound
from bot.slack.followup import guarded, send

log = logging.getLogger(__name__)
STALE_VIEW_ERRORS = frozenset({"hash_conflict", "not_found"})


def register(app: App, deps: Deps) -> None:
    for flow in Flow:
        app.view(flow.value)(bound(submit_title, deps))
    app.action(ACTION_VIEW_PICK)(bound(pick, deps))
    app.action(ACTION_VIEW_CHOOSE)(bound(choose, deps))
    app.action(ACTION_VIEW_AGAIN)(bound(look_up_again, deps))
    app.action(ACTION_SHARE_TO)(bound(_picker_changed, deps))


def submit_title(ack: Ack, view: dict[str, Any], body: dict[str, Any], deps: Deps, respond: Respond) -> None:
    """A typed title: the card, a did-you-mean or a miss replaces the modal; an unusable title gets an error.
    A card view's submission is its Share: the card goes to the chosen conversation through its response_url."""
    flow = Flow.of(view.get("callback_id")) or Flow.SEARCH
    slug = shared_slug(view)
    if slug is not None:
        share_from_modal(ack, slug, flow, view, body, deps, respond)
        return
    title = submitted_title(view)
    problem = title_problem(title)
    if problem is not None:
        ack(response_action="errors", errors={BLOCK_TITLE: problem})
        return
    result = deps.guide.index.lookup(title)
    ack(response_action="update", view=result_view(flow, title, result, chooser=_chooser(flow, view)))
    team_id = (body.get("team") or {}).get("id") or view.get("team_id") or ""
    if isinstance(result, Miss):  # typed in a modal, seen by no one else: counted, never shown unless requested
        user_id = (body.get("user") or {}).get("id") or ""
        enterprise_id = (body.get("enterprise") or {}).get("id") or None
        deps.count_miss(team_id, user_id, miss_label(title), public=False, enterprise_id=enterprise_id)


def share_from_modal(  # noqa: PLR0917 - the parts of one submission
    ack: Ack, slug: str, flow: Flow, view: dict[str, Any], body: dict[str, Any], deps: Deps, respond: Respond
) -> None:
    specimen = deps.guide.catalog.by_slug(slug)
    targets = body.get("response_urls") or []
    if specimen is None or not targets:
        problem = gone_text(slug) if specimen is None else "Slack gave no way to post there; pick another conversation."
        ack(response_action="errors", errors={f"{BLOCK_SHARE}:{slug}": problem})
        return
    channel = targets[0].get("channel_id") if isinstance(targets[0], dict) else None
    where = channel if isinstance(channel, str) else None
    ack(response_action="update", view=shared_view(flow, where, chooser=_chooser(flow, view)))
    user = body.get("user") or {}
    state = CardState("card", specimen.slug)
    deps.after_ack(guarded(post_shared), deps=deps, state=state, user=user, respond=respond)


def post_shared(deps: Deps, state: CardState, user: dict[str, Any], respond: Respond) -> None:
    specimen = deps.guide.catalog.by_slug(state.slug)
    if specimen is None:
        return
    quote, day = pick_entries(specimen, deps.rng)
    shared_by = user.get("name") or user.get("username")
    payload = deps.guide.shared(CardState("card", specimen.slug, quote, day), specimen, shared_by, user.get("id"))
    send(respond, payload)


def look_up_again(ack: Ack, action: dict[str, Any], body: dict[str, Any], deps: Deps, client: WebClient) -> None:
    """Look up another: the modal goes back to its search (the identify flow keeps its job-link chooser)."""
    ack()
    view = body.get("view") or {}
    flow = Flow.of(view.get("callback_id")) or Flow.SEARCH
    fresh = search_view() if flow is Flow.SEARCH else ask_title_view(flow, chooser=_chooser(flow, view))
    deps.after_ack(guarded(update_modal), client=client, current=view, view=fresh)


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


def _picker_changed(ack: Ack, deps: Deps) -> None:
    """The "Share it in" picker changed: nothing to do until the view is submitted."""
    ack()
