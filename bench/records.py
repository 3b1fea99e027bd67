"""Benchmark: load and validate N generated records from a cold process.

Run: python -m bench.records [--counts 1000 10000]
Each figure is a fresh `python -m bot check --records DIR` process (interpreter start included), best of 3.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.records.synthetic import synthetic_record_data
from bot.records.writer import dump_record

GOALS = {1_000: 0.5, 10_000: 3.0}


def write_records(directory: Path, count: int) -> int:
    total = 0
    for index in range(count):
        data = synthetic_record_data(index)
        text = dump_record(data)
        (directory / f"{data['slug']}.yml").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def cold_check_seconds(directory: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bot", "check", "--records", str(directory)],
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"check failed: {done.stderr[:500]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    baseline = min(
        cold_check_seconds_for_import_only(args.runs),
    )
    print(f"{'records':>8} {'MB':>6} {'best s':>7} {'median s':>9} {'goal s':>7}  verdict")
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            size = write_records(directory, count)
            times = cold_check_seconds(directory, args.runs)
            goal = GOALS.get(count)
            verdict = "" if goal is None else ("ok" if min(times) <= goal else "OVER")
            goal_text = "-" if goal is None else f"{goal:.1f}"
            print(
                f"{count:>8} {size / 1e6:>6.1f} {min(times):>7.3f} {statistics.median(times):>9.3f} {goal_text:>7}  {verdict}"
            )
    print(f"(interpreter start + imports alone: {baseline:.3f} s)")


def cold_check_seconds_for_import_only(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import bot.cli"], check=True)
        times.append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    main()
