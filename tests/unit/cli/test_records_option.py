"""Which catalog a command reads, from any directory, and how a wrong one is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.config import packaged_catalog


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with no records/ in it, and no $SPECIMEN_RECORDS."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SPECIMEN_RECORDS", raising=False)
    return tmp_path


def test_commands_read_the_packaged_catalog_from_any_directory(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-cache"]) == 0
    assert f" in {packaged_catalog()}, " in capsys.readouterr().out
    assert main(["card", "jr ml eng"]) == 0
    assert "Junior Machine Learning Engineer" in capsys.readouterr().out


def test_a_missing_catalog_is_named_by_its_absolute_path(
    elsewhere: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPECIMEN_RECORDS", "no-such-dir")
    assert main(["check"]) == 1
    assert f"{elsewhere / 'no-such-dir'}: is not a directory of records" in capsys.readouterr().err
    assert main(["list", "--records", "other"]) == 1
    assert str(elsewhere / "other") in capsys.readouterr().err


def test_help_says_where_the_default_catalog_is(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "the catalog shipped with specimen" in " ".join(capsys.readouterr().out.split())
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "$SPECIMEN_RECORDS, else ./records" in " ".join(capsys.readouterr().out.split())
