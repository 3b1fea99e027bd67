"""Bolt's OAuth for "Add to Slack": slack_sdk's SQLAlchemy stores on the app's own database, our pages at the end.

Installations and bots live in ``slack_installations`` / ``slack_bots``, the ``state`` of installs in progress in
``slack_oauth_states`` (all created by the migrations). ``oauth.v2.access`` goes through the app's WebClient, so it
honours SLACK_API_URL like every other call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings

from bot.config import OAuthInstallSettings
from bot.core.site.install import install_failed_page, install_page, installed_page
from bot.slack.endpoint import Reply
from bot.slack.installations import CachedInstallationStore, installation_summary
from bot.slack.site import page_headers
from bot.store import Store

log = logging.getLogger(__name__)
STATE_SECONDS = 600  # an install link lasts ten minutes


def _html_headers() -> dict[str, str | Sequence[str]]:
    return {"content-type": "text/html; charset=utf-8"}


def installation_store(oauth: OAuthInstallSettings, store: Store) -> CachedInstallationStore:
    return CachedInstallationStore(store.installation_store(oauth.client_id))


def oauth_settings(
    oauth: OAuthInstallSettings,
    store: Store,
    installations: CachedInstallationStore,
    on_installed: Callable[[str | None, str | None], None],
) -> OAuthSettings:
    """Bolt's settings: bot scopes only, state kept in the database and bound to the browser by a cookie."""

    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        log.info("installed: %s", installation_summary(installation))
        on_installed(installation.team_id, installation.enterprise_id)
        name = installation.team_name or installation.enterprise_name
        return BoltResponse(status=200, body=installed_page(name, oauth.install_path), headers=_html_headers())

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("an install did not finish: %s", args.reason, exc_info=args.error)
        page = install_failed_page(args.reason, oauth.install_path)
        return BoltResponse(status=args.suggested_status_code, body=page, headers=_html_headers())

    return OAuthSettings(
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        scopes=list(oauth.scopes),
        user_scopes=[],
        redirect_uri=oauth.redirect_uri,
        install_path=oauth.install_path,
        redirect_uri_path=oauth.redirect_path,
        callback_options=CallbackOptions(success=success, failure=failure),
        installation_store=installations,
        installation_store_bot_only=True,
        state_store=store.oauth_state_store(STATE_SECONDS),
        state_expiration_seconds=STATE_SECONDS,
    )


class SpecimenOAuthFlow(OAuthFlow):
    """Bolt's OAuth flow with the install page drawn in the site's frame (Bolt's own loads Slack's button image
    and an inline style, which the site's Content-Security-Policy forbids)."""

    def build_install_page_html(self, url: str, request: BoltRequest) -> str:
        return install_page(url)


@dataclass(frozen=True)
class InstallRoutes:
    """``GET /slack/install`` and ``GET /slack/oauth_redirect``, answered by Bolt's OAuth flow."""

    flow: OAuthFlow

    def serves(self, path: str) -> bool:
        return path in (self.flow.install_path, self.flow.redirect_uri_path)

    def answer(self, path: str, query: str, headers: Mapping[str, str]) -> Reply:
        request = BoltRequest(body="", query=query, headers={name: [value] for name, value in headers.items()})
        if path == self.flow.install_path:
            response = self.flow.handle_installation(request)
        else:
            response = self.flow.handle_callback(request)
        return reply_of(response)


# The site's headers (its strict CSP: own stylesheet and icon, no script); never cached: each holds a single-use state.
INSTALL_PAGE_HEADERS = page_headers("no-store")


def reply_of(response: BoltResponse) -> Reply:
    """A Bolt response as the HTTP front's reply (Set-Cookie and Location kept), with the security headers of a
    public page."""
    content_type = "text/html; charset=utf-8"
    extra: list[tuple[str, str]] = list(INSTALL_PAGE_HEADERS)
    ours = {name for name, _ in INSTALL_PAGE_HEADERS}
    for name, values in response.headers.items():
        if name.lower() == "content-type":
            content_type = next(iter(values), content_type)
        elif name.lower() not in ("content-length", *ours):
            extra += [(name.lower(), value) for value in values]
    return Reply(response.status, response.body.encode("utf-8"), content_type, tuple(extra))
