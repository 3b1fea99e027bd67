"""Requests already served, remembered across processes (two Store objects on one database), then pruned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.slack.replay import ReplayGuard, acts
from bot.store import Store
from bot.store.tables import request_marks
from tests.conftest import Backend

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_a_key_is_new_once_across_two_processes(backend: Backend) -> None:
    one, other = backend.open(), backend.open()
    try:
        until = NOW + timedelta(minutes=6)
        assert one.remember_requests([("sig:a", until, "T1", None), ("sig:b", until, "T1", None)], NOW) == {
            "sig:a",
            "sig:b",
        }
        assert other.remember_requests([("sig:a", until, "T1", None), ("sig:c", until, "T1", None)], NOW) == {"sig:c"}
    finally:
        one.close()
        other.close()


def test_expired_keys_are_pruned(store: Store) -> None:
    store.remember_requests([("sig:old", NOW + timedelta(minutes=6), "T1", None)], NOW)
    later = NOW + timedelta(minutes=10)
    assert store.remember_requests([("sig:new", later + timedelta(minutes=6), "T1", None)], later) == {"sig:new"}
    with store.engine.begin() as conn:
        assert conn.execute(select(func.count()).select_from(request_marks)).scalar_one() == 1
    assert store.remember_requests([("sig:old", later + timedelta(minutes=6), "T1", None)], later) == {"sig:old"}


def test_replay_guards_of_two_processes_agree(backend: Backend) -> None:
    one, other = backend.open(), backend.open()
    try:
        fields = {"command": "/specimen", "text": "daily off"}
        clock = NOW.timestamp
        assert ReplayGuard(one, clock).first_time(fields, "1780315200", "v0=abc")
        assert not ReplayGuard(other, clock).first_time(fields, "1780315200", "v0=abc")
        click = {"payload": {"type": "block_actions", "actions": []}}
        assert ReplayGuard(one, clock).first_time(click, "1780315200", "v0=click")
        assert not ReplayGuard(other, clock).first_time(click, "1780315200", "v0=click")
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


def test_a_read_only_command_is_refused_again_in_its_process_only(store: Store) -> None:
    """A lookup changes nothing but its sender's answer: a repeat is refused where it was seen, with no query, and
    answered again by another process; a `daily` command acts, so every process refuses its repeat."""
    guard, elsewhere = ReplayGuard(store, NOW.timestamp), ReplayGuard(store, NOW.timestamp)
    lookup = {"command": "/specimen", "text": "jr ml eng"}
    assert guard.first_time(lookup, "1780315200", "v0=look")
    assert not guard.first_time(lookup, "1780315200", "v0=look")
    assert elsewhere.first_time(lookup, "1780315200", "v0=look")
    with store.engine.begin() as conn:
        assert conn.execute(select(request_marks)).all() == []  # no round trip for a read-only command
    assert acts({"command": "/specimen", "text": "  Daily on 9am"}) and not acts({"command": "/x", "text": "day"})
