"""Build the Bolt app (every listener registered with its dependencies; one error handler logs), start it, and
connect it over Socket Mode."""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

from bot.config import OAuthInstallSettings, SlackSettings
from bot.core.cards.replies import error_message
from bot.errors import StartupError
from bot.slack.deps import Deps
from bot.slack.followup import SORRY
from bot.slack.installations import BoundedCache
from bot.slack.listeners import actions, commands, home, lifecycle, shortcuts, views
from bot.slack.oauth import SpecimenOAuthFlow, oauth_settings

log = logging.getLogger(__name__)
# The built-in Socket Mode client notices a connection closed under it only when its pings fail (five failed checks,
# one per interval; it spins on the dead socket meanwhile): Bolt's default of 10 s meant a minute without commands.
SOCKET_MODE_PING_SECONDS = 2.0
AUTHORIZE_CACHE_SIZE = 10_000  # auth.test results remembered per bot token (OAuth mode)


def web_client(slack: SlackSettings, *, retries: bool = True, timeout: int = 10) -> WebClient:
    """A Web API client; its base URL can point at a stand-in. ``retries=False`` for the daily poster: a retried
    post whose first attempt reached Slack would post twice (bot/slack/scheduler/poster.py)."""
    return WebClient(
        token=slack.bot_token or None,
        base_url=slack.api_url,
        timeout=timeout,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1)] if retries else [],
    )


def start_app(deps: Deps, slack: SlackSettings, oauth: OAuthInstallSettings | None = None) -> App:
    """The Bolt app; its one start-up ``auth.test`` failing is one line, without slack_sdk's retry chatter."""
    sdk_log = logging.getLogger("slack_sdk.web.base_client")
    level = sdk_log.level
    sdk_log.setLevel(logging.CRITICAL)
    try:
        return create_app(deps, slack, oauth=oauth)
    except (BoltError, SlackApiError) as error:
        raise StartupError(f"Slack refused SLACK_BOT_TOKEN ({error})") from None
    except OSError as error:
        raise StartupError(f"cannot reach Slack's Web API at {slack.api_url}: {error}") from None
    finally:
        sdk_log.setLevel(level)


SOCKET_MODE_CLOSE_SECONDS = 0.5


def serve_socket_mode(app: App, app_token: str, stop: threading.Event) -> None:
    """Connect over Socket Mode and serve until ``stop`` is set.

    The built-in client's ``close`` joins threads that each wait up to a second on a queue or a poll (~3 s in all);
    the process is about to exit, so it gets SOCKET_MODE_CLOSE_SECONDS and its daemon threads end with the process.
    """
    handler = SocketModeHandler(app, app_token, ping_interval=SOCKET_MODE_PING_SECONDS)
    handler.connect()  # type: ignore[no-untyped-call]
    log.info("connected over Socket Mode")
    stop.wait()
    closing = threading.Thread(target=handler.close, name="socket-mode-close", daemon=True)
    closing.start()
    closing.join(SOCKET_MODE_CLOSE_SECONDS)


def create_app(
    deps: Deps, slack: SlackSettings, *, client: WebClient | None = None, oauth: OAuthInstallSettings | None = None
) -> App:
    """The app with every listener registered. One workspace: calls `auth.test` once, here, to fail fast on a bad
    token. OAuth (``oauth``): Bolt's install flow, each request authorised with its workspace's stored bot token."""
    bolt_log = logging.getLogger("bot.bolt")
    bolt_log.addFilter(_SkipTokenWarning())
    client = client or web_client(slack)
    if oauth is None:
        app = App(client=client, signing_secret=slack.signing_secret, process_before_response=True, logger=bolt_log)
    else:
        app = _oauth_app(deps, slack, client, oauth, bolt_log)

    for listeners in (commands, actions, shortcuts, views, home, lifecycle):
        listeners.register(app, deps)
    app.error(on_error)
    return app


def _oauth_app(
    deps: Deps, slack: SlackSettings, client: WebClient, oauth: OAuthInstallSettings, bolt_log: logging.Logger
) -> App:
    if deps.store is None or deps.installations is None:
        raise StartupError("OAuth (SLACK_CLIENT_ID) needs the database: installations are stored there")
    store, installations = deps.store, deps.installations

    def installed(team_id: str | None, enterprise_id: str | None) -> None:
        if team_id is not None and store.unblock_team(team_id):
            log.info("workspace %s installed again: its daily posts resume", team_id)
        elif team_id is None and enterprise_id is not None and store.unblock_enterprise(enterprise_id):
            log.info("org %s installed again: its workspaces' daily posts resume", enterprise_id)

    # Bot tokens only (no user tokens are asked for); auth.test results remembered per token, and the bot of each
    # workspace remembered by the installation store's cache: no database or Web API round trip per request.
    authorize = InstallationStoreAuthorize(
        installation_store=installations,
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        logger=bolt_log,
        bot_only=True,
        cache_enabled=True,
        client=client,
    )
    # Bolt keeps one result per token it ever saw; with rotation every workspace brings a new token twice a day.
    authorize.authorize_result_cache = BoundedCache(AUTHORIZE_CACHE_SIZE)
    return App(
        client=client,
        signing_secret=slack.signing_secret,
        process_before_response=True,
        logger=bolt_log,
        authorize=authorize,  # type: ignore[arg-type]  # Bolt takes an Authorize object too (it is callable)
        installation_store=installations,
        installation_store_bot_only=True,
        oauth_flow=SpecimenOAuthFlow(
            client=client, logger=bolt_log, settings=oauth_settings(oauth, store, installations, installed)
        ),
    )


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
