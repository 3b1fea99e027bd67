"""Benchmark: title lookup quality and speed.

Run: python -m bench.matching [--queries 2000] [--titles PATH] [--skip-corpus]

Quality, over the test catalog (tests/matching/records) and its labelled set (tests/matching/evaluation.yml):
top-1 and hit accuracy, unrelated titles that hit, a sweep of the hit threshold, and how many of the 74k real
titles of job-titles.txt.gz hit a specimen (each should be a real name of that role).
Speed: the 74k titles attached round-robin as aliases to 1,000 generated records (build time, memory growth by
tracemalloc: retained after the build and peak during it; lookup latency by query kind), then the shipped catalog
(records/). Goals: build <= 2 s, memory <= 100 MB, p99 <= 2 ms (74k) and <= 0.2 ms (shipped).
job-titles.txt.gz: 74,392 titles from the MIT-licensed PyPI package find-job-titles 0.7.0
(c) Johannes Ahlmann / fluquid; see tests/data/README.md.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.core.matching.index import TitleIndex
from bot.core.matching.ranking import HIT_SCORE, MARGIN
from bot.core.matching.result import Hit
from bot.core.records.loader import load_catalog, specimen_from_data
from bot.core.records.model import Catalog
from bot.testing.evaluation import evaluate, parse_evaluation
from bot.testing.synthetic import synthetic_record_data

ROOT = Path(__file__).resolve().parent.parent
TEST_RECORDS = ROOT / "tests" / "matching" / "records"
EVALUATION = ROOT / "tests" / "matching" / "evaluation.yml"
SHIPPED_RECORDS = ROOT / "records"
DEFAULT_TITLES = ROOT / "tests" / "data" / "job-titles.txt.gz"
SYNTHETIC_RECORDS = 1_000
GOALS = {"build_s": 2.0, "memory_mb": 100.0, "p99_large_ms": 2.0, "p99_shipped_ms": 0.2}
_SHORT = {"senior": "Sr", "junior": "Jr", "engineer": "Eng", "manager": "Mgr", "developer": "Dev"}
_SHORT |= {"assistant": "Asst", "director": "Dir", "administrator": "Admin", "operations": "Ops"}
_SHORT |= {"vice president": "VP", "machine learning": "ML", "quality assurance": "QA"}
_NONSENSE = ["quantum", "llama", "banjo", "volcano", "gazebo", "kazoo", "nebula", "waffle", "pretzel", "yodel"]


def read_titles(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def typo(title: str, rng: random.Random) -> str:
    """One edit (delete, swap, replace or insert a letter) in one word of five letters or more."""
    words = title.split()
    long_words = [n for n, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return title
    n = rng.choice(long_words)
    word, at = words[n], rng.randrange(1, len(words[n]) - 1)
    edit = rng.randrange(4)
    if edit == 0:
        word = word[:at] + word[at + 1 :]
    elif edit == 1:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif edit == 2:
        word = word[:at] + rng.choice("aeiourstln") + word[at + 1 :]
    else:
        word = word[:at] + rng.choice("aeiourstln") + word[at:]
    words[n] = word
    return " ".join(words)


def abbreviate(title: str) -> str | None:
    lowered = f" {title.lower()} "
    changed = lowered
    for long, short in _SHORT.items():
        changed = changed.replace(f" {long} ", f" {short} ")
    return changed.strip() if changed != lowered else None


def query_mix(names: Sequence[str], count: int, seed: int = 1) -> dict[str, list[str]]:
    rng = random.Random(seed)
    exact = [rng.choice(names) for _ in range(count)]
    shortened = [a for a in (abbreviate(n) for n in names) if a]
    words_shuffled = []
    for name in exact:
        words = name.split()
        rng.shuffle(words)
        words_shuffled.append(" ".join(words))
    return {
        "exact": exact,
        "typo": [typo(rng.choice(names), rng) for _ in range(count)],
        "abbreviated": [rng.choice(shortened) for _ in range(count)] if shortened else [],
        "word order": words_shuffled,
        "unrelated": [" ".join(rng.sample(_NONSENSE, rng.randrange(1, 4))).title() for _ in range(count)],
    }


def timings(
    lookup: Callable[[str], object], queries: list[str], before: Callable[[], None] | None = None
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each lookup (CPU time leaves out time spent descheduled)."""
    for query in queries[:200]:
        lookup(query)
    wall: list[float] = []
    cpu: list[float] = []
    wall_clock, cpu_clock = time.perf_counter_ns, time.process_time_ns
    for query in queries:
        if before is not None:
            before()
        started, started_cpu = wall_clock(), cpu_clock()
        lookup(query)
        cpu.append((cpu_clock() - started_cpu) / 1e6)
        wall.append((wall_clock() - started) / 1e6)
    return wall, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency_table(index: TitleIndex, mix: dict[str, list[str]]) -> dict[str, float]:
    heads = ("p50 ms", "p90 ms", "p99 ms", "max ms", "cpu p99")
    print(f"  {'query kind':<12} {'n':>6} {'hits':>6} " + " ".join(f"{h:>8}" for h in heads))
    all_wall: list[float] = []
    all_cpu: list[float] = []
    gc.collect()
    kinds = [(kind, queries, None) for kind, queries in mix.items() if queries]
    kinds.append(("typo, cold", mix["typo"], index.forget_typed_words))
    for kind, queries, before in kinds:
        wall, cpu = timings(index.lookup, queries, before)
        all_wall += wall
        all_cpu += cpu
        hits = sum(isinstance(index.lookup(q), Hit) for q in queries)
        print(f"  {kind:<12} {len(queries):>6} {hits:>6} {_row(wall, cpu)}")
    print(f"  {'all':<12} {len(all_wall):>6} {'':>6} {_row(all_wall, all_cpu)}")
    return {"wall": percentile(all_wall, 0.99), "cpu": percentile(all_cpu, 0.99)}


def _row(wall: list[float], cpu: list[float]) -> str:
    return (
        f"{statistics.median(wall):>8.3f} {percentile(wall, 0.9):>8.3f} {percentile(wall, 0.99):>8.3f} "
        f"{max(wall):>8.3f} {percentile(cpu, 0.99):>8.3f}"
    )


def quality(titles: list[str] | None) -> None:
    index = TitleIndex.build(load_catalog(TEST_RECORDS))
    labelled = parse_evaluation(EVALUATION.read_text(encoding="utf-8"))
    result = evaluate(index, labelled)
    print(f"Quality: test catalog ({len(index.specimens)} records, {len(index)} names), {EVALUATION.name}")
    print(f"  labelled queries      {result.total}")
    print(f"  top-1 accuracy        {result.top1_accuracy:.1%}")
    print(f"  hit accuracy          {result.hit_accuracy:.1%}  (a Hit on the right specimen)")
    for kind, (good, seen) in result.by_kind.items():
        print(f"    {kind:<19} {good}/{seen}")
    print(f"  partial → suggested   {result.partial_suggested}/{result.partial_total}")
    print(f"  unrelated titles hit  {len(result.unrelated_hits)}/{result.unrelated_total}  (ambiguous: "
          f"{result.unrelated_ambiguous})")  # fmt: skip
    for failure in result.failures + result.unrelated_hits:
        print(f"    ✗ {failure}")
    print(f"\n  threshold sweep (current hit score {HIT_SCORE:.2f}, margin {MARGIN:.2f}):")
    print(
        f"  {'hit score':>9} {'labelled hits':>14} {'unrelated hits':>15}" + (f" {'corpus hits':>12}" if titles else "")
    )
    labelled_best = [(index.rank(q, 2), slug) for _, q, slug in labelled.queries()]
    unrelated_best = [index.rank(t, 2) for t in labelled.unrelated]
    corpus_best = [index.rank(t, 2) for t in titles] if titles else []
    for threshold in (0.70, 0.75, 0.80, 0.84, 0.88, 0.92, 0.96):
        good = sum(_hits(r, threshold) and r[0].specimen.slug == slug for r, slug in labelled_best)
        bad = sum(_hits(r, threshold) for r in unrelated_best)
        corpus = f" {sum(_hits(r, threshold) for r in corpus_best):>12}" if titles else ""
        print(f"  {threshold:>9.2f} {good:>8}/{len(labelled_best):<5} {bad:>9}/{len(unrelated_best):<5}{corpus}")
    if titles:
        hits = [(t, index.lookup(t)) for t in titles]
        named = sorted((r.specimen.slug, t) for t, r in hits if isinstance(r, Hit))
        print(f"\n  real titles ({len(titles):,}) that hit a test specimen: {len(named)}")
        for slug, title in named:
            print(f"    {title} → {slug}")


def _hits(ranking: Sequence[object], threshold: float) -> bool:
    if not ranking:
        return False
    best = ranking[0].score / 100  # type: ignore[attr-defined]
    second = ranking[1].score / 100 if len(ranking) > 1 else 0.0  # type: ignore[attr-defined]
    return best >= threshold and best - second >= MARGIN


def resident_mb() -> float:
    """This process's resident set in MB (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def large_catalog(titles: list[str]) -> Catalog:
    extra: list[list[str]] = [[] for _ in range(SYNTHETIC_RECORDS)]
    for n, title in enumerate(titles):
        extra[n % SYNTHETIC_RECORDS].append(title)
    specimens = []
    for n in range(SYNTHETIC_RECORDS):
        data = synthetic_record_data(n)
        data["aliases"] = [*data["aliases"], *extra[n]]
        specimens.append(specimen_from_data(data))
    return Catalog(tuple(specimens))


def speed_large(titles: list[str], count: int) -> dict[str, float]:
    catalog = large_catalog(titles)
    aliases = sum(len(s.aliases) for s in catalog)
    gc.collect()
    builds: list[float] = []
    build_cpu: list[float] = []
    rss_before = resident_mb()
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        index = TitleIndex.build(catalog)
        if not builds:
            rss_growth = resident_mb() - rss_before
        builds.append(time.perf_counter() - started)
        build_cpu.append(time.process_time() - started_cpu)
        if len(builds) < 3:
            del index
            gc.collect()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    measured = TitleIndex.build(catalog)
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    retained_mb, peak_mb = (retained - before) / 2**20, (peak - before) / 2**20
    del measured
    print(f"\nSpeed: {len(catalog):,} generated records, {aliases:,} aliases, {len(index):,} distinct names")
    runs = ", ".join(f"{b:.2f}" for b in builds)
    print(f"  index build           {min(builds):.2f} s best of 3 (runs: {runs}; CPU {min(build_cpu):.2f} s)")
    print(f"  memory (tracemalloc)  {retained_mb:.1f} MB retained by the index, {peak_mb:.1f} MB peak during build")
    print(f"  memory (RSS)          {rss_growth:.1f} MB resident-set growth over the first build")
    names = [name for specimen in catalog for name in (specimen.title, *specimen.aliases)]
    p99 = latency_table(index, query_mix(names, count))
    return {
        "build_s": min(builds),
        "memory_mb": max(retained_mb, peak_mb),
        "p99_large_ms": p99["wall"],
        "p99_large_ms (cpu)": p99["cpu"],
    }


def speed_shipped(count: int) -> dict[str, float]:
    catalog = load_catalog(SHIPPED_RECORDS)
    index = TitleIndex.build(catalog)
    print(f"\nSpeed: shipped catalog ({len(catalog)} records, {len(index)} names)")
    names = [name for specimen in catalog for name in (specimen.title, *specimen.aliases)]
    p99 = latency_table(index, query_mix(names, count))
    return {"p99_shipped_ms": p99["wall"], "p99_shipped_ms (cpu)": p99["cpu"]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=2_000, help="queries per kind (default 2000)")
    parser.add_argument("--titles", type=Path, default=DEFAULT_TITLES, help="job-titles.txt.gz")
    parser.add_argument("--skip-corpus", action="store_true", help="skip running every real title in quality")
    args = parser.parse_args(argv)
    titles = read_titles(args.titles) if args.titles.exists() else None
    quality(None if args.skip_corpus else titles)
    figures: dict[str, float] = {}
    if titles:
        figures |= speed_large(titles, args.queries)
    else:
        print(f"\n(no {args.titles}: the 74k-title speed figures are skipped)")
    figures |= speed_shipped(args.queries)
    print(f"\n  {'goal':<22} {'measured':>10} {'limit':>8}")
    for name, value in figures.items():
        limit = GOALS[name.split(" ")[0]]
        verdict = "ok" if value <= limit else "OVER"
        print(f"  {name:<22} {value:>10.3f} {limit:>8.3f}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
