"""Claiming due posts on SQLite and PostgreSQL: one ledger row per channel and local date, whoever asks and when."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from bot.core.daily.model import Claim, PostState
from bot.core.daily.rotation import Entries
from bot.core.daily.schedule import Days, Kind, Schedule
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Catalog
from bot.store import Store
from bot.store.tables import post_ledger
from bot.testing.synthetic import synthetic_record_data

if TYPE_CHECKING:
    from conftest import Backend

BERLIN = "Europe/Berlin"
GRACE = timedelta(hours=2)
LEASE = timedelta(minutes=5)
FRIDAY_0700_UTC = datetime(2026, 3, 27, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
FRIDAY_DUE = datetime(2026, 3, 27, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
CATALOG = Catalog(tuple(specimen_from_data(synthetic_record_data(i)) for i in range(5)))
ENTRIES = Entries(CATALOG)
QUOTES = ENTRIES.items(Kind.QUOTES)


def subscribe(store: Store, channel: str, *, at: time = time(9, 0), now: datetime = FRIDAY_0700_UTC, **kw) -> None:
    store.subscribe(
        channel_id=channel,
        team_id=kw.get("team", "T1"),
        user_id="U1",
        schedule=Schedule(at, kw.get("zone", BERLIN), kw.get("days", Days.WEEKDAYS)),
        kind=kw.get("kind", Kind.QUOTES),
        now=now,
    )


def claim(store: Store, now: datetime, token: str = "clock-a", limit: int = 100):
    return store.claim_due(now=now, grace=GRACE, lease=LEASE, limit=limit, token=token)


def ledger(store: Store) -> dict[tuple[str, date], str]:
    with store.engine.begin() as conn:
        rows = conn.execute(select(post_ledger.c.channel_id, post_ledger.c.local_date, post_ledger.c.state))
        return {(row.channel_id, row.local_date): row.state for row in rows}


def test_nothing_is_claimed_before_it_is_due_and_everything_once_after(store: Store) -> None:
    subscribe(store, "C1")
    assert claim(store, FRIDAY_DUE - timedelta(seconds=1)).examined == 0
    batch = claim(store, FRIDAY_DUE + timedelta(seconds=30))
    assert [(c.channel_id, c.local_date) for c in batch.claims] == [("C1", date(2026, 3, 27))]
    assert ledger(store) == {("C1", date(2026, 3, 27)): "claimed"}
    assert claim(store, FRIDAY_DUE + timedelta(minutes=1), token="clock-b").examined == 0
    following = store.subscription("T1", "C1")
    assert following is not None and following.next is not None
    assert following.next.local_date == date(2026, 3, 30)  # weekdays: Monday


def test_batches_take_at_most_the_limit(store: Store) -> None:
    for n in range(7):
        subscribe(store, f"C{n}")
    sizes = []
    while (batch := claim(store, FRIDAY_DUE, limit=3)).examined:
        sizes.append(len(batch.claims))
    assert sizes == [3, 3, 1]


def test_concurrent_clocks_claim_each_post_exactly_once(backend: Backend) -> None:
    setup = backend.open()
    for n in range(120):
        subscribe(setup, f"C{n:03d}")
    setup.close()
    claimed: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def clock(token: str) -> None:
        own = backend.open()
        try:
            taken = claimed.setdefault(token, [])
            while (batch := claim(own, FRIDAY_DUE, token=token, limit=10)).examined:
                taken.extend(c.channel_id for c in batch.claims)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=clock, args=(f"clock-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    everything = [channel for taken in claimed.values() for channel in taken]
    assert sorted(everything) == [f"C{n:03d}" for n in range(120)]


def test_a_post_older_than_the_grace_window_is_recorded_missed_not_claimed(store: Store) -> None:
    subscribe(store, "C1")
    batch = claim(store, FRIDAY_DUE + GRACE + timedelta(minutes=1))
    assert batch.claims == ()
    assert [(c.channel_id, c.local_date) for c in batch.missed] == [("C1", date(2026, 3, 27))]
    assert ledger(store) == {("C1", date(2026, 3, 27)): "missed"}


def test_a_post_at_the_edge_of_the_grace_window_is_still_sent(store: Store) -> None:
    subscribe(store, "C1")
    assert len(claim(store, FRIDAY_DUE + GRACE).claims) == 1


def test_after_days_without_a_clock_only_the_newest_due_post_is_sent(store: Store) -> None:
    subscribe(store, "C1", days=Days.EVERY_DAY)
    tuesday_0930_berlin = datetime(2026, 3, 31, 7, 30, tzinfo=UTC)
    batch = claim(store, tuesday_0930_berlin)
    assert [c.local_date for c in batch.claims] == [date(2026, 3, 31)]
    assert [c.local_date for c in batch.missed] == [date(2026, 3, 27)]
    following = store.subscription("T1", "C1")
    assert following is not None and following.next is not None
    assert following.next.local_date == date(2026, 4, 1)


def test_skip_records_the_next_post_as_skipped_and_moves_on(store: Store) -> None:
    subscribe(store, "C1")
    result = store.skip_next("T1", "C1", FRIDAY_0700_UTC)
    assert result is not None
    skipped, sub = result
    assert skipped.local_date == date(2026, 3, 27)
    assert sub.next is not None and sub.next.local_date == date(2026, 3, 30)
    assert claim(store, FRIDAY_DUE + timedelta(minutes=1)).examined == 0
    assert ledger(store) == {("C1", date(2026, 3, 27)): "skipped"}


def test_moving_the_time_later_on_a_day_already_posted_does_not_post_again(store: Store) -> None:
    subscribe(store, "C1")
    claim(store, FRIDAY_DUE)
    subscribe(store, "C1", at=time(15, 0), now=FRIDAY_DUE + timedelta(minutes=5))
    sub = store.subscription("T1", "C1")
    assert sub is not None and sub.next is not None
    assert sub.next.local_date == date(2026, 3, 30)


def test_off_then_on_again_the_same_day_does_not_post_twice(store: Store) -> None:
    subscribe(store, "C1")
    claim(store, FRIDAY_DUE)
    assert store.unsubscribe("T1", "C1")
    subscribe(store, "C1", at=time(9, 30), now=FRIDAY_DUE + timedelta(minutes=1))
    assert claim(store, FRIDAY_DUE + timedelta(minutes=40)).examined == 0


def test_paused_channels_and_stopped_workspaces_are_not_claimed(store: Store) -> None:
    subscribe(store, "C1")
    subscribe(store, "C2", team="T2")
    subscribe(store, "C3")
    assert store.pause("T1", "C1", "not_in_channel", FRIDAY_0700_UTC)
    assert store.block_team("T2", "invalid_auth", FRIDAY_0700_UTC)
    assert [c.channel_id for c in claim(store, FRIDAY_DUE).claims] == ["C3"]
    store.unblock_team("T2")
    assert [c.channel_id for c in claim(store, FRIDAY_DUE).claims] == ["C2"]
    subscribe(store, "C1", now=FRIDAY_DUE)  # `daily on` again resumes, from the next occurrence on
    sub = store.subscription("T1", "C1")
    assert sub is not None and sub.paused is None


def test_a_stale_claim_is_taken_over_and_a_maybe_sent_one_must_be_verified(store: Store) -> None:
    subscribe(store, "C1")
    subscribe(store, "C2")
    first = {c.channel_id: c for c in claim(store, FRIDAY_DUE).claims}
    assert store.begin_send(first["C2"], now=FRIDAY_DUE, lease=LEASE, entries=ENTRIES) is not None  # C2 "sending"
    early = store.reclaim_stale(
        now=FRIDAY_DUE + LEASE - timedelta(seconds=1), grace=GRACE, lease=LEASE, limit=10, token="b"
    )
    assert early.examined == 0
    taken = store.reclaim_stale(now=FRIDAY_DUE + LEASE, grace=GRACE, lease=LEASE, limit=10, token="b")
    assert {c.channel_id: c.verify for c in taken.claims} == {"C1": False, "C2": True}
    # The first clock lost both: it can neither send nor record anything for them.
    assert store.begin_send(first["C1"], now=FRIDAY_DUE + LEASE, lease=LEASE, entries=ENTRIES) is None
    assert not store.set_state(first["C2"], PostState.POSTED, now=FRIDAY_DUE + LEASE, message_ts="1.0")


def test_a_stale_never_sent_claim_past_the_grace_window_becomes_missed(store: Store) -> None:
    subscribe(store, "C1")
    claim(store, FRIDAY_DUE)
    late = FRIDAY_DUE + GRACE + timedelta(minutes=1)
    batch = store.reclaim_stale(now=late, grace=GRACE, lease=LEASE, limit=10, token="b")
    assert batch.claims == () and [c.channel_id for c in batch.missed] == ["C1"]
    assert ledger(store)[("C1", date(2026, 3, 27))] == "missed"


def test_the_entry_is_picked_once_and_kept_for_retries(store: Store) -> None:
    subscribe(store, "C1")
    (first,) = claim(store, FRIDAY_DUE).claims
    item = store.begin_send(first, now=FRIDAY_DUE, lease=LEASE, entries=ENTRIES)
    assert store.set_state(first, PostState.CLAIMED, now=FRIDAY_DUE, lease_until=FRIDAY_DUE)  # e.g. a 429
    (again,) = store.reclaim_stale(now=FRIDAY_DUE, grace=GRACE, lease=LEASE, limit=10, token="b").claims
    assert store.begin_send(again, now=FRIDAY_DUE, lease=LEASE, entries=ENTRIES) == item


def test_a_channel_sees_every_entry_once_through_the_store(store: Store) -> None:
    subscribe(store, "C1", days=Days.EVERY_DAY)
    keys = []
    now = FRIDAY_DUE
    for _ in range(len(QUOTES) + 1):
        (taken,) = claim(store, now).claims
        item = store.begin_send(taken, now=now, lease=LEASE, entries=ENTRIES)
        assert item is not None
        assert store.set_state(taken, PostState.POSTED, now=now, message_ts="1.0")
        keys.append(item.key)
        now += timedelta(days=1)
    assert sorted(keys[:-1]) == sorted(item.key for item in QUOTES)
    assert keys[-1] != keys[-2]  # the new cycle does not open with the last entry


def test_a_catalog_without_entries_of_the_kind_is_reported(store: Store) -> None:
    subscribe(store, "C1")
    (taken,) = claim(store, FRIDAY_DUE).claims
    with pytest.raises(LookupError, match="no quotes entries"):
        store.begin_send(taken, now=FRIDAY_DUE, lease=LEASE, entries=Entries(Catalog(())))


def test_claims_carry_what_the_scheduler_needs(store: Store) -> None:
    subscribe(store, "C1", kind=Kind.DAY_LOG)
    (taken,) = claim(store, FRIDAY_DUE).claims
    assert taken == Claim("C1", "T1", "U1", date(2026, 3, 27), FRIDAY_DUE, Kind.DAY_LOG, "clock-a")
