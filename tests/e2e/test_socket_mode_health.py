"""`specimen run` over Socket Mode with PORT set answers GET /healthz there (a platform's health check needs a port)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.server import PROJECT_ROOT, app_env, free_port
from tests.support.signing import http_request
from tests.support.slack_api import SlackApi
from tests.support.socket_mode import SocketModeServer


def test_socket_mode_serves_health_on_port(
    slack_api: SlackApi, socket_mode_server: SocketModeServer, tmp_path: Path
) -> None:
    port = free_port()
    env = app_env(slack_api, tmp_path, SLACK_APP_TOKEN=slack_api.app_token, PORT=str(port))
    log = tmp_path / "stderr.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--host", "127.0.0.1", "--records", str(PROJECT_ROOT / "records")],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            socket_mode_server.wait_for_connection(timeout=30)
            deadline = time.monotonic() + 10
            while True:
                try:
                    response = http_request(f"http://127.0.0.1:{port}/healthz", method="GET", timeout=2)
                    break
                except OSError:
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.1)
            assert response.status == 200, response.text
            assert response.json()["ok"] is True
            assert http_request(f"http://127.0.0.1:{port}/other", method="GET").status == 404
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(15) == 0, log.read_text()
