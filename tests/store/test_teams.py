"""A workspace leaving deletes its rows and only its rows, on SQLite and PostgreSQL; old ledger rows are pruned."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, insert, select

from bot.core.daily.schedule import Days, Kind, Schedule
from bot.store import Leaver, Store
from bot.store.tables import post_ledger, slack_bots, slack_installations, subscriptions
from bot.store.teams import TEAM_TABLES

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def fill(store: Store, team: str, enterprise: str | None = None) -> None:
    """A subscription, a ledger row, an ask, a stop note, a request mark, a share claim and an installation."""
    store.subscribe(
        channel_id="C1",
        team_id=team,
        user_id="U1",
        schedule=Schedule(time(9, 0), "UTC", Days.EVERY_DAY),
        kind=Kind.QUOTES,
        now=NOW,
        enterprise_id=enterprise,
    )
    store.skip_next(team, "C1", NOW)
    store.record_ask(team, "U1", "chief vibes officer", public=True, requested=False, now=NOW, enterprise_id=enterprise)
    store.block_team(team, "invalid_auth", NOW, enterprise)
    store.remember_requests([(f"sig:{team}", NOW + timedelta(minutes=6), team, enterprise)], NOW)
    store.claim_share(f"share:{team}", NOW, team, enterprise)
    with store.engine.begin() as conn:
        for table in (slack_installations, slack_bots):
            row = {"client_id": "1.2", "app_id": "A1", "team_id": team, "enterprise_id": enterprise, "bot_token": "x"}
            if table is slack_installations:
                row["user_id"] = "U0INSTALLER"
            conn.execute(
                insert(table).values(**row, is_enterprise_install=False, installed_at=NOW.replace(tzinfo=None))
            )


def counts(store: Store, team: str) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t).where(t.c.team_id == team)).scalar_one()
            for t in TEAM_TABLES
        }


def test_forgetting_a_team_deletes_all_its_rows_and_nothing_else(store: Store) -> None:
    fill(store, "T1", None)
    fill(store, "T2")
    before = counts(store, "T1")
    assert all(before[name] >= 1 for name in before if name != "rotation"), before
    gone = store.forget_team(Leaver("T1"))
    assert gone == before
    assert set(counts(store, "T1").values()) == {0}
    assert counts(store, "T2") == before
    assert store.forget_team(Leaver("T1")) == dict.fromkeys(before, 0)  # a retried event finds nothing


def test_an_org_wide_uninstall_deletes_every_workspace_of_the_org(store: Store) -> None:
    fill(store, "T1", "E1")
    fill(store, "T2", "E1")
    fill(store, "T3")
    store.forget_team(Leaver(None, "E1", whole_enterprise=True))
    assert set(counts(store, "T1").values()) == set(counts(store, "T2").values()) == {0}
    assert counts(store, "T3")["subscriptions"] == 1


def test_revoked_bot_tokens_delete_the_installation_but_keep_the_subscriptions(store: Store) -> None:
    fill(store, "T1", None)
    assert store.forget_tokens(Leaver("T1"), bot=True, user_ids=[]) == 2
    left = counts(store, "T1")
    assert (left["slack_bots"], left["slack_installations"], left["subscriptions"]) == (0, 0, 1)
    assert store.forget_tokens(Leaver("T1"), bot=False, user_ids=["U1"]) == 0


def test_ledger_rows_older_than_90_days_are_pruned(store: Store) -> None:
    fill(store, "T1", None)
    with store.engine.connect() as conn:
        (skipped,) = conn.execute(select(post_ledger.c.local_date)).scalars().all()
    assert store.prune_ledger(skipped + timedelta(days=90)) == 0
    assert store.prune_ledger(skipped + timedelta(days=91)) == 1
    assert store.prune_ledger(date(2030, 1, 1)) == 0
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(subscriptions)).scalar_one() == 1


def test_install_states_never_used_are_pruned_once_expired(store: Store) -> None:
    states = store.oauth_state_store(600)
    used, abandoned = states.issue(), states.issue()
    assert states.consume(used)
    assert store.prune_oauth_states(datetime.now(UTC)) == 0
    assert store.prune_oauth_states(datetime.now(UTC) + timedelta(minutes=11)) == 1
    assert not states.consume(abandoned)
