"""specimen as shipped: the wheel built from the source, installed with the locked dependencies into a fresh
virtualenv, run from a directory with no records/ in it. The catalog must come inside the wheel.

The steps are the Dockerfile's: copy what the build needs, `pip wheel --no-deps`, install requirements.lock with
--require-hashes, then the wheel with --no-deps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from packaging.version import Version

from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import PROJECT_ROOT, RECORDS

# What building the wheel reads: pyproject.toml, its readme and license file, the package, and the catalog that
# bot/catalog links to. tests/unit/test_deploy_files.py checks that the Dockerfile copies the same.
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "bot", "records")
TIMEOUT = 300


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def build_isolation() -> list[str]:
    """Build with this environment's setuptools when it is the locked one (offline, the Dockerfile's way)."""
    try:
        locked = Version(version("setuptools")) >= Version("77")
    except Exception:
        locked = False
    return ["--no-build-isolation"] if locked else []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        path = PROJECT_ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    dist = root / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *build_isolation(), "-w", dist, source], root)
    [wheel] = dist.glob("specimen-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The fresh virtualenv's bin directory, and an environment with nothing pointing back at the checkout."""
    root = tmp_path_factory.mktemp("venv")
    venv = root / "venv"
    run([sys.executable, "-m", "venv", venv], root)
    pip = venv / "bin" / "pip"
    run([pip, "install", "--quiet", "--require-hashes", "-r", PROJECT_ROOT / "requirements.lock"], root)
    run([pip, "install", "--quiet", "--no-deps", "--no-index", built], root)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPECIMEN_", "PYTHON", "DATABASE_URL", "SLACK_"))}
    env |= {"HOME": str(root / "home"), "SPECIMEN_CACHE_DIR": "off", "XDG_DATA_HOME": str(root / "data")}
    return venv / "bin", env


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working directory with no records/ (and no bot/) in it."""
    return tmp_path


def test_the_wheel_carries_the_catalog_and_the_license(built: Path) -> None:
    with zipfile.ZipFile(built) as wheel:
        names = set(wheel.namelist())
        metadata = next(wheel.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    shipped = {n.removeprefix("bot/catalog/") for n in names if n.startswith("bot/catalog/")}
    assert shipped == {p.name for p in RECORDS.iterdir() if p.suffix in (".yml", ".json")}
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in metadata
    assert 'Requires-Dist: psycopg[binary]>=3.1; extra == "postgres"' in metadata
    assert not any(n.startswith("records/") or n.startswith("tests/") for n in names)
    migrations = {n for n in names if n.startswith("bot/store/migrations/") and n.endswith(".py")}
    assert {"bot/store/migrations/env.py", "bot/store/migrations/versions/r0002_team_scoped.py"} <= migrations
    pages = PROJECT_ROOT / "bot" / "core" / "site"
    site_files = {p.name for p in pages.iterdir() if p.suffix in (".md", ".css", ".svg")}
    assert {f"bot/core/site/{name}" for name in site_files} <= names  # the text pages, stylesheet and icon


def test_list_card_and_check_run_from_anywhere(installed: tuple[Path, dict[str, str]], elsewhere: Path) -> None:
    bin_dir, env = installed
    specimen = bin_dir / "specimen"
    listing = run([specimen, "list"], elsewhere, env)
    assert "Junior Machine Learning Engineer" in listing
    card = run([specimen, "card", "jr ml eng"], elsewhere, env)
    assert "Junior Machine Learning Engineer" in card
    checked = run([specimen, "check"], elsewhere, env)
    count = len(list(RECORDS.glob("*.yml")))
    assert checked.startswith(f"ok: {count} records in ")
    catalog = Path(checked.split(" in ", 1)[1].split(",", 1)[0])
    assert catalog.name == "catalog" and "site-packages" in catalog.parts
    assert bin_dir.parent in catalog.parents, "the catalog must be the installed one, not the checkout's"


def test_specimen_records_overrides_the_packaged_catalog(
    installed: tuple[Path, dict[str, str]], elsewhere: Path
) -> None:
    bin_dir, env = installed
    mine = elsewhere / "mine"
    mine.mkdir()
    record = synthetic_record_data(0)
    (mine / f"{record['slug']}.yml").write_text(yaml.safe_dump(record), encoding="utf-8")
    checked = run([bin_dir / "specimen", "check"], elsewhere, env | {"SPECIMEN_RECORDS": "mine"})
    assert checked.startswith(f"ok: 1 record in {mine}, ")
    done = subprocess.run(
        [str(bin_dir / "specimen"), "list", "--records", "nowhere"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 1
    assert f"{elsewhere / 'nowhere'}: is not a directory of records" in done.stderr


def test_the_locked_install_has_the_postgresql_driver(installed: tuple[Path, dict[str, str]], elsewhere: Path) -> None:
    """requirements.lock holds the [postgres] extra: the container and compose run on PostgreSQL."""
    bin_dir, _ = installed
    probe = "import importlib.util; print(importlib.util.find_spec('psycopg') is not None)"
    assert run([bin_dir / "python", "-c", probe], elsewhere).strip() == "True"


def test_db_upgrade_runs_from_the_wheel(installed: tuple[Path, dict[str, str]], elsewhere: Path) -> None:
    """The revisions ship in the wheel and run from it, with no alembic.ini anywhere."""
    bin_dir, env = installed
    env = env | {"DATABASE_URL": f"sqlite:///{elsewhere / 'specimen.db'}"}
    upgraded = run([bin_dir / "specimen", "db", "upgrade"], elsewhere, env)
    assert upgraded.strip().endswith(": none (empty) → 0002")
    assert run([bin_dir / "specimen", "db", "current"], elsewhere, env).strip().endswith(": 0002 (the newest)")
