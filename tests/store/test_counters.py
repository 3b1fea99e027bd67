"""Per-workspace miss counters (for App Home) and stopped workspaces, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.store import Store
from bot.store.counters import MISS_RETENTION
from bot.store.tables import QUERY_MAX, misses

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_misses_are_counted_per_workspace_and_listed_most_frequent_first(store: Store) -> None:
    for query, times in (("chief vibes officer", 3), ("head of synergy", 1), ("prompt whisperer", 2)):
        for n in range(times):
            store.record_miss("T1", query, NOW + timedelta(minutes=n))
    store.record_miss("T2", "prompt whisperer", NOW)
    top = store.top_misses("T1")
    assert [(m.normalized_query, m.count) for m in top] == [
        ("chief vibes officer", 3),
        ("prompt whisperer", 2),
        ("head of synergy", 1),
    ]
    assert top[0].last_seen == NOW + timedelta(minutes=2)
    assert [(m.normalized_query, m.count) for m in store.top_misses("T2")] == [("prompt whisperer", 1)]
    assert len(store.top_misses("T1", limit=2)) == 2


def test_empty_queries_are_ignored_and_long_ones_truncated(store: Store) -> None:
    store.record_miss("T1", "   ", NOW)
    store.record_miss("T1", "x" * 1000, NOW)
    assert [len(m.normalized_query) for m in store.top_misses("T1")] == [QUERY_MAX]


def test_misses_not_seen_for_90_days_are_forgotten_on_the_first_miss_of_a_day(store: Store) -> None:
    store.record_miss("T1", "stale", NOW)
    store.record_miss("T2", "stale elsewhere", NOW)
    store.record_miss("T1", "seen again", NOW)
    store.record_miss("T1", "seen again", NOW + timedelta(days=30))
    store.record_miss("T1", "exactly 90 days", NOW + timedelta(days=1))
    later = NOW + timedelta(days=1) + MISS_RETENTION
    assert timedelta(days=90) == MISS_RETENTION
    store.record_miss("T1", "new", later)
    assert {m.normalized_query: m.count for m in store.top_misses("T1")} == {
        "seen again": 2,
        "exactly 90 days": 1,
        "new": 1,
    }
    assert store.top_misses("T2") == []
    assert store.prune_misses(later + timedelta(days=1)) == 1  # "exactly 90 days" is now older than that


def test_misses_are_pruned_once_a_day_not_on_every_miss(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    pruned: list[datetime] = []
    real = Store.prune_misses
    monkeypatch.setattr(Store, "prune_misses", lambda self, now: pruned.append(now) or real(self, now))
    for minutes in range(0, 600, 60):
        store.record_miss("T1", f"query {minutes}", NOW + timedelta(minutes=minutes))
    store.record_miss("T1", "tomorrow", NOW + timedelta(days=1))
    assert pruned == [NOW, NOW + timedelta(days=1)]


def test_the_miss_table_keeps_no_user_ids() -> None:
    assert [c.name for c in misses.columns] == ["team_id", "normalized_query", "count", "last_seen"]


def test_a_workspace_is_stopped_once_and_resumed(store: Store) -> None:
    assert store.block_team("T1", "invalid_auth", NOW) is True
    assert store.block_team("T1", "account_inactive", NOW) is False  # already stopped: the caller logs only once
    assert store.blocked_teams() == {"T1": "invalid_auth"}
    assert store.unblock_team("T1") is True
    assert store.unblock_team("T1") is False
    assert store.blocked_teams() == {}
