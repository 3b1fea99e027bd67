"""The app scenarios run the app in this process (``tests.support.inprocess``): the same WSGI application, request
guard and listeners as ``specimen serve``, without a server process. ``tests/e2e/`` runs the real process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.inprocess import InProcessApp, in_process_app
from tests.support.slack_api import SlackApi


@pytest.fixture(scope="module")
def _app_in_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessApp]:
    with SlackApi() as api, in_process_app(api, tmp_path_factory.mktemp("app")) as app:
        yield app


@pytest.fixture
def app_server(_app_in_process: InProcessApp) -> InProcessApp:
    """The app, one per test module, wired to its own Web API stand-in; recorded calls and faults are cleared
    before each test, while the workspace and the database live as long as the module."""
    _app_in_process.api.reset()
    return _app_in_process
