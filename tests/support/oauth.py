"""Slack's side of "Add to Slack", for the Web API stand-in: ``oauth.v2.access`` and the tokens it hands out.

A test plays the person at the browser: ``approve(team)`` is Slack's consent screen (it returns the one-use ``code``
Slack would append to the redirect URL), then the app exchanges the code. As Slack does, the exchange checks the
client credentials (HTTP Basic, or form fields), uses each code once, and checks ``redirect_uri`` against the one
the install started with when both give one. With ``rotating=True`` the bot token expires in 12 hours and comes with
a refresh token (``grant_type=refresh_token`` hands out the next token).
"""

from __future__ import annotations

import base64
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from .web_methods import ApiError

TOKEN_SECONDS = 12 * 3600
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "test-client-secret-0123456789"


@dataclass(frozen=True)
class Team:
    """A workspace that installs the app (or an Enterprise Grid org, for an org-wide install)."""

    team_id: str | None
    name: str
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    org_wide: bool = False
    installer: str = "U0INSTALLER"

    @property
    def bot_user_id(self) -> str:
        return f"U0BOT{(self.team_id or self.enterprise_id or '')[-6:]}"


@dataclass
class Grant:
    team: Team
    token: str
    expires_at: float | None = None
    refresh_token: str | None = None


@dataclass
class OAuthProvider:
    """Codes, tokens and refresh tokens handed out; ``tokens`` maps every live bot token to its grant."""

    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    scopes: str = "commands,chat:write"
    app_id: str = "A0SPECIMEN"
    rotating: bool = False
    token_seconds: int = TOKEN_SECONDS
    codes: dict[str, tuple[Team, str | None]] = field(default_factory=dict)
    tokens: dict[str, Grant] = field(default_factory=dict)
    refresh: dict[str, Grant] = field(default_factory=dict)
    issued: dict[str, Grant] = field(default_factory=dict)  # every token ever handed out, live or not
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def approve(self, team: Team, redirect_uri: str | None = None) -> str:
        """The person pressed Allow: a one-use code for ``team``."""
        code = f"code-{secrets.token_hex(8)}"
        with self._lock:
            self.codes[code] = (team, redirect_uri)
        return code

    def revoke(self, team_id: str) -> None:
        """Slack revoked the team's tokens (the app was uninstalled)."""
        with self._lock:
            for token, grant in list(self.tokens.items()):
                if grant.team.team_id == team_id:
                    del self.tokens[token]

    def grant_of(self, token: str | None, now: float) -> Grant | None:
        with self._lock:
            grant = self.tokens.get(token or "")
        if grant is None or (grant.expires_at is not None and grant.expires_at <= now):
            return None
        return grant

    def refusal(self, token: str | None, now: float) -> str | None:
        """Why a token this provider issued no longer works (``token_expired``, ``invalid_auth``); None for a live
        token or one it never issued."""
        with self._lock:
            grant = self.issued.get(token or "")
            live = (token or "") in self.tokens
        if grant is None:
            return None
        if not live:
            return "invalid_auth"
        if grant.expires_at is not None and grant.expires_at <= now:
            return "token_expired"
        return None

    def exchange(self, params: dict[str, Any], headers: dict[str, str], now: float) -> dict[str, Any]:
        client_id, client_secret = _client_credentials(params, headers)
        if client_id != self.client_id:
            return ApiError("invalid_client_id").body()
        if client_secret != self.client_secret:
            return ApiError("bad_client_secret").body()
        if params.get("grant_type") == "refresh_token":
            return self._refresh(str(params.get("refresh_token") or ""), now)
        with self._lock:
            found = self.codes.pop(str(params.get("code") or ""), None)
        if found is None:
            return ApiError("invalid_code").body()
        team, redirect_uri = found
        if redirect_uri is not None and params.get("redirect_uri") not in (None, redirect_uri):
            return ApiError("bad_redirect_uri").body()
        return self._issue(team, now)

    def _issue(self, team: Team, now: float, refresh_token: str | None = None) -> dict[str, Any]:
        grant = Grant(team, f"xoxb-{(team.team_id or team.enterprise_id or 'x').lower()}-{secrets.token_hex(6)}")
        if self.rotating:
            grant.expires_at = now + self.token_seconds
            grant.refresh_token = refresh_token or f"xoxe-1-{secrets.token_hex(8)}"
        with self._lock:
            self.tokens[grant.token] = grant
            self.issued[grant.token] = grant
            if grant.refresh_token:
                self.refresh[grant.refresh_token] = grant
        reply: dict[str, Any] = {
            "ok": True,
            "app_id": self.app_id,
            "authed_user": {"id": team.installer},
            "scope": self.scopes,
            "token_type": "bot",
            "access_token": grant.token,
            "bot_user_id": team.bot_user_id,
            "team": {"id": team.team_id, "name": team.name} if team.team_id else None,
            "enterprise": {"id": team.enterprise_id, "name": team.enterprise_name} if team.enterprise_id else None,
            "is_enterprise_install": team.org_wide,
        }
        if grant.refresh_token:
            reply |= {"refresh_token": grant.refresh_token, "expires_in": self.token_seconds}
        return reply

    def _refresh(self, refresh_token: str, now: float) -> dict[str, Any]:
        with self._lock:
            grant = self.refresh.get(refresh_token)
        if grant is None:
            return ApiError("invalid_refresh_token").body()
        return self._issue(grant.team, now, refresh_token)

    def auth_test(self, grant: Grant) -> dict[str, Any]:
        team = grant.team
        return {
            "ok": True,
            "url": f"https://{(team.name or 'x').lower().replace(' ', '-')}.slack.com/",
            "team": team.name,
            "user": "specimen",
            "team_id": team.team_id or team.enterprise_id,
            "enterprise_id": team.enterprise_id,
            "user_id": team.bot_user_id,
            "bot_id": f"B{team.bot_user_id[1:]}",
            "is_enterprise_install": team.org_wide,
        }


def _client_credentials(params: dict[str, Any], headers: dict[str, str]) -> tuple[str, str]:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(auth[6:].strip()).decode("utf-8")
        except ValueError:
            return "", ""
        client_id, _, secret = decoded.partition(":")
        return client_id, secret
    return str(params.get("client_id") or ""), str(params.get("client_secret") or "")
