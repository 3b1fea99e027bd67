"""`specimen check` against hostile records folders: it names the bad file in one line and reads nothing it should not.

The billion-laughs case runs `specimen check` in a child process under a 1 GiB address-space limit and a CPU limit,
the one subprocess in the unit tests: if the refusal ever regressed, the expansion (11.8 GB) would take the test
machine down instead of failing one test.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.records.writer import dump_record
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import PROJECT_ROOT
from tests.unit.core.records.test_hostile import ANCHORS, BILLION_LAUGHS, SYMLINK

MEMORY_LIMIT = 1 << 30
CPU_SECONDS = 30


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


@pytest.fixture
def records(tmp_path: Path) -> Path:
    directory = tmp_path / "records"
    directory.mkdir()
    data = synthetic_record_data(0)
    (directory / f"{data['slug']}.yml").write_text(dump_record(data), encoding="utf-8")
    return directory


@pytest.mark.parametrize("cache", ["--no-cache", "with the cache"])
def test_the_billion_laughs_is_refused_within_a_memory_limit(records: Path, tmp_path: Path, cache: str) -> None:
    bomb = records / "lol.yml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert len(BILLION_LAUGHS.encode()) < 400
    env = {**os.environ, "SPECIMEN_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "bot", "check", "--records", str(records)]
    result = subprocess.run(
        [*command, *(["--no-cache"] if cache == "--no-cache" else [])],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, f"{bomb}:1: {ANCHORS}\n1 problem in {records}\n")


def test_a_symbolic_link_is_one_line_and_its_target_is_never_printed(
    records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secret-hash-never-printed:19000:0:99999:7:::\nunknown_key: leaked\n", encoding="utf-8")
    link = records / "evil.yml"
    link.symlink_to(secret)
    assert main(["check", "--records", str(records), "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"{link}: {SYMLINK}\n1 problem in {records}\n"
    assert captured.out == ""


def test_a_linked_directory_in_a_good_folder_is_named(
    records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd.yml").write_text("root: x:0:0\n", encoding="utf-8")
    link = records / "etc"
    link.symlink_to(tmp_path / "etc", target_is_directory=True)
    assert main(["check", "--records", str(records), "--no-cache"]) == 1
    assert capsys.readouterr().err == f"{link}: {SYMLINK}\n1 problem in {records}\n"
