"""Workspaces that installed the app (Bolt's OAuth), with their bot tokens found fast and kept fresh.

``CachedInstallationStore`` puts a short memory in front of slack_sdk's SQLAlchemy store: Bolt asks for the bot of
every request's workspace, and in steady state the answer comes from this process's memory, not a database round
trip. An entry lives ``ttl`` seconds, so a workspace uninstalled through another process is forgotten here within
that time; this process's own saves and deletes forget it at once. A token that expires within the rotation window
is never remembered, so Bolt (and the clock) always see the stored, possibly refreshed, token when it matters.

``TeamClients`` hand the clock a Web API client per workspace: one fixed client in one-workspace mode, each
workspace's own bot token (refreshed first when it expires within two hours) in OAuth mode.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from logging import Logger
from typing import Any, Protocol, TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackTokenRotationError
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.slack.workspace import NOT_INSTALLED, Identity

log = logging.getLogger(__name__)

REMEMBER_SECONDS = 30.0
ROTATION_MINUTES = 120  # refresh a token that expires within this long (Bolt's default, and the clock's)

_Key = tuple[str | None, str | None, bool]
K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(dict[K, V]):
    """A dict that forgets its oldest entry once it holds ``limit`` (for caches owned by libraries)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit

    def __setitem__(self, key: K, value: V) -> None:
        if key not in self and len(self) >= self._limit:
            del self[next(iter(self))]
        super().__setitem__(key, value)


class CachedInstallationStore(InstallationStore):
    """An InstallationStore whose ``find_bot`` answers from memory for ``ttl`` seconds (see the module's notes)."""

    def __init__(
        self,
        store: InstallationStore,
        *,
        ttl: float = REMEMBER_SECONDS,
        rotation_minutes: int = ROTATION_MINUTES,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._ttl = ttl
        self._rotation_seconds = rotation_minutes * 60
        self._clock = clock
        self._wall = wall
        self._bots: dict[_Key, tuple[float, Bot]] = {}
        self._lock = threading.Lock()

    @property
    def logger(self) -> Logger:
        return log

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        key: _Key = (enterprise_id, None if is_enterprise_install else team_id, bool(is_enterprise_install))
        now = self._clock()
        with self._lock:
            held = self._bots.get(key)
        if held is not None and now - held[0] < self._ttl:
            return held[1]
        bot = self._store.find_bot(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
        )
        if bot is not None and self._lasts(bot):
            with self._lock:
                self._bots[key] = (now, bot)
        elif held is not None:
            with self._lock:
                self._bots.pop(key, None)
        return bot

    def _lasts(self, bot: Bot) -> bool:
        """True when the token cannot need a refresh while it is remembered."""
        expires = bot.bot_token_expires_at
        return expires is None or expires - self._wall() > self._rotation_seconds + self._ttl

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return self._store.find_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, is_enterprise_install=is_enterprise_install
        )

    def save(self, installation: Installation) -> None:
        self._store.save(installation)
        self.forget(installation.enterprise_id, installation.team_id)

    def save_bot(self, bot: Bot) -> None:
        self._store.save_bot(bot)
        self.forget(bot.enterprise_id, bot.team_id)

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self._store.delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        self.forget(enterprise_id, team_id)

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        self._store.delete_installation(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)
        self.forget(enterprise_id, team_id)

    def delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self._store.delete_all(enterprise_id=enterprise_id, team_id=team_id)
        self.forget(enterprise_id, team_id)

    def forget(self, enterprise_id: str | None, team_id: str | None) -> None:
        """Drop what is remembered of a workspace (and, for an org-wide install, of its org)."""
        with self._lock:
            for key in list(self._bots):
                key_enterprise, key_team, org_wide = key
                if (team_id is not None and key_team == team_id) or (
                    enterprise_id is not None and key_enterprise == enterprise_id and (org_wide or team_id is None)
                ):
                    del self._bots[key]


@dataclass(frozen=True)
class InstalledTeams:
    """OAuth mode: the workspaces with a stored installation, or whose org has an org-wide one."""

    store: InstallationStore

    @property
    def refusal(self) -> str:
        return NOT_INSTALLED

    def serves(self, who: Identity) -> bool:
        if who.team_id is None and who.enterprise_id is None:
            return True  # url_verification, ssl_check: no workspace
        return find_workspace_bot(self.store, who.team_id, who.enterprise_id, org_wide=who.org_wide) is not None


def find_workspace_bot(
    store: InstallationStore, team_id: str | None, enterprise_id: str | None, *, org_wide: bool = False
) -> Bot | None:
    """The bot serving a workspace: its own installation, else its org's org-wide installation (``team_id`` None,
    or ``org_wide`` as a request says it: straight to the org's)."""
    own = team_id is not None and not (org_wide and enterprise_id is not None)
    bot = store.find_bot(enterprise_id=enterprise_id, team_id=team_id) if own else None
    if bot is None and enterprise_id is not None:
        bot = store.find_bot(enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True)
    return bot


class TokenUnavailableError(Exception):
    """The workspace's token could not be refreshed just now (network, Slack's 5xx or rate limit): try again later,
    unlike a workspace with no installation or a refresh Slack refused."""


# oauth.v2.access answers that say the installation itself is gone, not that Slack is busy.
REFRESH_REFUSED = frozenset(
    {
        "invalid_refresh_token",
        "token_revoked",
        "token_expired",
        "invalid_client_id",
        "bad_client_secret",
        "invalid_auth",
    }
)


class TeamClients(Protocol):
    """A Web API client for a workspace, or None when the app has no working token there; TokenUnavailableError when
    it cannot tell just now."""

    def client_for(self, team_id: str, enterprise_id: str | None) -> WebClient | None: ...


class ClientsForPass:
    """One pass's view of ``TeamClients``: each workspace is looked up (its token refreshed) at most once, and one
    that could not be had just now stays so for the pass."""

    def __init__(self, clients: TeamClients) -> None:
        self._clients = clients
        self._found: dict[str, WebClient | TokenUnavailableError | None] = {}

    def client_for(self, team_id: str, enterprise_id: str | None) -> WebClient | None:
        if team_id not in self._found:
            try:
                self._found[team_id] = self._clients.client_for(team_id, enterprise_id)
            except TokenUnavailableError as error:
                log.warning("workspace %s: %s; its posts wait for a later pass", team_id, error)
                self._found[team_id] = error
                raise
        found = self._found[team_id]
        if isinstance(found, TokenUnavailableError):
            raise found
        return found


class OneWorkspace:
    """One-workspace mode: SLACK_BOT_TOKEN's client, whichever workspace is asked for."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def client_for(self, team_id: str, enterprise_id: str | None) -> WebClient | None:
        return self.client


class InstalledWorkspaces:
    """OAuth mode: each workspace's own bot token, refreshed before use when it expires within two hours."""

    def __init__(
        self,
        store: InstallationStore,
        *,
        api_url: str,
        client_id: str,
        client_secret: str,
        timeout: int = 30,
        rotation_minutes: int = ROTATION_MINUTES,
    ) -> None:
        self._store = store
        self._api_url = api_url
        self._timeout = timeout
        self._rotation_minutes = rotation_minutes
        # The rotator's own client reaches oauth.v2.access at SLACK_API_URL (stand-ins in tests).
        self._rotator = TokenRotator(
            client_id=client_id, client_secret=client_secret, client=WebClient(base_url=api_url, timeout=timeout)
        )

    def client_for(self, team_id: str, enterprise_id: str | None) -> WebClient | None:
        bot = find_workspace_bot(self._store, team_id, enterprise_id)
        if bot is None or not bot.bot_token:
            return None
        try:
            refreshed = self._rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=self._rotation_minutes
            )
        except SlackTokenRotationError as error:
            code = error.api_error.response.get("error") if isinstance(error.api_error.response.data, dict) else None
            if code in REFRESH_REFUSED:
                log.error("Slack refused to refresh the bot token of workspace %s (%s)", team_id, code)
                return None
            raise TokenUnavailableError(f"token refresh failed: {code or error.api_error}") from error
        except (SlackApiError, OSError) as error:
            raise TokenUnavailableError(f"token refresh failed: {error.__class__.__name__}: {error}") from error
        if refreshed is not None:
            self._store.save_bot(refreshed)
            log.info("refreshed the bot token of workspace %s before posting", team_id)
            bot = refreshed
        # No automatic retries: a retried post whose first attempt reached Slack would post twice (poster.py).
        return WebClient(token=bot.bot_token, base_url=self._api_url, timeout=self._timeout, retry_handlers=[])


def installation_summary(installation: Installation) -> dict[str, Any]:
    """Who installed where, for one log line (ids only: no names, no tokens)."""
    return {
        "team_id": installation.team_id,
        "enterprise_id": installation.enterprise_id,
        "org_wide": bool(installation.is_enterprise_install),
        "user_id": installation.user_id,
    }
