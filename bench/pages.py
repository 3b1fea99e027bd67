"""Benchmark: the public pages over loopback HTTP through the production server (gunicorn + uvicorn workers).

Run: python -m bench.pages [--seconds 10] [--clients 16]

Starts the Web API stand-in and `specimen serve` (test signing secret, OAuth set so the landing page carries Add to
Slack), then drives each page in turn at N concurrent keep-alive connections: `/`, `/privacy`, one search asked
again and again (answered from the search LRU), and searches for distinct real job titles (tests/data's 74k, so
nearly every one is looked up and rendered, then evicts another from the LRU). Load by `wrk` when installed, else
a threaded Python client (slower: it competes with the server for CPU). Prints p50/p99 per page against the goal.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import random
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote_plus

from bench.http import LUA_LANES, _lua_string, rss_mb, run_requests, run_wrk_script
from tests.support.paths import PROJECT_ROOT
from tests.support.server import start_app_server
from tests.support.slack_api import SlackApi

P50_GOAL_MS = 5.0
OAUTH = {"SLACK_CLIENT_ID": "1234.5678", "SLACK_CLIENT_SECRET": "bench-client-secret"}
TITLES = PROJECT_ROOT / "tests" / "data" / "job-titles.txt.gz"
DISTINCT_QUERIES = 20_000
FIXED_PAGES = {"/": "/", "/privacy": "/privacy", "search, same query": "/search?q=jr+ml+eng"}


def distinct_paths(count: int = DISTINCT_QUERIES) -> list[str]:
    """Search paths for ``count`` real job titles, shuffled with a fixed seed."""
    titles = gzip.decompress(TITLES.read_bytes()).decode("utf-8").splitlines()
    picked = random.Random(7).sample(titles, min(count, len(titles)))
    return [f"/search?q={quote_plus(t[:100])}" for t in picked]


def wrk_lua(paths: list[str]) -> str:
    """Each wrk thread walks the paths from its own offset, one new path per request."""
    listed = ",".join(_lua_string(p) for p in paths)
    return f"""
local paths = {{{listed}}}
{LUA_LANES}
function init(args)
  n = lane * {len(paths) // 2}
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
"""


PageRow = tuple[str, float, float, float, int, int]  # page, p50 ms, p99 ms, req/s, errors, requests


def measure_pages(clients: int, seconds: int, *, use_wrk: bool) -> tuple[list[PageRow], float]:
    """Each page under load against `specimen serve` (OAuth on, so the landing page has its button): the rows and
    the server's RSS (MB) after the run."""
    distinct = distinct_paths()
    runs: dict[str, tuple[str, list[str]]] = {name: (path, [path]) for name, path in FIXED_PAGES.items()}
    runs["search, distinct titles"] = (distinct[0], distinct)
    rows: list[PageRow] = []
    with tempfile.TemporaryDirectory() as tmp, SlackApi() as api:
        server = start_app_server(api, workdir=Path(tmp), env=OAUTH)
        try:
            for name, (first, paths) in runs.items():
                warm = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
                warm.request("GET", first)
                response = warm.getresponse()
                if response.status != 200:
                    raise SystemExit(f"{name}: HTTP {response.status}")
                response.read()
                warm.close()
                if use_wrk:
                    lua = "" if len(paths) == 1 else wrk_lua(paths)
                    figures = run_wrk_script(server.url + first, lua, clients, seconds)
                else:
                    figures = run_requests(
                        server.port, lambda n, p=paths: ("GET", p[n % len(p)], None, {}), clients, seconds
                    )
                p50, p99, rps, errors, requests = figures
                rows.append((name, p50, p99, rps, int(errors), int(requests)))
            rss = rss_mb(server.process.pid)
        finally:
            server.stop()
    return rows, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--python-client", action="store_true", help="use the Python client even when wrk is there")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    load = os.getloadavg()[0]  # the machine's other work shows in the figures
    rows, rss = measure_pages(args.clients, args.seconds, use_wrk=use_wrk)
    tool = "wrk" if use_wrk else "python client"
    print(
        f"public pages, {args.clients} concurrent clients, {args.seconds} s each, load by {tool}, "
        f"2 uvicorn workers; server RSS after the run {rss:.0f} MB; load average at the start {load:.2f}"
    )
    print(
        f"{'page':<26}{'p50 ms':>8}{'p99 ms':>8}{'req/s':>9}{'requests':>10}{'errors':>8}  goal p50 <= {P50_GOAL_MS:g}"
    )
    for name, p50, p99, rps, errors, requests in rows:
        verdict = "met" if p50 <= P50_GOAL_MS and not errors else "MISSED"
        print(f"{name:<26}{p50:>8.2f}{p99:>8.2f}{rps:>9.0f}{requests:>10}{errors:>8}  {verdict}")


if __name__ == "__main__":
    main()
