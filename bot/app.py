"""Build the Bolt app: one middleware hands listeners their dependencies; one error handler logs."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

from bot.cards.replies import error_message
from bot.config import SlackSettings
from bot.deps import Deps
from bot.followup import SORRY
from bot.listeners import actions, commands, home, shortcuts, views

log = logging.getLogger(__name__)


def web_client(slack: SlackSettings) -> WebClient:
    """The Web API client every listener shares; its base URL can point at a stand-in."""
    return WebClient(
        token=slack.bot_token,
        base_url=slack.api_url,
        timeout=10,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1)],
    )


def create_app(deps: Deps, slack: SlackSettings, *, client: WebClient | None = None) -> App:
    """The app with every listener registered. Calls `auth.test` once, here, to fail fast on a bad token."""
    bolt_log = logging.getLogger("bot.bolt")
    bolt_log.addFilter(_SkipTokenWarning())
    app = App(
        client=client or web_client(slack),
        signing_secret=slack.signing_secret,
        process_before_response=True,
        logger=bolt_log,
    )

    def provide_deps(context: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:
        context["deps"] = deps
        return next()

    app.use(provide_deps)
    commands.register(app)
    actions.register(app)
    shortcuts.register(app)
    views.register(app)
    home.register(app)
    app.error(on_error)
    return app


def on_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
    """Log once; answer 200 anyway (Slack shows a 500 as "dispatch_failed"), with an apology for a command."""
    kind = body.get("command") or body.get("type") or "request"
    log.error("listener failed for %s: %s", kind, error, exc_info=error)
    if body.get("command"):
        reply = json.dumps(error_message(SORRY))
        return BoltResponse(status=200, body=reply, headers={"content-type": ["application/json;charset=utf-8"]})
    return BoltResponse(status=200, body="")


class _SkipTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment as well and warns that the client's token wins; it is the same
    token, so the warning says nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()
