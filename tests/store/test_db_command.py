"""`specimen db upgrade` and `specimen db current` in this process: what they print, and their exit codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from bot.store.migrations import head


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'specimen.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("SPECIMEN_AUTO_MIGRATE", raising=False)
    return url


def test_upgrade_then_current(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "current"]) == 1
    assert capsys.readouterr().out == (
        f"database {database}: none (empty) (not the newest, {head()}: run `specimen db upgrade`)\n"
    )
    assert main(["db", "upgrade"]) == 0
    assert capsys.readouterr().out == f"database {database}: none (empty) → {head()}\n"
    assert main(["db", "upgrade"]) == 0
    assert capsys.readouterr().out == f"database {database}: already at {head()}\n"
    assert main(["db", "current"]) == 0
    assert capsys.readouterr().out == f"database {database}: {head()} (the newest)\n"


@pytest.mark.parametrize("action", ["upgrade", "current"])
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        (
            "postgresql://ada:hunter2@127.0.0.1:1/test?connect_timeout=2",
            "cannot open database postgresql+psycopg://ada:***@",
        ),
    ],
)
def test_a_bad_database_url_is_an_error_on_stderr(
    action: str, url: str, message: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["db", action]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("specimen: ") and message in err
    assert "hunter2" not in err


def test_a_newer_database_is_an_error(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    with sqlite3.connect(database.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    capsys.readouterr()
    for action in ("upgrade", "current"):
        assert main(["db", action]) == 1
        assert "at revision 0999, newer than this program" in capsys.readouterr().err


def test_db_needs_an_action_and_help_names_both(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["db"])
    assert exited.value.code == 2
    assert "the following arguments are required: ACTION" in capsys.readouterr().err
    assert "db" in build_parser().format_help()
    with pytest.raises(SystemExit) as exited:
        main(["db", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "upgrade" in out and "current" in out and "(exit 1: it is not)" in out
