"""Work that runs after the acknowledgement: one guard logs a failure once and tells the user, if it can.

Bolt logs an exception from a lazy listener in one line, without a traceback, and the user hears nothing;
every lazy listener of this app is wrapped by ``guarded`` instead of catching errors itself.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Respond

from bot.cards.replies import error_message

log = logging.getLogger(__name__)
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
