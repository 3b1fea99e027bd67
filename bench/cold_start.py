"""Benchmark: cold start, from launching `specimen serve` to the first 200 answer to a signed `/specimen` request.

Run: python -m bench.cold_start [--runs 5] [--records DIR]

Each run launches a fresh `python -m bot serve` (gunicorn, 2 workers) against the Web API stand-in, then posts the
same signed slash command every 5 ms until one is answered 200 with the card: interpreter start, imports, catalog
load, title index, `auth.test`, gunicorn and its workers are all inside the figure. Connection refusals while the
port is not bound yet are expected; any other answer is an error. The goal is Slack's 3 s acknowledgement window:
a command that arrives while the app restarts is still answered in time.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support import payloads
from tests.support.server import PROJECT_ROOT, TEST_SIGNING_SECRET, app_env, free_port, specimen_serve_command
from tests.support.signing import FORM, http_request, signed_headers
from tests.support.slack_api import SlackApi

GOAL_S = 3.0
QUERY = "jr ml eng"
TITLE = "Junior Machine Learning Engineer"


def one_cold_start(api: SlackApi, records: Path, workdir: Path, timeout: float = 60.0) -> float:
    """Seconds from Popen to the first 200 answer carrying the card."""
    port = free_port()
    body = payloads.form_body(payloads.slash_command(QUERY, api=api)).encode()
    url = f"http://127.0.0.1:{port}/slack/events"
    stderr = (workdir / f"stderr-{port}.log").open("wb")
    started = time.perf_counter()
    process = subprocess.Popen(
        specimen_serve_command(port, records),
        cwd=PROJECT_ROOT,
        env=app_env(api, workdir, SLACK_SIGNING_SECRET=TEST_SIGNING_SECRET),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
    )
    try:
        while True:
            if time.perf_counter() - started > timeout or process.poll() is not None:
                raise SystemExit(f"no answer from specimen serve; stderr:\n{(workdir / stderr.name).read_text()}")
            try:
                headers = {"Content-Type": FORM, **signed_headers(TEST_SIGNING_SECRET, body)}
                response = http_request(url, body, headers=headers, timeout=10)
            except OSError:
                time.sleep(0.005)
                continue
            elapsed = time.perf_counter() - started
            if response.status != 200 or TITLE not in response.text:
                raise SystemExit(f"first answer was HTTP {response.status}: {response.text[:300]}")
            return elapsed
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        stderr.close()


def measure(runs: int, records: Path = PROJECT_ROOT / "records") -> list[float]:
    """Cold-start seconds of ``runs`` fresh processes, in order."""
    with SlackApi() as api, tempfile.TemporaryDirectory() as tmp:
        return [one_cold_start(api, records, Path(tmp)) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--records", type=Path, default=PROJECT_ROOT / "records")
    args = parser.parse_args()
    times = measure(args.runs, args.records)
    runs = ", ".join(f"{t:.2f}" for t in times)
    verdict = "met" if min(times) <= GOAL_S else "MISSED"
    print(f"specimen serve → first answered /specimen {QUERY!r} ({args.records})")
    print(
        f"best {min(times):.2f} s, median {statistics.median(times):.2f} s (runs: {runs}); "
        f"goal <= {GOAL_S:.0f} s: {verdict}"
    )


if __name__ == "__main__":
    main()
