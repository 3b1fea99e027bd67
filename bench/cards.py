"""Benchmark: building, checking and rendering card payloads (the slash command's fast path builds one per request).

Run: python -m bench.cards [--runs 200]
Prints the median time per call for the seed record and for a worst-case record (100 entries × 4,000 characters in
every list), plus payload sizes. Figures are per call in one warm process; noisy on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.cli.terminal import render_payload
from bot.core.cards.full_file import full_file_payload
from bot.core.cards.replies import list_message
from bot.core.cards.snippets import quote_preview
from bot.core.cards.specimen import card_preview
from bot.core.records.loader import parse_record_text, specimen_from_data
from bot.core.records.model import Catalog, Specimen
from bot.testing.block_kit import block_kit_problems
from bot.testing.samples import worst_case_record_data
from bot.testing.synthetic import synthetic_record_data

SEED = Path(__file__).resolve().parents[1] / "records" / "junior-machine-learning-engineer.yml"


def median_us(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def specimens() -> dict[str, Specimen]:
    parsed = parse_record_text(SEED.read_text(encoding="utf-8"), str(SEED))
    assert parsed.data is not None
    return {
        "seed": specimen_from_data(parsed.data),
        "worst (words)": specimen_from_data(worst_case_record_data("words")),
        "worst (markup)": specimen_from_data(worst_case_record_data("markup")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    print(f"{'record':<16} {'operation':<26} {'median µs':>10} {'JSON bytes':>11} {'blocks':>7}")
    for name, specimen in specimens().items():
        card = card_preview(specimen, 0, 0, set())
        view = full_file_payload(specimen)
        rows: list[tuple[str, Callable[[], Any], dict[str, Any] | None]] = [
            ("card_preview", lambda s=specimen: card_preview(s, 1, 1, set()), card),
            ("quote_preview", lambda s=specimen: quote_preview(s, 1), None),
            ("full_file_payload", lambda s=specimen: full_file_payload(s), view),
            ("block_kit_problems(card)", lambda p=card: block_kit_problems(p), None),
            ("block_kit_problems(modal)", lambda v=view: block_kit_problems(v, "modal"), None),
            ("render_payload(card)", lambda p=card: render_payload(p), None),
        ]
        for label, fn, payload in rows:
            size = f"{len(json.dumps(payload)):,}" if payload else ""
            blocks = str(len(payload["blocks"])) if payload else ""
            print(f"{name:<16} {label:<26} {median_us(fn, args.runs):>10.0f} {size:>11} {blocks:>7}")
    catalog = Catalog(tuple(specimen_from_data(synthetic_record_data(i)) for i in range(1000)))
    listing = list_message(catalog)
    size = f"{len(json.dumps(listing)):,}"
    us = median_us(lambda: list_message(catalog), max(10, args.runs // 10))
    print(f"{'1,000 records':<16} {'list_message':<26} {us:>10.0f} {size:>11} {len(listing['blocks']):>7}")


if __name__ == "__main__":
    main()
