"""Requests already served, remembered across processes (two Store objects on one database), then pruned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.slack.replay import ReplayGuard
from bot.store import Store
from bot.store.tables import request_marks
from tests.conftest import Backend

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_a_key_is_new_once_across_two_processes(backend: Backend) -> None:
    one, other = backend.open(), backend.open()
    try:
        until = NOW + timedelta(minutes=6)
        assert one.remember_requests([("sig:a", until), ("sig:b", until)], NOW) == {"sig:a", "sig:b"}
        assert other.remember_requests([("sig:a", until), ("sig:c", until)], NOW) == {"sig:c"}
    finally:
        one.close()
        other.close()


def test_expired_keys_are_pruned(store: Store) -> None:
    store.remember_requests([("sig:old", NOW + timedelta(minutes=6))], NOW)
    later = NOW + timedelta(minutes=10)
    assert store.remember_requests([("sig:new", later + timedelta(minutes=6))], later) == {"sig:new"}
    with store.engine.begin() as conn:
        assert conn.execute(select(func.count()).select_from(request_marks)).scalar_one() == 1
    assert store.remember_requests([("sig:old", later + timedelta(minutes=6))], later) == {"sig:old"}


def test_replay_guards_of_two_processes_agree(backend: Backend) -> None:
    one, other = backend.open(), backend.open()
    try:
        fields = {"command": "/specimen", "text": "x"}
        clock = NOW.timestamp
        assert ReplayGuard(one, clock).first_time(fields, "1780315200", "v0=abc")
        assert not ReplayGuard(other, clock).first_time(fields, "1780315200", "v0=abc")
        event = {"type": "event_callback", "event_id": "Ev1"}
        assert ReplayGuard(other, clock).first_time(event, "1780315200", "v0=first")
        assert not ReplayGuard(one, clock).first_time(event, "1780315260", "v0=retry-signed-afresh")
    finally:
        one.close()
        other.close()


def test_option_requests_are_never_refused_as_replays(store: Store) -> None:
    """A select menu asking for options only reads: the same body twice in one second is answered twice."""
    guard = ReplayGuard(store, NOW.timestamp)
    fields = {"payload": {"type": "block_suggestion", "value": "lead"}}
    assert guard.first_time(fields, "1780315200", "v0=same")
    assert guard.first_time(fields, "1780315200", "v0=same")
