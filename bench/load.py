"""Load: the production server (`specimen serve`, gunicorn 2 workers x 8 threads) under a mix of Slack requests.

Run: python -m bench.load [--seconds 60] [--clients 16] [--sample 5] [--python-client]

The mix (weights in MIX): `/specimen` card hits, typos, misses (each miss is counted in the database after the
ack), quote and day previews, and Shuffle / Pick / Cancel / Share clicks whose replies go through a response_url on
the Web API stand-in. Every request is distinct (a replay would be refused): the load generator is wrk (a Lua
script sending 160,000 distinct requests signed at the start, so a run must stay inside Slack's 5-minute window)
or, without wrk, a threaded Python client that
signs each request as it sends it. The stand-in's limit of five posts per response_url is lifted for this run only,
so the pool of button requests can repeat: Slack's rules are the tests' business, throughput is this one's.

Prints requests/s, p50/p99, errors (HTTP answers other than 200, refused response_url posts, ERROR lines in the
server log: all must be 0) and the server's RSS (master + workers) sampled every few seconds, start to end.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.http import _lua_string, rss_mb, run_python_client, run_wrk_script
from bot.core.ids import ACTION_CANCEL, ACTION_PICK, ACTION_SHARE, ACTION_SHUFFLE
from tests.support import payloads
from tests.support.server import TEST_SIGNING_SECRET, AppServer, start_app_server
from tests.support.signing import FORM, signature
from tests.support.slack_api import SlackApi

SLUG = "junior-machine-learning-engineer"
Body = Callable[[SlackApi], bytes]


# Every request of the run is distinct (a repeated signed body is refused as a replay): each pool body carries this
# mark in its trigger_id, and the n-th request of a body replaces it with n (signed up front for wrk).
MARK = "9NNNNN9"
VARIANTS = 400  # distinct requests per pool body: 400 x 400 = 160,000, more than a minute at full speed sends


def _command(*texts: str) -> Body:
    return lambda api: payloads.form_body(
        payloads.slash_command(random.choice(texts), api=api, trigger_id=f"1.{MARK}.t")
    ).encode()


def _miss() -> Body:
    words = ["Quantum", "Llama", "Banjo", "Volcano", "Gazebo", "Kazoo", "Nebula", "Waffle", "Registered", "Nurse"]
    return lambda api: payloads.form_body(
        payloads.slash_command(" ".join(random.sample(words, 3)), api=api, trigger_id=f"1.{MARK}.t")
    ).encode()


def _click(action_id: str, kind: str = "card") -> Body:
    def body(api: SlackApi) -> bytes:
        value = SLUG if action_id == ACTION_PICK else json.dumps({"k": kind, "s": SLUG, "q": 0, "d": 0})
        url = api.issue_response_url()
        click = payloads.block_actions(
            action_id, value=value, api=api, response_url=url, is_ephemeral=True, trigger_id=f"1.{MARK}.t"
        )
        return payloads.interaction_body(click).encode()

    return body


MIX: dict[str, tuple[int, Body]] = {
    "card hit": (30, _command("jr ml eng", "Junior Machine Learning Engineer", "ai apprentice", "ML Associate")),
    "typo": (15, _command("Junior Machine Learnig Enginer", "jr ml engneer", "AI Aprentice")),
    "miss": (10, _miss()),
    "quote": (10, _command("quote", "quote jr ml eng")),
    "day": (10, _command("day", "day ai apprentice")),
    "help / list": (5, _command("help", "list", "")),
    "Shuffle click": (10, _click(ACTION_SHUFFLE)),
    "Pick click": (4, _click(ACTION_PICK)),
    "Cancel click": (3, _click(ACTION_CANCEL)),
    "Share click": (3, _click(ACTION_SHARE, "quote")),
}


def request_pool(api: SlackApi, size: int, seed: int = 7) -> list[bytes]:
    """``size`` request bodies in the MIX proportions, shuffled."""
    random.seed(seed)
    total = sum(weight for weight, _ in MIX.values())
    bodies = [make(api) for weight, make in MIX.values() for _ in range(max(1, size * weight // total))]
    random.shuffle(bodies)
    return bodies


@dataclass
class RssSampler:
    """The server's RSS every ``interval`` seconds, in a thread, until ``stop()``."""

    pid: int
    interval: float
    samples: list[tuple[float, float]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> RssSampler:
        started = time.perf_counter()

        def run() -> None:
            while True:
                self.samples.append((time.perf_counter() - started, rss_mb(self.pid)))
                if self._stop.wait(self.interval):
                    return

        threading.Thread(target=run, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        time.sleep(0.05)
        self.samples.append((self.samples[-1][0] if self.samples else 0.0, rss_mb(self.pid)))


def variant(body: bytes, n: int) -> bytes:
    """The ``n``-th distinct request of a pool body."""
    return body.replace(MARK.encode(), f"{n:07d}".encode())


def distinct(bodies: list[bytes], n: int) -> bytes:
    """The ``n``-th request of the run: the pool's bodies in turn, each time a new variant."""
    return variant(bodies[n % len(bodies)], n // len(bodies) % VARIANTS)


def wrk_lua(bodies: list[bytes], threads: int) -> str:
    """A wrk script sending ``distinct(bodies, n)`` for n = lane, lane + threads, … (each thread its own lane), with
    every signature made up front under one timestamp (a run must stay inside Slack's 5-minute window)."""
    timestamp = str(int(time.time()))
    lines = [f"local timestamp = {_lua_string(timestamp)}", "local parts = {"]
    for body in bodies:
        before, _, after = body.decode().partition(MARK)
        lines.append(f"  {{{_lua_string(before)}, {_lua_string(after)}}},")
    lines.append("}")
    lines.append("local signatures = {")
    for n in range(len(bodies) * VARIANTS):
        lines.append(f'"{signature(TEST_SIGNING_SECRET, timestamp, distinct(bodies, n))}",')
    lines.append("}")
    lines.append(f"""local counter = 0
function setup(thread) thread:set("lane", counter); counter = counter + 1 end
function init(args) n = lane end
function request()
  local index = n % {len(bodies) * VARIANTS}
  n = n + {threads}
  local body = parts[index % {len(bodies)} + 1]
  local number = string.format("%07d", math.floor(index / {len(bodies)}) % {VARIANTS})
  local headers = {{}}
  headers["Content-Type"] = "{FORM}"
  headers["X-Slack-Request-Timestamp"] = timestamp
  headers["X-Slack-Signature"] = signatures[index + 1]
  return wrk.format("POST", "/slack/events", headers, body[1] .. number .. body[2])
end""")
    return "\n".join(lines) + "\n"


@dataclass
class LoadResult:
    tool: str
    seconds: float
    clients: int
    p50_ms: float
    p99_ms: float
    rps: float
    requests: int
    http_errors: int
    refused_posts: int
    log_errors: int
    log_warnings: int
    response_posts: int
    rss: list[tuple[float, float]]

    @property
    def errors(self) -> int:
        return self.http_errors + self.refused_posts + self.log_errors


def run_load(server: AppServer, seconds: float, clients: int, sample: float, use_wrk: bool) -> LoadResult:
    api = server.api
    api.workspace.response_url_max_uses = 10**9  # see the module docstring
    bodies = request_pool(api, 400)
    log_start = len(server.stderr())
    api.reset()
    sampler = RssSampler(server.process.pid, sample).start()
    if use_wrk:
        threads = min(2, clients)
        lua = wrk_lua(bodies, threads)
        p50, p99, rps, http_errors, requests = run_wrk_script(
            server.events_url, lua, clients, int(seconds), threads=threads
        )
    else:
        p50, p99, rps, http_errors, requests = run_python_client(
            server.port, lambda n: distinct(bodies, n), clients, seconds
        )
    time.sleep(1.0)  # replies still on their way to response_urls
    sampler.stop()
    posts = api.calls("response_url")
    log = server.stderr()[log_start:]
    log_errors = sum(1 for line in log.splitlines() if re.search(r"\bERROR\b|\bCRITICAL\b|^Traceback", line))
    log_warnings = sum(1 for line in log.splitlines() if re.search(r"\bWARNING\b", line))
    return LoadResult(
        "wrk" if use_wrk else "python client",
        seconds,
        clients,
        p50,
        p99,
        rps,
        requests,
        http_errors,
        sum(not call.ok for call in posts),
        log_errors,
        log_warnings,
        len(posts),
        sampler.samples,
    )


def measure(seconds: float, clients: int, sample: float, *, use_wrk: bool | None = None) -> LoadResult:
    if use_wrk is None:
        use_wrk = shutil.which("wrk") is not None
    with tempfile.TemporaryDirectory() as tmp, SlackApi() as api:
        server = start_app_server(api, workdir=Path(tmp))
        try:
            return run_load(server, seconds, clients, sample, use_wrk)
        finally:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--sample", type=float, default=5, help="seconds between RSS samples")
    parser.add_argument("--python-client", action="store_true", help="use the Python client even when wrk is there")
    args = parser.parse_args()
    if args.seconds > 240 and not args.python_client:
        parser.error("wrk runs use signatures made at the start: keep --seconds <= 240, or use --python-client")
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    r = measure(args.seconds, args.clients, args.sample, use_wrk=use_wrk)
    mix = ", ".join(f"{name} {weight}%" for name, (weight, _) in MIX.items())
    print(f"specimen serve, {r.clients} concurrent clients for {r.seconds:.0f} s, load by {r.tool}")
    print(f"mix: {mix}")
    print(f"requests/s  {r.rps:,.0f}   ({r.requests:,} requests, {r.response_posts:,} response_url posts)")
    print(f"latency     p50 {r.p50_ms:.2f} ms, p99 {r.p99_ms:.2f} ms")
    print(
        f"errors      {r.errors} (HTTP {r.http_errors}, refused response_url posts {r.refused_posts}, "
        f"server log {r.log_errors}); goal 0: {'met' if r.errors == 0 else 'MISSED'}"
    )
    print(f"warnings    {r.log_warnings} WARNING lines in the server log")
    series = "  ".join(f"{t:.0f}s {mb:.1f}" for t, mb in r.rss)
    growth = r.rss[-1][1] - r.rss[0][1]
    print(f"RSS MB      start {r.rss[0][1]:.1f}, end {r.rss[-1][1]:.1f} (growth {growth:+.1f})")
    print(f"RSS series  {series}")


if __name__ == "__main__":
    main()
