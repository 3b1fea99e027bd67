"""The database's health check, heartbeat and counts on SQLite and PostgreSQL; `specimen doctor`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.cli import main
from bot.store import Store, StoreError
from bot.store.engine import database_url
from tests.conftest import PG_URL, Backend

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_check_heartbeat_and_counts(store: Store) -> None:
    store.check()
    assert store.last_beat("clock") is None
    store.beat("clock", NOW)
    assert store.last_beat("clock") == NOW
    assert store.counts() == {"subscriptions": 0, "paused": 0, "ledger_rows": 0, "installations": 0}


def test_check_fails_when_the_database_goes_away(backend: Backend, tmp_path: Path) -> None:
    store = backend.open()
    try:
        store.check()
        if backend.schema is None:
            Path(store.engine.url.database or "").unlink()
        else:
            engine = create_engine(database_url(PG_URL))
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{backend.schema}" CASCADE'))
            engine.dispose()
        with pytest.raises(StoreError):
            store.check(timeout=2.0)
    finally:
        store.close()


def test_doctor_prints_the_heartbeat_and_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'doctor.db'}"
    store = Store.open(url)
    store.beat("clock", NOW)
    store.close()
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "database: sqlite:///" in out and ": ok" in out
    assert "clock: last pass 2026-06-01T12:00:00+00:00" in out
    assert "subscriptions: 0 (0 paused)" in out
    assert "ledger rows: 0" in out and "installed workspaces (OAuth): 0" in out


def test_doctor_exits_1_when_the_database_is_unreachable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:9/none?connect_timeout=2")
    assert main(["doctor"]) == 1
    assert "UNREACHABLE" in capsys.readouterr().out
