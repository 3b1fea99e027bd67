"""Real processes: ``specimen serve`` under gunicorn, ``specimen run`` over Socket Mode, the clock. All slow."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.slow)
