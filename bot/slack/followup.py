"""Work that runs after the acknowledgement: one guard logs a failure once and tells the user, if it can.

Work handed to ``Deps.after_ack`` / ``Deps.with_trigger`` runs outside Bolt, so Bolt's error handler never sees it;
every such piece of work is wrapped by ``guarded`` instead of catching errors itself. Also the two ways of
answering after an ack: ``send`` (response_url) and ``open_modal`` (a trigger that may have expired).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from bot.core.cards.replies import error_message

log = logging.getLogger(__name__)
TRIGGER_ERRORS = frozenset(
    {"expired_trigger_id", "exchanged_trigger_id", "trigger_expired", "trigger_exchanged", "invalid_trigger_id"}
)
TOO_LATE_FOR_MODAL = "Slack closed the window for opening that before it was ready. Please click the button again."
SORRY = "Something went wrong on our side and nothing was changed. Please try again in a minute."


def send(respond: Respond, payload: dict[str, Any], **flags: Any) -> bool:
    """Post to the request's response_url; False (and a log line) when Slack refuses it."""
    response = respond(**payload, **flags)
    if response.status_code != 200:
        log.warning("response_url refused a reply: HTTP %s %s", response.status_code, response.body)
        return False
    return True


def guarded(work: Callable[..., None]) -> Callable[..., None]:
    """Run ``work``; on an exception log it with its traceback and send the user an ephemeral apology."""

    @functools.wraps(work)
    def run(**kwargs: Any) -> None:
        try:
            work(**kwargs)
        except Exception:
            log.exception("%s failed", work.__name__)
            respond = kwargs.get("respond")
            if respond is None:
                return
            try:
                send(respond, error_message(SORRY), replace_original=False)
            except Exception as error:  # Slack itself may be what failed
                log.warning("could not tell the user about the failure: %s", error)

    return run


def open_modal(client: WebClient, trigger_id: object, view: View) -> bool:
    """``views.open``; False (logged) when Slack refuses the trigger. Any other refusal is a bug and raises."""
    if not isinstance(trigger_id, str) or not trigger_id:
        log.warning("a shortcut arrived without a trigger_id; no modal opened")
        return False
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        code = error.response.get("error")
        if code not in TRIGGER_ERRORS:
            raise
        log.warning("views.open refused the trigger: %s", code)
        return False
    return True
