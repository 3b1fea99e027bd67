"""Benchmark: how much of what people type the field guide answers, and how rightly.

Run: python -m bench.coverage [--sample 50] [--seed 7] [--titles PATH]

1. The labelled set tests/data/coverage.yml (exact titles, aliases, levels, job-board decorations, abbreviations,
   typos, near collisions, ambiguous short forms, unrelated real titles) against the shipped catalog: precision
   (right cards / cards), recall (right cards / queries that should get one), wrong cards. Goals: 0 wrong cards,
   recall >= 95 %.
2. The 74,392 real titles of tests/data/job-titles.txt.gz (MIT-licensed find-job-titles 0.7.0, (c) Johannes
   Ahlmann / fluquid; see tests/data/README.md): how many get a card, a did-you-mean, or nothing, and a random
   sample of the hits, printed to be audited by eye.
"""

from __future__ import annotations

import argparse
import gzip
import random
from collections import Counter
from pathlib import Path

from bot.core.matching.index import TitleIndex
from bot.core.matching.result import Ambiguous, Hit
from bot.core.records.loader import load_catalog
from bot.testing.coverage import measure, parse_coverage_set

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "coverage.yml"
TITLES = ROOT / "tests" / "data" / "job-titles.txt.gz"
GOALS = {"wrong_cards": 0, "recall": 0.95}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=50, help="hits of the real titles to print (default 50)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--titles", type=Path, default=TITLES)
    args = parser.parse_args()

    catalog = load_catalog(ROOT / "records", None)
    index = TitleIndex.build(catalog)
    labelled = parse_coverage_set(LABELLED.read_text(encoding="utf-8"))
    result = measure(index, labelled)
    queries = result.should_hit + len(labelled.ambiguous) + len(labelled.unrelated)
    print(f"labelled set: {queries} queries over {len(catalog)} specimens (tests/data/coverage.yml)")
    print(f"{'kind':14} {'right cards':>12}")
    for kind, (right, total) in result.by_kind.items():
        print(f"{kind:14} {right:>6} / {total:<5}")
    ambiguous, unrelated = len(labelled.ambiguous), len(labelled.unrelated)
    print(f"{'ambiguous':14} {result.ambiguous_right:>6} / {ambiguous:<5} (a did-you-mean among exactly its meanings)")
    print(f"{'unrelated':14} {unrelated - len(result.unrelated_cards):>6} / {unrelated:<5} (no card)")
    verdict_wrong = "met" if len(result.wrong_cards) <= GOALS["wrong_cards"] else "MISSED"
    verdict_recall = "met" if result.recall >= GOALS["recall"] else "MISSED"
    print(f"precision {result.precision:.1%}   recall {result.recall:.1%} (goal >= 95 %: {verdict_recall})   "
          f"wrong cards {len(result.wrong_cards)} (goal 0: {verdict_wrong})")  # fmt: skip
    for line in result.wrong_cards + result.ambiguous_wrong + result.missed:
        print("  " + line)

    with gzip.open(args.titles, "rt", encoding="utf-8") as handle:
        titles = [line.strip() for line in handle if line.strip()]
    outcomes: Counter[str] = Counter()
    hits: list[tuple[str, str]] = []
    per_specimen: Counter[str] = Counter()
    for title in titles:
        found = index.lookup(title)
        if isinstance(found, Hit):
            outcomes["card"] += 1
            hits.append((title, found.specimen.title))
            per_specimen[found.specimen.slug] += 1
        elif isinstance(found, Ambiguous):
            outcomes["did-you-mean"] += 1
        elif found.suggestions:
            outcomes["miss, with closest"] += 1
        else:
            outcomes["miss, nothing close"] += 1
    print(f"\n{len(titles):,} real job titles (tests/data/job-titles.txt.gz):")
    for outcome in ("card", "did-you-mean", "miss, with closest", "miss, nothing close"):
        print(f"  {outcome:20} {outcomes[outcome]:>6,} ({outcomes[outcome] / len(titles):.1%})")
    print(f"  specimens that got a card: {len(per_specimen)} of {len(catalog)}")
    sample = random.Random(args.seed).sample(hits, min(args.sample, len(hits)))
    print(f"\na random sample of {len(sample)} hits (seed {args.seed}), to audit by eye:")
    for title, specimen in sorted(sample):
        print(f"  {title!r:60} → {specimen}")


if __name__ == "__main__":
    main()
