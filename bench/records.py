"""Benchmark: load and validate N generated, seed-sized records from a cold process.

Run: python -m bench.records [--counts 1000 10000] [--runs 3]
Each figure is a fresh `python -m bot check --records DIR` process (interpreter start included), best of N runs:
once with the parse cache off (every file parsed by PyYAML's C loader and validated) and once with a warm
parse cache (unchanged files skip parsing; cross-record checks and the typed model are still built).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bot.core.records.writer import dump_record
from bot.testing.synthetic import synthetic_record_data

GOALS = {1_000: 0.5, 10_000: 3.0}


def write_records(directory: Path, count: int) -> int:
    total = 0
    for index in range(count):
        data = synthetic_record_data(index)
        text = dump_record(data)
        (directory / f"{data['slug']}.yml").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def best_cold_check(directory: Path, runs: int, cache: str) -> float:
    env = {**os.environ, "SPECIMEN_CACHE_DIR": cache}
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bot", "check", "--records", str(directory)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        best = min(best, time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"check failed: {done.stderr[:500]}")
    return best


def best_import_only(runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import bot.cli"], check=True)
        best = min(best, time.perf_counter() - started)
    return best


def measure(count: int, runs: int) -> dict[str, float]:
    """Figures for ``count`` generated records: MB on disk, best cold check without and with a warm parse cache."""
    with tempfile.TemporaryDirectory() as tmp:
        directory, cache = Path(tmp) / "records", Path(tmp) / "cache"
        directory.mkdir()
        size = write_records(directory, count)
        uncached = best_cold_check(directory, runs, "off")
        best_cold_check(directory, 1, str(cache))
        cached = best_cold_check(directory, runs, str(cache))
    return {"mb": size / 1e6, "uncached_s": uncached, "cached_s": cached}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"PyYAML C loader: {'yes' if getattr(yaml, '__with_libyaml__', False) else 'NO'}; cores: {os.cpu_count()}")
    print(f"{'records':>8} {'MB':>6} {'no cache s':>11} {'warm cache s':>13} {'goal s':>7}")
    for count in args.counts:
        figures = measure(count, args.runs)
        goal = GOALS.get(count)
        goal_text = "-" if goal is None else f"{goal:.1f}"
        print(
            f"{count:>8} {figures['mb']:>6.1f} {figures['uncached_s']:>11.3f} {figures['cached_s']:>13.3f} "
            f"{goal_text:>7}"
        )
    print(f"(interpreter start + imports alone: {best_import_only(args.runs):.3f} s)")


if __name__ == "__main__":
    main()
