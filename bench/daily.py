"""Daily posts at scale: N subscriptions due in one minute, two clock processes on PostgreSQL, the Web API stand-in.

Run: .venv/bin/python -m bench.daily [--subs 10000] [--clocks 2] [--workers 4] [--batch 100] [--url URL]

Each clock is a real separate process running one ``post_due`` pass (claims in batches, ``--workers`` lanes each).
The table gives the seconds from "go" until both finished, the posts the stand-in accepted, duplicates (two accepted
posts for one channel and local date: must be 0) and missed (a subscription with no accepted post: must be 0).
The second scenario SIGKILLs one clock mid-run; the other finishes, and a pass after the lease took over what the
killed one held (checking channel history for posts it may have sent).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time as wall
import uuid
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from slack_sdk import WebClient
from sqlalchemy import create_engine, select, text

from bot.core.daily.passes import PosterSettings
from bot.core.daily.schedule import Days, Kind, Schedule
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Catalog
from bot.slack.scheduler import offset_clock, post_due
from bot.store import Store
from bot.store import subscriptions as subscription_rows
from bot.store.engine import database_url
from bot.store.tables import post_ledger
from bot.testing.synthetic import synthetic_record_data
from tests.support.slack_api import SlackApi

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = os.environ.get("DATABASE_URL_TEST", "postgresql://postgres@127.0.0.1:5432/test")
DUE = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # Monday 09:00 in Berlin
RECORDS = 50  # 200 burn-ward quotes to rotate through


def catalog() -> Catalog:
    return Catalog(tuple(specimen_from_data(synthetic_record_data(i)) for i in range(RECORDS)))


def seed(url: str, schema: str, count: int) -> None:
    store = Store.open(url, schema=schema)
    schedule = Schedule(time(9, 0), "Europe/Berlin", Days.WEEKDAYS)
    with store.engine.begin() as conn:
        for n in range(count):
            subscription_rows.subscribe(
                conn,
                channel_id=f"C{n:07d}",
                team_id="T0SPECIMEN",
                user_id="U0ADA",
                schedule=schedule,
                kind=Kind.QUOTES,
                now=DUE - timedelta(hours=1),
            )
    store.close()


def clock_main(args: argparse.Namespace) -> None:
    """One clock process: get ready, wait for "go" on stdin, run one pass, print its report as JSON."""
    store = Store.open(args.url, schema=args.schema)
    client = WebClient(token="xoxb-test", base_url=args.api, timeout=30, retry_handlers=[])
    entries = catalog()
    settings = PosterSettings(batch_size=args.batch, workers=args.workers)
    print("ready", flush=True)
    sys.stdin.readline()
    started = wall.perf_counter()
    report = post_due(client, store, entries, clock=offset_clock(args.now), settings=settings)
    print(json.dumps({"seconds": wall.perf_counter() - started, "report": report.summary()}), flush=True)
    store.close()


def start_clock(
    args: argparse.Namespace, api: SlackApi, schema: str, name: str, now: datetime
) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "bench.daily", "--role", "clock", "--schema", schema, "--api", api.base_url]
    command += ["--url", args.url, "--batch", str(args.batch), "--workers", str(args.workers), "--now", now.isoformat()]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        raise RuntimeError(f"clock {name} did not start")
    return process


def count_posts(api: SlackApi, subs: int) -> tuple[int, int, int]:
    """(accepted posts, duplicates, missed) from what the stand-in accepted."""
    per_day = Counter(
        (call.params["channel"], call.params["metadata"]["event_payload"]["local_date"])
        for call in api.calls("chat.postMessage")
        if call.ok and isinstance(call.params.get("metadata"), dict)
    )
    duplicates = sum(n - 1 for n in per_day.values() if n > 1)
    missed = subs - len({channel for channel, _ in per_day})
    return sum(per_day.values()), duplicates, missed


def ledger_states(url: str, schema: str) -> Counter[str]:
    store = Store.open(url, schema=schema)
    with store.engine.begin() as conn:
        states = Counter(conn.execute(select(post_ledger.c.state)).scalars())
    store.close()
    return states


def scenario(args: argparse.Namespace, *, kill_one: bool) -> dict[str, object]:
    schema = f"bench_daily_{uuid.uuid4().hex[:10]}"
    seed(args.url, schema, args.subs)
    now = DUE + timedelta(seconds=5)
    try:
        with SlackApi() as api:
            clocks = [start_clock(args, api, schema, f"clock-{n}", now) for n in range(args.clocks)]
            started = wall.perf_counter()
            for process in clocks:
                assert process.stdin is not None
                process.stdin.write("go\n")
                process.stdin.flush()
            if kill_one:
                api.wait_for("chat.postMessage", args.subs // 4, timeout=300)
                clocks[0].send_signal(signal.SIGKILL)
            outputs = [process.communicate(timeout=1800)[0] for process in clocks]
            seconds = wall.perf_counter() - started
            recovery = ""
            if kill_one:
                # The killed clock's claims are stale after the lease: a later pass takes them over.
                later = now + PosterSettings().lease + timedelta(minutes=1)
                client = WebClient(token=api.bot_token, base_url=api.base_url, retry_handlers=[])
                store = Store.open(args.url, schema=schema)
                report = post_due(client, store, catalog(), clock=offset_clock(later), settings=PosterSettings())
                store.close()
                recovery = f"recovered {report.recovered}, re-sent {report.posted}"
            posted, duplicates, missed = count_posts(api, args.subs)
        states = ledger_states(args.url, schema)
    finally:
        engine = create_engine(database_url(args.url))
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()
    per_clock = [json.loads(out.strip().splitlines()[-1])["report"] if out.strip() else "killed" for out in outputs]
    return {
        "scenario": "one clock SIGKILLed, pass after lease" if kill_one else "all clocks run to the end",
        "seconds": seconds,
        "posted": posted,
        "duplicates": duplicates,
        "missed": missed,
        "ledger": dict(states),
        "per_clock": per_clock,
        "recovery": recovery,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subs", type=int, default=10_000)
    parser.add_argument("--clocks", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="lanes per clock process")
    parser.add_argument("--batch", type=int, default=100, help="claims per transaction")
    parser.add_argument("--url", default=DEFAULT_URL, help="PostgreSQL URL (default: $DATABASE_URL_TEST or local)")
    parser.add_argument("--skip-kill", action="store_true", help="run only the first scenario")
    parser.add_argument("--role", default="bench", choices=["bench", "clock"], help=argparse.SUPPRESS)
    parser.add_argument("--schema", help=argparse.SUPPRESS)
    parser.add_argument("--api", help=argparse.SUPPRESS)
    parser.add_argument("--now", type=datetime.fromisoformat, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "clock":
        clock_main(args)
        return
    rows = [scenario(args, kill_one=False)]
    if not args.skip_kill:
        rows.append(scenario(args, kill_one=True))
    print(
        f"{args.subs:,} subscriptions due in one minute; {args.clocks} clock processes x {args.workers} lanes; ", end=""
    )
    print(f"claim batches of {args.batch}; PostgreSQL; Web API stand-in in the bench process\n")
    header = f"{'scenario':<40} {'seconds':>8} {'posts/s':>8} {'posted':>7} {'duplicates':>10} {'missed':>6}"
    print(header)
    print("-" * len(header))
    for row in rows:
        rate = int(row["posted"]) / float(row["seconds"])  # type: ignore[arg-type]
        print(
            f"{row['scenario']:<40} {row['seconds']:>8.1f} {rate:>8.0f} {row['posted']:>7} "
            f"{row['duplicates']:>10} {row['missed']:>6}"
        )
    print()
    for row in rows:
        print(f"{row['scenario']}: ledger {row['ledger']}")
        for n, report in enumerate(row["per_clock"]):  # type: ignore[arg-type]
            print(f"  clock {n}: {report}")
        if row["recovery"]:
            print(f"  later pass: {row['recovery']}")


if __name__ == "__main__":
    main()
