"""A workspace leaving: every row it left behind deleted in one transaction, and old ledger rows pruned.

Slack sends ``app_uninstalled`` and ``tokens_revoked`` in either order and retries them, so every function here is
idempotent: deleting what is already gone deletes nothing and succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, Connection, Table, and_, delete, false, or_, select, update

from bot.store.tables import (
    post_ledger,
    request_marks,
    rotation,
    share_claims,
    slack_bots,
    slack_installations,
    slack_oauth_states,
    subscriptions,
    team_blocks,
    title_asks,
)

# Everything a workspace leaves: the installation (tokens, ids, the installer's user id), subscriptions (with the
# subscriber's user id), the ledger (with it too), rotation state, asked titles (hashed askers), stop notes, request
# marks and share claims.
TEAM_TABLES: tuple[Table, ...] = (
    slack_installations,
    slack_bots,
    subscriptions,
    post_ledger,
    rotation,
    title_asks,
    team_blocks,
    request_marks,
    share_claims,
)
LEDGER_RETENTION = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class Leaver:
    """Who is leaving: one workspace (``team_id``), or a whole Enterprise Grid org for an org-wide install
    (``teams``: the org's workspaces seen in any table, so rows stored without the org's id go too)."""

    team_id: str | None
    enterprise_id: str | None = None
    whole_enterprise: bool = False
    teams: frozenset[str] = frozenset()

    def rows_of(self, table: Table) -> ColumnElement[bool]:
        if self.whole_enterprise and self.enterprise_id is not None:
            return or_(table.c.enterprise_id == self.enterprise_id, table.c.team_id.in_(self.teams))
        if self.team_id is None:
            return false()
        return table.c.team_id == self.team_id


def org_teams(conn: Connection, enterprise_id: str) -> frozenset[str]:
    """Every workspace id stored with the org's id, in any table."""
    found: set[str] = set()
    for table in TEAM_TABLES:
        query = select(table.c.team_id).where(table.c.enterprise_id == enterprise_id, table.c.team_id.is_not(None))
        found.update(conn.execute(query.distinct()).scalars())
    return frozenset(found)


def forget_team(conn: Connection, leaver: Leaver) -> dict[str, int]:
    """Delete every row of the leaving workspace (or org), in the caller's transaction; rows deleted per table.

    Events' replay marks stay until they expire (an hour; they hold an event id, nothing about anyone): a retried
    ``app_uninstalled`` must still find its mark, or it would act again, perhaps after the workspace reinstalled.
    """
    if leaver.whole_enterprise and leaver.enterprise_id is not None:
        leaver = replace(leaver, teams=org_teams(conn, leaver.enterprise_id))
    gone: dict[str, int] = {}
    for table in TEAM_TABLES:
        rows = leaver.rows_of(table)
        if table is request_marks:
            rows = and_(rows, request_marks.c.key.not_like("event:%"))
        gone[table.name] = conn.execute(delete(table).where(rows)).rowcount
    return gone


def forget_bot_tokens(conn: Connection, leaver: Leaver) -> int:
    """``tokens_revoked`` for the bot: the bot installation (its rows in both OAuth tables) goes."""
    gone = conn.execute(delete(slack_bots).where(leaver.rows_of(slack_bots))).rowcount
    return gone + conn.execute(delete(slack_installations).where(leaver.rows_of(slack_installations))).rowcount


def forget_user_tokens(conn: Connection, leaver: Leaver, user_ids: list[str]) -> int:
    """``tokens_revoked`` for people: their user tokens are cleared (this app asks for none, so normally none)."""
    if not user_ids:
        return 0
    table = slack_installations
    statement = (
        update(table)
        .where(and_(leaver.rows_of(table), table.c.user_id.in_(user_ids), table.c.user_token.is_not(None)))
        .values(user_token=None, user_refresh_token=None, user_token_expires_at=None, user_scopes=None)
    )
    return conn.execute(statement).rowcount


def prune_oauth_states(conn: Connection, now: datetime) -> int:
    """slack_sdk deletes a state when it is used; one never used expires and stays until this deletes it."""
    expired = slack_oauth_states.c.expire_at < now.astimezone(UTC).replace(tzinfo=None)  # stored as naive UTC
    return conn.execute(delete(slack_oauth_states).where(expired)).rowcount


def prune_ledger(conn: Connection, today: date) -> int:
    """Delete ledger rows for local dates more than LEDGER_RETENTION ago (they guard nothing any more)."""
    return conn.execute(delete(post_ledger).where(post_ledger.c.local_date < today - LEDGER_RETENTION)).rowcount
