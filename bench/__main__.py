"""Every benchmark in one run, one table: figure, measured, goal, verdict.

Run: python -m bench [--quick] [--python-client] [--skip-daily] [--details FILE]

Shorter than the modules' own defaults so that the whole run fits in five minutes on two cores: cold start best of
3, record loads best of 2 cold processes, 500 lookups per query kind, 5 s of HTTP load per server and per page,
daily fan-out of 10,000 subscriptions (``--quick``: 2,000, and fewer runs). Every module's own printout goes to the
details file.
Figures are noisy when other work shares the machine: the load average at the start is printed with the table.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import cold_start as cold_start_bench
from bench import http as http_bench
from bench import links as links_bench
from bench import matching as matching_bench
from bench import pages as pages_bench
from bench import records as records_bench
from bot.core.links import extract_candidates

ROOT = Path(__file__).resolve().parents[1]
HTTP_GOALS = {"p50_ms": 2.0, "p99_ms": 10.0, "ratio": 1.35}
RSS_GOAL_MB = 300.0  # ours: master + 2 workers with the shipped catalog, after the HTTP run
DAILY_GOAL_S = 60.0  # ours: every subscription due in a minute is posted within that minute


@dataclass(frozen=True)
class Row:
    figure: str
    measured: str
    goal: str
    verdict: str


def at_most(figure: str, value: float, goal: float, unit: str, digits: int = 2) -> Row:
    verdict = "met" if value <= goal else "MISSED"
    return Row(figure, f"{value:,.{digits}f} {unit}", f"<= {goal:g} {unit}", verdict)


def exactly(figure: str, value: int, goal: int) -> Row:
    return Row(figure, f"{value:,}", f"{goal}", "met" if value == goal else "MISSED")


def info(figure: str, measured: str) -> Row:
    return Row(figure, measured, "-", "info")


# -- sections: each returns rows; its own printout goes to the details -------------------------------------------


def cold_start(quick: bool) -> list[Row]:
    times = cold_start_bench.measure(2 if quick else 3)
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"cold start runs (s): {runs}")
    return [at_most(f"cold start to first answer (best of {len(times)})", min(times), cold_start_bench.GOAL_S, "s")]


def records(quick: bool) -> list[Row]:
    rows = []
    for count in (1_000, 10_000):
        figures = records_bench.measure(count, 1 if quick else 2)
        print(f"{count} records: {figures}")
        for key, label in (("uncached_s", "no cache"), ("cached_s", "warm cache")):
            rows.append(
                at_most(f"record load {count:,}, cold process, {label}", figures[key], records_bench.GOALS[count], "s")
            )
    return rows


def matching(quick: bool) -> list[Row]:
    queries = 200 if quick else 500
    rows = []
    shipped = matching_bench.speed_shipped(queries)
    goals = matching_bench.GOALS
    rows.append(at_most("lookup p99, shipped catalog", shipped["p99_shipped_ms"], goals["p99_shipped_ms"], "ms", 3))
    titles = matching_bench.DEFAULT_TITLES
    if titles.exists():
        large = matching_bench.speed_large(matching_bench.read_titles(titles), queries)
        rows.append(at_most("lookup p99, 74k aliases", large["p99_large_ms"], goals["p99_large_ms"], "ms", 3))
        rows.append(at_most("title index build, 74k aliases", large["build_s"], goals["build_s"], "s"))
        rows.append(at_most("title index memory, 74k aliases", large["memory_mb"], goals["memory_mb"], "MB", 1))
    else:
        rows.append(Row("lookup p99, 74k aliases", f"no {titles}", "<= 2 ms", "SKIPPED"))
    return rows


def http(quick: bool, use_wrk: bool) -> list[Row]:
    clients = 16
    rounds = http_bench.compare(clients, 3 if quick else 5, use_wrk=use_wrk)
    tool = "wrk" if use_wrk else "python client"
    for row in rounds:
        for r in row:
            print(f"{r.name}: {r}")
    ratio = statistics.median(s.p50_ms / b.p50_ms for s, _, b in rounds)
    oauth_ratio = statistics.median(o.p50_ms / b.p50_ms for _, o, b in rounds)
    specimen, oauth, bare = sorted(rounds, key=lambda row: row[0].p50_ms / row[2].p50_ms)[len(rounds) // 2]
    return [
        at_most(f"HTTP p50, {clients} clients ({tool})", specimen.p50_ms, HTTP_GOALS["p50_ms"], "ms"),
        at_most(f"HTTP p99, {clients} clients ({tool})", specimen.p99_ms, HTTP_GOALS["p99_ms"], "ms"),
        info("HTTP p50 / p99, bare Bolt app, same stack", f"{bare.p50_ms:.2f} / {bare.p99_ms:.2f} ms"),
        at_most("HTTP p50 ratio specimen / bare Bolt (median round)", ratio, HTTP_GOALS["ratio"], "x"),
        at_most("HTTP p50 ratio specimen with OAuth / bare Bolt (median round)", oauth_ratio, HTTP_GOALS["ratio"], "x"),
        info(f"requests/s at {clients} clients, specimen / bare", f"{specimen.rps:,.0f} / {bare.rps:,.0f}"),
        exactly("HTTP errors (non-200, socket)", specimen.errors + oauth.errors + bare.errors, 0),
        at_most("RSS of specimen serve (master + 2 workers)", specimen.rss_mb, RSS_GOAL_MB, "MB", 1),
        info("RSS of the bare Bolt app, same stack", f"{bare.rss_mb:.1f} MB"),
    ]


def pages(quick: bool, use_wrk: bool) -> list[Row]:
    rows, rss = pages_bench.measure_pages(16, 3 if quick else 5, use_wrk=use_wrk)
    out = [at_most(f"page p50, {name}", p50, pages_bench.P50_GOAL_MS, "ms") for name, p50, *_ in rows]
    out.append(exactly("page errors (non-200, socket)", sum(row[4] for row in rows), 0))
    out.append(info("RSS of specimen serve after the page runs", f"{rss:.1f} MB"))
    return out


def links(quick: bool) -> list[Row]:
    repeat = 20 if quick else 50
    slowest = max(
        links_bench.time_one(lambda m=m: extract_candidates(m), repeat)[0] for m in links_bench.messages().values()
    )
    return [at_most(f"job-link scan, slowest message kind (best of {repeat})", slowest, links_bench.GOAL_MS, "ms", 3)]


def daily(quick: bool) -> list[Row]:
    subs = 2_000 if quick else 10_000
    command = [sys.executable, "-m", "bench.daily", "--subs", str(subs)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)
    print(done.stdout)
    print(done.stderr[-3000:])
    if done.returncode != 0:
        raise RuntimeError(f"bench.daily exited {done.returncode}: {done.stderr.strip().splitlines()[-1:]}")
    rows = []
    for scenario, figures in parse_daily(done.stdout).items():
        name = f"daily {subs:,}: {scenario}"
        rows.append(at_most(f"{name}, seconds", figures["seconds"], DAILY_GOAL_S, "s", 1))
        rows.append(info(f"{name}, posts/s", f"{figures['posts/s']:,.0f}"))
        rows.append(exactly(f"{name}, duplicates", int(figures["duplicates"]), 0))
        rows.append(exactly(f"{name}, missed", int(figures["missed"]), 0))
    if not rows:
        raise RuntimeError("no scenario rows in bench.daily's output (see the details)")
    return rows


def parse_daily(out: str) -> dict[str, dict[str, float]]:
    """bench.daily's table: a header naming the columns, then one row per scenario (name, then numbers)."""
    lines = out.splitlines()
    header = next((n for n, line in enumerate(lines) if "duplicates" in line and "missed" in line), None)
    if header is None:
        return {}
    columns = lines[header].split()[1:]
    scenarios: dict[str, dict[str, float]] = {}
    for line in lines[header + 1 :]:
        if not line.strip() or set(line.strip()) == {"-"}:
            continue
        match = re.match(rf"^(.*?)\s+((?:[\d.,]+\s+){{{len(columns) - 1}}}[\d.,]+)\s*$", line)
        if match is None:
            break
        numbers = [float(n.replace(",", "")) for n in match.group(2).split()]
        scenarios[match.group(1).strip()] = dict(zip(columns, numbers, strict=True))
    return scenarios


# -- the run ----------------------------------------------------------------------------------------------------


def run_section(name: str, work: Callable[[], list[Row]], details: io.TextIOBase) -> list[Row]:
    details.write(f"\n===== {name} =====\n")
    buffer = io.StringIO()
    started = time.perf_counter()
    try:
        with contextlib.redirect_stdout(buffer):
            rows = work()
    except Exception as error:  # one failing benchmark must not hide the others' figures
        buffer.write(traceback.format_exc())
        rows = [Row(name, f"error: {error}"[:70], "-", "ERROR")]
    details.write(buffer.getvalue())
    details.write(f"({name}: {time.perf_counter() - started:.1f} s)\n")
    details.flush()
    print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return rows


def print_table(rows: list[Row]) -> None:
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("figure", "measured", "goal")]
    head = Row("figure", "measured", "goal", "verdict")
    for n, row in enumerate([head, *rows]):
        print(f"{row.figure:<{widths[0]}}  {row.measured:>{widths[1]}}  {row.goal:<{widths[2]}}  {row.verdict}")
        if n == 0:
            print("-" * (sum(widths) + 4 + 2 + 7))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller loads")
    parser.add_argument("--python-client", action="store_true", help="HTTP load by the Python client, not wrk")
    parser.add_argument("--skip-daily", action="store_true", help="leave out the daily fan-out (needs PostgreSQL)")
    parser.add_argument("--details", type=Path, help="where each benchmark's own printout goes (default: a temp file)")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    if args.details is None:
        handle, name = tempfile.mkstemp(prefix="bench-details-", suffix=".txt")
        os.close(handle)
        args.details = Path(name)
    sections: list[tuple[str, Callable[[], list[Row]]]] = [
        ("cold start", lambda: cold_start(args.quick)),
        ("record load", lambda: records(args.quick)),
        ("title lookup", lambda: matching(args.quick)),
        ("HTTP round trip", lambda: http(args.quick, use_wrk)),
        ("public pages", lambda: pages(args.quick, use_wrk)),
        ("job-link scan", lambda: links(args.quick)),
    ]
    if not args.skip_daily:
        sections.append(("daily fan-out", lambda: daily(args.quick)))
    load = os.getloadavg()
    started = time.perf_counter()
    rows: list[Row] = []
    with args.details.open("w", encoding="utf-8") as details:
        for name, work in sections:
            rows += run_section(name, work, details)
    total = time.perf_counter() - started
    print(
        f"python -m bench: {os.cpu_count()} cores, load average at start {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )
    print()
    print_table(rows)
    print()
    missed = [r for r in rows if r.verdict in ("MISSED", "ERROR")]
    print(f"total {total:.0f} s; {len(missed)} of {len(rows)} rows missed or failed; details: {args.details}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
