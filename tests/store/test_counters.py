"""Titles asked for that the guide lacks (for App Home) and stopped workspaces, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.store import Store
from bot.store.counters import ASK_RETENTION, asker_of
from bot.store.tables import QUERY_MAX, title_asks

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def ask(store: Store, user: str, query: str, *, team: str = "T1", public: bool = True, at: datetime = NOW) -> bool:
    return store.record_ask(team, user, query, public=public, requested=False, now=at)


def request(store: Store, user: str, query: str, *, team: str = "T1", at: datetime = NOW) -> bool:
    return store.record_ask(team, user, query, public=False, requested=True, now=at)


def listed(store: Store, team: str = "T1") -> dict[str, int]:
    return {a.normalized_query: a.people for a in store.top_asked(team)}


def test_titles_are_counted_by_different_people_never_by_one_persons_repeats(store: Store) -> None:
    for n in range(5):
        ask(store, "U1", "pizza chef", at=NOW + timedelta(minutes=n))
    assert listed(store) == {}  # one person, five times: nobody else's business
    ask(store, "U2", "pizza chef")
    ask(store, "U3", "pizza chef")
    ask(store, "U1", "llama herder")
    ask(store, "U2", "llama herder")
    assert listed(store) == {"pizza chef": 3, "llama herder": 2}
    assert [a.normalized_query for a in store.top_asked("T1")] == ["pizza chef", "llama herder"]  # most people first
    assert len(store.top_asked("T1", limit=1)) == 1


def test_a_title_typed_only_in_dms_or_private_channels_is_never_listed(store: Store) -> None:
    for user in ("U1", "U2", "U3"):
        ask(store, user, "john smith is useless", public=False)
    assert listed(store) == {}
    ask(store, "U4", "john smith is useless")  # one public ask: still one person where others could see
    assert listed(store) == {}


def test_requests_count_even_from_private_places_one_per_person(store: Store) -> None:
    assert request(store, "U1", "prompt whisperer") is True
    assert request(store, "U1", "prompt whisperer") is False  # the same person again: already requested
    assert listed(store) == {}
    ask(store, "U2", "prompt whisperer", public=False)  # a DM search adds nobody
    assert listed(store) == {}
    assert request(store, "U2", "prompt whisperer") is True
    assert listed(store) == {"prompt whisperer": 2}


def test_workspaces_are_apart(store: Store) -> None:
    for user in ("U1", "U2"):
        ask(store, user, "pizza chef", team="T2")
    assert listed(store, "T1") == {} and listed(store, "T2") == {"pizza chef": 2}


def test_blank_titles_are_ignored_and_long_ones_cut(store: Store) -> None:
    ask(store, "U1", "   ")
    assert ask(store, "", "no user") is False
    for user in ("U1", "U2"):
        ask(store, user, "x" * 1000)
    assert [len(q) for q in listed(store)] == [QUERY_MAX]


def test_asks_not_seen_for_90_days_are_forgotten_on_the_first_ask_of_a_day(store: Store) -> None:
    for user in ("U1", "U2"):
        ask(store, user, "stale")
        ask(store, user, "seen again")
        ask(store, user, "seen again", at=NOW + timedelta(days=30))
    later = NOW + ASK_RETENTION + timedelta(seconds=1)
    ask(store, "U3", "new", at=later)
    assert listed(store) == {"seen again": 2}
    assert store.prune_asks(NOW + timedelta(days=30) + ASK_RETENTION + timedelta(seconds=1)) == 2


def test_asks_are_pruned_once_a_day_not_on_every_ask(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    pruned: list[datetime] = []
    real = Store.prune_asks
    monkeypatch.setattr(Store, "prune_asks", lambda self, now: pruned.append(now) or real(self, now))
    for minutes in range(5):
        ask(store, "U1", f"query {minutes}", at=NOW + timedelta(minutes=minutes))
    ask(store, "U1", "tomorrow", at=NOW + timedelta(days=1))
    assert pruned == [NOW, NOW + timedelta(days=1)]


def test_no_user_id_is_stored_only_a_hash(store: Store) -> None:
    request(store, "U0SECRET42", "pizza chef")
    with store.engine.begin() as conn:
        rows = conn.execute(select(title_asks)).mappings().all()
    assert rows and all("U0SECRET42" not in str(value) for row in rows for value in row.values())
    assert rows[0]["asker"] == asker_of("T1", "U0SECRET42") != asker_of("T2", "U0SECRET42")


def test_a_workspace_is_stopped_once_and_resumed(store: Store) -> None:
    assert store.block_team("T1", "invalid_auth", NOW) is True
    assert store.block_team("T1", "account_inactive", NOW) is False  # already stopped: the caller logs only once
    assert store.blocked_teams() == {"T1": "invalid_auth"}
    assert store.unblock_team("T1") is True
    assert store.unblock_team("T1") is False
    assert store.blocked_teams() == {}
