"""The two shortcuts: "Identify specimen" on a message and "Look up a specimen" from anywhere.

Each is acknowledged at once and its modal opened right after, from the background executor, well inside the
trigger's 3 s life: what comes before ``views.open`` is an in-memory scan of the message and a few index lookups
(milliseconds even for a 40,000-character message with 200 links; see ``bench.shortcuts``). A message without a job
link gets an ephemeral reply through the shortcut's response_url instead of a modal.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.core.answers.identify import link_choices
from bot.core.cards.modals import link_view, no_job_link_message, search_view
from bot.core.cards.replies import error_message
from bot.core.ids import SHORTCUT_IDENTIFY, SHORTCUT_LOOKUP
from bot.core.links import extract_candidates
from bot.slack.deps import Deps, bound
from bot.slack.followup import guarded, open_modal, send

log = logging.getLogger(__name__)

TOO_LATE = "Slack closed the window for this answer before it was ready. Please use “Identify specimen” again."


def register(app: App, deps: Deps) -> None:
    app.shortcut(SHORTCUT_IDENTIFY)(bound(identify, deps))
    app.shortcut(SHORTCUT_LOOKUP)(bound(look_up, deps))


def identify(ack: Ack, shortcut: dict[str, Any], deps: Deps, client: WebClient, respond: Respond) -> None:
    ack()
    deps.with_trigger(guarded(open_identification), shortcut=shortcut, deps=deps, client=client, respond=respond)


def open_identification(shortcut: dict[str, Any], deps: Deps, client: WebClient, respond: Respond) -> None:
    """The card of the message's best job link (with a chooser when it has several), a title prompt, or a miss."""
    message = shortcut.get("message")
    scan = extract_candidates(message if isinstance(message, Mapping) else {})
    if not scan.has_job_link:
        send(respond, no_job_link_message(scan))
        return
    lookup = deps.guide.index.lookup
    if not open_modal(client, shortcut.get("trigger_id"), link_view(link_choices(scan, lookup), lookup)):
        send(respond, error_message(TOO_LATE))


def look_up(ack: Ack, shortcut: dict[str, Any], deps: Deps, client: WebClient) -> None:
    ack()
    deps.with_trigger(guarded(open_search), trigger_id=shortcut.get("trigger_id"), client=client)


def open_search(trigger_id: object, client: WebClient) -> None:
    open_modal(client, trigger_id, search_view())
