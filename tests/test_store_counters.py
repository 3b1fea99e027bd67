"""Per-workspace miss counters (for App Home) and stopped workspaces, on SQLite and PostgreSQL."""

# ruff: noqa: F811 - the backend/store fixtures are imported from test_store_backends

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store import Store
from bot.store.tables import QUERY_MAX, misses
from tests.test_store_backends import backend, store  # noqa: F401 - fixtures

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


def test_the_miss_table_keeps_no_user_ids() -> None:
    assert [c.name for c in misses.columns] == ["team_id", "normalized_query", "count", "last_seen"]


def test_a_workspace_is_stopped_once_and_resumed(store: Store) -> None:
    assert store.block_team("T1", "invalid_auth", NOW) is True
    assert store.block_team("T1", "account_inactive", NOW) is False  # already stopped: the caller logs only once
    assert store.blocked_teams() == {"T1": "invalid_auth"}
    assert store.unblock_team("T1") is True
    assert store.unblock_team("T1") is False
    assert store.blocked_teams() == {}
