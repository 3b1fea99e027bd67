"""App Home: the field guide index, published per user when the Home tab opens and when a page button is pressed.

Every ``views.publish`` runs after the acknowledgement (``deps.after_ack``): the app runs with
``process_before_response=True``, so a Web API call inside the listener would hold back the HTTP answer to Slack.
The search box's options are answered in the request itself, from memory.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.blocks.state import CardState, StateError, decode_slug
from bot.core.cards.full_file import home_file_view, notice_modal, picked_channel
from bot.core.cards.home import SEARCH_OPTIONS_MAX, home_view, search_options
from bot.core.cards.pick import pick_entries
from bot.core.daily.model import Subscription
from bot.core.home_content import (
    ASKS_SHOWN,
    AskedTitle,
    HomeContent,
    PageError,
    decode_page,
    index_order,
    page_of,
    quote_of_the_day,
    shared_asks,
    utc_day,
)
from bot.core.ids import (
    ACTION_HOME_NEXT,
    ACTION_HOME_PREVIOUS,
    ACTION_HOME_SEARCH,
    ACTION_LIST_OPEN,
    ACTION_POST_TO,
    BLOCK_POST_TO,
    VIEW_HOME_FILE,
)
from bot.core.records.model import Specimen
from bot.slack.deps import Deps, bound
from bot.slack.followup import guarded, open_modal

log = logging.getLogger(__name__)
SEARCH_TEXT_MAX = 200  # what a search box can hold is short; a longer value is cut before matching


def register(app: App, deps: Deps) -> None:
    app.event("app_home_opened")(bound(home_opened, deps))
    app.options(ACTION_HOME_SEARCH)(bound(suggest, deps))
    app.options(ACTION_LIST_OPEN)(bound(suggest, deps))  # `/specimen list`'s select: the same options
    app.action(ACTION_HOME_SEARCH)(bound(search_picked, deps))
    app.view(VIEW_HOME_FILE)(bound(submit_home_share, deps))
    app.action(ACTION_POST_TO)(bound(_picker_changed, deps))
    app.action(ACTION_HOME_PREVIOUS)(bound(turn_page, deps))
    app.action(ACTION_HOME_NEXT)(bound(turn_page, deps))


def home_opened(event: dict[str, Any], deps: Deps, client: WebClient, team_id: str | None) -> None:
    """The Home tab opened (the event also fires for the Messages tab: ignored). Reopening keeps the page shown."""
    user_id = event.get("user")
    if event.get("tab") != "home" or not isinstance(user_id, str):
        return
    shown = event.get("view") or {}
    try:
        page = decode_page(shown.get("private_metadata"))
    except PageError:
        page = 1  # no view published yet, or not one of ours
    deps.after_ack(
        guarded(publish_home),
        client=client,
        deps=deps,
        user_id=user_id,
        team_id=team_id,
        page=page,
        view_hash=shown.get("hash"),
    )


def turn_page(  # noqa: PLR0917 - Bolt injects arguments by parameter name
    ack: Ack, action: dict[str, Any], body: dict[str, Any], deps: Deps, client: WebClient, team_id: str | None
) -> None:
    """Previous / Next: the button's value is the page to show; anything else is refused."""
    ack()
    try:
        page = decode_page(action.get("value"))
    except PageError as error:
        log.warning("ignored a Home page button with a bad value: %s", error)
        return
    deps.after_ack(
        guarded(publish_home),
        client=client,
        deps=deps,
        user_id=(body.get("user") or {}).get("id"),
        team_id=team_id,
        page=page,
        view_hash=(body.get("view") or {}).get("hash"),
    )


def suggest(ack: Ack, payload: dict[str, Any], deps: Deps) -> None:
    """The search box's options, ranked by the title index; answered in the request (Slack waits for them)."""
    text = payload.get("value")
    text = text[:SEARCH_TEXT_MAX] if isinstance(text, str) else ""
    ack(options=search_options(deps.guide.index.suggest(text, limit=SEARCH_OPTIONS_MAX)))


def search_picked(ack: Ack, action: dict[str, Any], body: dict[str, Any], deps: Deps, client: WebClient) -> None:
    """A specimen chosen in the search box: its full file in a modal."""
    ack()
    try:
        slug = decode_slug((action.get("selected_option") or {}).get("value"))
    except StateError as error:
        log.warning("ignored a Home search pick with a bad value: %s", error)
        return
    specimen = deps.guide.catalog.by_slug(slug)
    if specimen is None:
        log.info("Home search picked %r, which is no longer in the field guide", slug)
        return
    deps.with_trigger(guarded(open_full_file), client=client, trigger_id=body.get("trigger_id"), specimen=specimen)


def open_full_file(client: WebClient, trigger_id: str | None, specimen: Specimen) -> None:
    open_modal(client, trigger_id, home_file_view(specimen))


def submit_home_share(ack: Ack, view: dict[str, Any], body: dict[str, Any], deps: Deps, client: WebClient) -> None:
    """Share from the Home tab's file: the modal says where at once; the post follows after the acknowledgement."""
    slug, channel = view.get("private_metadata"), picked_channel(view)
    specimen = deps.guide.catalog.by_slug(slug) if isinstance(slug, str) else None
    if specimen is None or channel is None:
        problem = "Pick a channel." if specimen else "That specimen is no longer in the field guide."
        ack(response_action="errors", errors={BLOCK_POST_TO: problem})
        return
    ack(response_action="update", view=notice_modal(f"Sharing in <#{channel}>…"))
    user = body.get("user") or {}
    deps.after_ack(
        guarded(post_home_share), deps=deps, client=client, specimen=specimen, channel=channel, user=user,
        view_id=(view.get("id") or ""),
    )  # fmt: skip


def post_home_share(  # noqa: PLR0917 - the parts of one share
    deps: Deps, client: WebClient, specimen: Specimen, channel: str, user: dict[str, Any], view_id: str
) -> None:
    quote, day = pick_entries(specimen, deps.rng)
    state = CardState("card", specimen.slug, quote, day)
    payload = deps.guide.shared(state, specimen, user.get("name") or user.get("username"), user.get("id"))
    try:
        client.chat_postMessage(channel=channel, text=payload["text"], blocks=payload["blocks"])
        outcome = f"Shared in <#{channel}>."
    except SlackApiError as error:
        code = error.response.get("error")
        if code not in ("not_in_channel", "channel_not_found", "is_archived"):
            raise
        outcome = f"I'm not a member of <#{channel}>, so I couldn't post there: `/invite @specimen` in it first."
    if view_id:
        try:
            client.views_update(view_id=view_id, view=notice_modal(outcome))
        except SlackApiError as error:
            log.info("the Home share's modal was gone before its outcome: %s", error.response.get("error"))


def home_content(
    deps: Deps, team_id: str | None, page: int, *, viewer: str | None = None, client: WebClient | None = None
) -> HomeContent:
    """What the Home tab shows ``viewer`` in a workspace (the store is read here, after the acknowledgement).

    A daily post in a private channel is listed only to the person who subscribed it; a channel Slack cannot
    describe (``conversations.info`` failed) counts as private.
    """
    now = deps.now()
    catalog = deps.guide.catalog
    subscriptions: tuple[Subscription, ...] | None = None
    asks: tuple[AskedTitle, ...] | None = None
    if deps.store is not None and team_id:
        subscriptions = tuple(
            sub
            for sub in deps.store.team_subscriptions(team_id)
            if (viewer is not None and sub.user_id == viewer) or _is_public(deps, client, sub.channel_id)
        )
        asks = shared_asks(deps.store.top_asked(team_id, ASKS_SHOWN))
    return HomeContent(
        page=page_of(index_order(catalog), page),
        quote=quote_of_the_day(catalog, utc_day(now)),
        subscriptions=subscriptions,
        asks=asks,
        now=now,
    )


def _is_public(deps: Deps, client: WebClient | None, channel_id: str) -> bool:
    if client is None or channel_id.startswith(("G", "D")):
        return False
    info = deps.conversations.info(client, channel_id)
    return info is not None and not info.is_private


def publish_home(
    *, client: WebClient, deps: Deps, user_id: str | None, team_id: str | None, page: int, view_hash: str | None
) -> None:
    """Publish ``page`` of the index for ``user_id``; ``view_hash`` (the view the request came from) guards races."""
    if not user_id:
        log.warning("no user to publish the Home tab for")
        return
    view = home_view(home_content(deps, team_id, page, viewer=user_id, client=client))
    try:
        client.views_publish(user_id=user_id, view=view, **({"hash": view_hash} if view_hash else {}))
    except SlackApiError as error:
        if error.response.get("error") != "hash_conflict":
            raise
        # The tab changed since this request's view (another click or a reopen published first): that one stands.
        log.info("Home tab of %s changed meanwhile; this publish was dropped", user_id)


def _picker_changed(ack: Ack, deps: Deps) -> None:
    """The Home file's channel picker changed: nothing to do until the view is submitted."""
    ack()
