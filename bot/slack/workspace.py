"""Which workspace a request comes from, and whether this deployment serves it.

In one-workspace mode the bot belongs to the team ``auth.test`` names at start-up (and, for an org-wide install, to
its enterprise): ``Installation``. In OAuth mode it serves the workspaces with a stored installation
(``bot.slack.installations.InstalledTeams``). Either way a signed request from a workspace not served is refused
before any listener runs, so it can neither read nor change anyone's daily subscriptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from slack_bolt import App
from slack_bolt.middleware.authorization import SingleTeamAuthorization
from slack_sdk.web import SlackResponse

from bot.slack.requests import text_of


@dataclass(frozen=True)
class Identity:
    """The team and enterprise a request names (either may be missing: url_verification names neither)."""

    team_id: str | None
    enterprise_id: str | None
    org_wide: bool = False  # the request says the app is installed for the whole org (is_enterprise_install)


OTHER_WORKSPACE = "This app is installed in another workspace."
NOT_INSTALLED = (
    "specimen is not installed in this workspace (it may have been removed). Someone who can add apps here can "
    "install it again from its install page."
)


class ServedWorkspaces(Protocol):
    """The workspaces this deployment serves, and what a command from any other is told."""

    @property
    def refusal(self) -> str: ...

    def serves(self, who: Identity) -> bool: ...


@dataclass(frozen=True)
class Installation:
    """One-workspace mode: the team (or org) of SLACK_BOT_TOKEN."""

    team_id: str | None
    enterprise_id: str | None = None
    enterprise_install: bool = False

    @property
    def refusal(self) -> str:
        return OTHER_WORKSPACE

    def serves(self, who: Identity) -> bool:
        """True when the request names this team, or this enterprise for an org-wide install, or names neither."""
        if who.team_id is None and who.enterprise_id is None:
            return True
        if who.team_id is not None and who.team_id == self.team_id:
            return True
        return self.enterprise_install and who.enterprise_id is not None and who.enterprise_id == self.enterprise_id

    @classmethod
    def of(cls, auth_test: Mapping[str, Any]) -> Installation:
        return cls(
            team_id=auth_test.get("team_id") or None,
            enterprise_id=auth_test.get("enterprise_id") or None,
            enterprise_install=bool(auth_test.get("is_enterprise_install")),
        )


def installation_of(app: App) -> Installation | None:
    """The installation from the ``auth.test`` Bolt made at start-up (no second call); None when Bolt made none."""
    for middleware in app._middleware_list:  # Bolt keeps its start-up auth.test only here
        if isinstance(middleware, SingleTeamAuthorization):
            result = middleware.auth_test_result
            if isinstance(result, SlackResponse):
                return Installation.of(result.data if isinstance(result.data, dict) else {})
    return None


def request_identity(fields: Mapping[str, Any]) -> Identity:
    """The team and enterprise of a parsed request: a command's form fields, an interaction's ``payload``, or an
    Events API envelope."""
    payload = fields.get("payload")
    if isinstance(payload, Mapping):
        team = payload.get("team")
        user = payload.get("user")
        enterprise = payload.get("enterprise")
        team_id = text_of(team.get("id")) if isinstance(team, Mapping) else None
        if team_id is None and isinstance(user, Mapping):
            team_id = text_of(user.get("team_id"))
        enterprise_id = text_of(enterprise.get("id")) if isinstance(enterprise, Mapping) else text_of(enterprise)
        return Identity(team_id, enterprise_id, _flag(payload.get("is_enterprise_install")))
    authorizations = fields.get("authorizations")
    first = authorizations[0] if isinstance(authorizations, list) and authorizations else {}
    org_wide = _flag(fields.get("is_enterprise_install")) or (
        isinstance(first, Mapping) and _flag(first.get("is_enterprise_install"))
    )
    return Identity(text_of(fields.get("team_id")), text_of(fields.get("enterprise_id")), org_wide)


def _flag(value: Any) -> bool:
    """Slack's booleans: true in JSON, "true" in a form field."""
    return value is True or value == "true"


def request_channel(fields: Mapping[str, Any]) -> str | None:
    """The channel a request comes from, when it names one (for log lines)."""
    payload = fields.get("payload")
    if isinstance(payload, Mapping):
        channel = payload.get("channel")
        return text_of(channel.get("id")) if isinstance(channel, Mapping) else None
    event = fields.get("event")
    if isinstance(event, Mapping):
        return text_of(event.get("channel"))
    return text_of(fields.get("channel_id"))
