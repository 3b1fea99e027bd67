"""Run the app as a real HTTP server process and talk to it as Slack does (signed requests).

Contract with ``specimen serve`` (bot/server.py): ``python -m bot serve --port PORT --records DIR`` serves
``POST /slack/events`` (commands, interactions, events) and ``GET /healthz``; settings come from the environment
(``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET``, ``SLACK_API_URL``, ``DATABASE_URL``); SIGTERM stops it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import payloads
from .signing import FORM, JSON, HttpResponse, http_request, post_signed
from .slack_api import SlackApi

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEST_SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
TEST_BOT_TOKEN = "xoxb-test"
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

CommandFactory = Callable[[int, Path], Sequence[str]]


def specimen_serve_command(port: int, records: Path) -> list[str]:
    return [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port), "--records", str(records)]


def app_env(api: SlackApi, workdir: Path, **settings: str) -> dict[str, str]:
    """The environment of an app process wired to ``api``: this one's, less any Slack, specimen or database
    settings, plus the stand-in's token and URL, a SQLite file in ``workdir`` and ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SPECIMEN_", "DATABASE_URL"))}
    env.update(
        SLACK_BOT_TOKEN=api.bot_token,
        SLACK_API_URL=api.base_url,
        DATABASE_URL=f"sqlite:///{workdir / 'specimen.db'}",
        PYTHONUNBUFFERED="1",
    )
    env.update(settings)
    return env


def free_port() -> int:
    """An unused 127.0.0.1 port. Another process may take it before ours binds; ``start`` retries then."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AppServerError(RuntimeError):
    """The app process failed to start or to answer /healthz; the message carries its stderr."""

    exit_code: int | None = None  # set once the failed process has been stopped


@dataclass(frozen=True)
class Exchange:
    """A request sent to the app (``sent``: the fields or payload) and the app's HTTP answer."""

    sent: dict[str, Any]
    response: HttpResponse

    @property
    def status(self) -> int:
        return self.response.status

    @property
    def text(self) -> str:
        return self.response.text

    def json(self) -> Any:
        return self.response.json()


class SlackSends:
    """What Slack sends, signed, through ``post_raw`` (a real server's socket, or the app in this process)."""

    api: SlackApi

    def post_raw(self, body: str | bytes, content_type: str, **kwargs: Any) -> HttpResponse:
        raise NotImplementedError

    def post_command(self, text: str = "", **fields: str) -> Exchange:
        sent = payloads.slash_command(text, api=self.api, **fields)
        return Exchange(sent, self.post_raw(payloads.form_body(sent), FORM))

    def post_interaction(self, payload: dict[str, Any]) -> Exchange:
        return Exchange(payload, self.post_raw(payloads.interaction_body(payload), FORM))

    def post_action(self, action_id: str, **kwargs: Any) -> Exchange:
        """A ``block_actions`` button click (see ``payloads.block_actions`` for the keywords)."""
        return self.post_interaction(payloads.block_actions(action_id, api=self.api, **kwargs))

    def post_event(
        self, event: dict[str, Any] | None = None, *, headers: dict[str, str] | None = None, **envelope_fields: Any
    ) -> Exchange:
        """An Events API delivery of ``event`` (default: ``app_home_opened``) in an ``event_callback`` envelope.

        A retry is the same ``event_id`` again with ``headers={"X-Slack-Retry-Num": "1",
        "X-Slack-Retry-Reason": "http_timeout"}`` (SLACK-FACTS §5).
        """
        envelope = payloads.event_callback(event or payloads.app_home_opened(), **envelope_fields)
        return Exchange(envelope, self.post_raw(payloads.event_body(envelope), JSON, headers=headers))


@dataclass
class AppServer(SlackSends):
    api: SlackApi
    port: int
    process: subprocess.Popen[bytes]
    log_dir: Path
    signing_secret: str = TEST_SIGNING_SECRET
    _logs: list[IO[bytes]] = field(default_factory=list, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def events_url(self) -> str:
        return self.url + EVENTS_PATH

    def stderr(self) -> str:
        return (self.log_dir / "stderr.log").read_text(errors="replace")

    # -- signed requests, as Slack sends them ------------------------------------------------------------------

    def post_raw(self, body: str | bytes, content_type: str, **kwargs: Any) -> HttpResponse:
        """POST a signed body; ``secret=``, ``timestamp=``, ``headers=`` override the defaults."""
        secret = kwargs.pop("secret", self.signing_secret)
        return post_signed(self.events_url, body, secret=secret, content_type=content_type, **kwargs)

    def get(self, path: str, headers: dict[str, str] | None = None) -> HttpResponse:
        return http_request(self.url + path, method="GET", headers=headers)

    # -- lifecycle ----------------------------------------------------------------------------------------------

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM the process group, then SIGKILL after ``timeout``; return the exit code."""
        if self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait(timeout)
        for log in self._logs:
            log.close()
        return int(self.process.returncode)


def start_app_server(
    api: SlackApi,
    *,
    workdir: Path,
    records: Path | None = None,
    command: CommandFactory = specimen_serve_command,
    env: dict[str, str] | None = None,
    signing_secret: str = TEST_SIGNING_SECRET,
    startup_timeout: float = 30.0,
    attempts: int = 3,
) -> AppServer:
    """Start the app against the Web API stand-in and wait until ``GET /healthz`` answers 200."""
    last_error: AppServerError | None = None
    for attempt in range(attempts):
        log_dir = workdir / f"app-server-{attempt}"
        log_dir.mkdir(parents=True, exist_ok=True)
        server = _spawn(api, free_port(), log_dir, records or PROJECT_ROOT / "records", command, env, signing_secret)
        try:
            _wait_healthy(server, startup_timeout)
            return server
        except AppServerError as error:
            error.exit_code = server.stop()
            if "address already in use" not in server.stderr().lower():
                raise
            last_error = error  # lost the race for the port: try another one
    raise AppServerError(f"no free port after {attempts} attempts") from last_error


def _spawn(
    api: SlackApi,
    port: int,
    log_dir: Path,
    records: Path,
    command: CommandFactory,
    env: dict[str, str] | None,
    signing_secret: str,
) -> AppServer:
    child_env = app_env(api, log_dir, SLACK_SIGNING_SECRET=signing_secret)
    child_env.update(env or {})
    stdout = (log_dir / "stdout.log").open("wb")
    stderr = (log_dir / "stderr.log").open("wb")
    process = subprocess.Popen(
        list(command(port, records)),
        cwd=PROJECT_ROOT,
        env=child_env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,  # its own process group, so stop() reaches any workers it forks
    )
    return AppServer(api, port, process, log_dir, signing_secret, _logs=[stdout, stderr])


def _wait_healthy(server: AppServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise AppServerError(
                f"app server exited with code {code} before it was healthy; stderr:\n{server.stderr()}"
            )
        try:
            response = server.get(HEALTH_PATH)
            if response.status == 200:
                return
            last = f"HTTP {response.status}: {response.text[:200]}"
        except OSError as error:
            last = str(error)
        time.sleep(0.05)
    raise AppServerError(f"GET {HEALTH_PATH} not 200 within {timeout}s ({last}); stderr:\n{server.stderr()}")


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)  # the group we created with start_new_session; pgid == pid
