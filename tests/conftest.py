"""Shared fixtures: the Slack stand-ins, the app running as a real server process, and the databases (``backend``,
``store``) of the daily and store tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text

# `tests.support` must be importable whether or not pytest put the project root on sys.path
# (pyproject has no `pythonpath` setting yet).
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from bot.store import Store  # noqa: E402
from bot.store.engine import database_url  # noqa: E402
from tests.support.server import PROJECT_ROOT, AppServer, app_env, start_app_server  # noqa: E402
from tests.support.slack_api import SlackApi  # noqa: E402
from tests.support.socket_mode import SocketModeServer  # noqa: E402

# Hypothesis example counts (tests that set max_examples themselves keep theirs): `ci` under CI=true, `dev` by
# default, `deep` for the long fuzz run: HYPOTHESIS_PROFILE=deep .venv/bin/python -m pytest tests/test_fuzz.py
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=50, deadline=None, suppress_health_check=_SLOW_OK, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("deep", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


@pytest.fixture
def slack_api() -> Iterator[SlackApi]:
    """The Web API + response_url stand-in on an ephemeral port (``slack_api.base_url``)."""
    with SlackApi() as api:
        yield api


@pytest.fixture
def socket_mode_server(slack_api: SlackApi) -> Iterator[SocketModeServer]:
    """The Socket Mode stand-in; ``apps.connections.open`` on ``slack_api`` hands out its URLs."""
    with SocketModeServer(slack_api) as server:
        yield server


@pytest.fixture(scope="module")
def _app_server_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    with SlackApi() as api:
        server = start_app_server(api, workdir=tmp_path_factory.mktemp("app-server"))
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def app_server(_app_server_process: AppServer) -> AppServer:
    """``specimen serve`` as a subprocess (one per test module) wired to its own Web API stand-in.

    Recorded calls and queued faults are cleared before each test; the stand-in's workspace (channels,
    messages, views) and the app's database live as long as the module. ``app_server.api`` is the stand-in.
    """
    _app_server_process.api.reset()
    return _app_server_process


# -- databases ----------------------------------------------------------------------------------------------------
# PostgreSQL: ``DATABASE_URL_TEST`` or ``postgresql://postgres@127.0.0.1:5432/test``. Each test gets its own schema,
# dropped afterwards, so parallel runs never share tables. When the server is unreachable the PostgreSQL cases skip
# with the reason, except under ``CI=true``, where they fail.

PG_URL = os.environ.get("DATABASE_URL_TEST", "postgresql://postgres@127.0.0.1:5432/test")


@cache
def postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it can."""
    try:
        engine = create_engine(database_url(PG_URL), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:
        return f"PostgreSQL at {PG_URL} is not reachable: {error.__class__.__name__}: {str(error)[:200]}"
    return None


def require_postgres() -> None:
    """Skip the calling test when PostgreSQL is unreachable; fail it instead under ``CI=true``."""
    reason = postgres_unavailable()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and {reason}")
        pytest.skip(reason)


@dataclass(frozen=True)
class Backend:
    name: str
    url: str
    schema: str | None = None

    def open(self) -> Store:
        return Store.open(self.url, schema=self.schema)


def _drop_schema(schema: str) -> None:
    engine = create_engine(database_url(PG_URL))
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """A fresh, empty database: a SQLite file, or a private schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield Backend("sqlite", f"sqlite:///{tmp_path / 'specimen.db'}")
        return
    require_postgres()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    try:
        yield Backend("postgresql", PG_URL, schema)
    finally:
        _drop_schema(schema)


@pytest.fixture
def store(backend: Backend) -> Iterator[Store]:
    """An open ``Store`` on ``backend`` (every test using it runs on SQLite and on PostgreSQL)."""
    opened = backend.open()
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def socket_app(slack_api: SlackApi, socket_mode_server: SocketModeServer, tmp_path: Path) -> Iterator[Path]:
    """`specimen run` in Socket Mode as a subprocess, connected to the stand-in; yields its stderr log."""
    env = app_env(slack_api, tmp_path, SLACK_APP_TOKEN=slack_api.app_token)
    log = tmp_path / "stderr.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--records", str(PROJECT_ROOT / "records")],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            socket_mode_server.wait_for_connection(timeout=30)
            yield log
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                assert process.wait(15) == 0, log.read_text()
            except subprocess.TimeoutExpired:
                process.kill()
                raise
