"""A workspace leaving: ``app_uninstalled`` deletes everything it left, ``tokens_revoked`` what the tokens covered.

Slack may send the two in either order, and retries an event it got no 200 for: each handler is idempotent (a
second delivery finds nothing left to delete). Bolt lets both events through without an installation (the
installation may already be gone), and the replay guard acts on an event id once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt import App

from bot.slack.deps import Deps, bound
from bot.slack.installations import find_workspace_bot
from bot.store import Leaver

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    app.event("app_uninstalled")(bound(uninstalled, deps))
    app.event("tokens_revoked")(bound(tokens_revoked, deps))


def leaver_of(body: Mapping[str, Any]) -> Leaver:
    """Who an event envelope says is leaving: the workspace, or the whole org for an org-wide install."""
    team = body.get("team_id") or None
    enterprise = body.get("enterprise_id") or None
    org_wide = bool(body.get("is_enterprise_install")) and enterprise is not None
    return Leaver(team, enterprise, org_wide)


def uninstalled(body: dict[str, Any], deps: Deps) -> None:
    leaver = leaver_of(body)
    if _reinstalled_since(body, leaver, deps):
        log.info("ignored an app_uninstalled for %s older than its current installation", _who(leaver))
        return
    if deps.store is not None:
        gone = deps.store.forget_team(leaver)
        removed = {table: count for table, count in gone.items() if count}
        log.info("uninstalled from %s: deleted %s", _who(leaver), removed or "nothing (already gone)")
    if deps.installations is not None:
        deps.installations.forget(leaver.enterprise_id, leaver.team_id)


def tokens_revoked(body: dict[str, Any], event: dict[str, Any], deps: Deps) -> None:
    leaver = leaver_of(body)
    tokens = event.get("tokens") or {}
    bots = [str(bot) for bot in tokens.get("bot") or []]
    users = [str(user) for user in tokens.get("oauth") or []]
    if deps.store is not None:
        gone = deps.store.forget_tokens(leaver, bot=bool(bots), user_ids=users)
        log.info(
            "tokens revoked in %s (bot: %s, people: %d): %d rows deleted", _who(leaver), bool(bots), len(users), gone
        )
    if deps.installations is not None:
        deps.installations.forget(leaver.enterprise_id, leaver.team_id)


def _reinstalled_since(body: dict[str, Any], leaver: Leaver, deps: Deps) -> bool:
    """True when the workspace installed the app again after this (late or retried) event was sent."""
    sent = body.get("event_time")
    if deps.installations is None or not isinstance(sent, int | float):
        return False
    bot = find_workspace_bot(
        deps.installations, None if leaver.whole_enterprise else leaver.team_id, leaver.enterprise_id
    )
    return bot is not None and bot.installed_at > sent + 1  # event_time is whole seconds


def _who(leaver: Leaver) -> str:
    if leaver.whole_enterprise:
        return f"org {leaver.enterprise_id}"
    return f"workspace {leaver.team_id}"
