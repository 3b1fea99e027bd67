"""Shared fixtures: the Slack stand-ins and the app running as a real server process."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# `tests.support` must be importable whether or not pytest put the project root on sys.path
# (pyproject has no `pythonpath` setting yet).
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.support.server import AppServer, start_app_server  # noqa: E402
from tests.support.slack_api import SlackApi  # noqa: E402
from tests.support.socket_mode import SocketModeServer  # noqa: E402


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
