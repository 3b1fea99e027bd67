"""Benchmark: the work between a shortcut's acknowledgement and ``views.open`` (the trigger lives 3 s).

Run: python -m bench.shortcuts [--runs 200] [--records 500] [--requests 30]

Part 1, in process: message → scan → link choices → view dict, for typical and hostile messages, against the seed
catalog plus N synthetic records. Part 2, over loopback HTTP: the app under gunicorn (``specimen serve``) with the
Web API stand-in; per request, the time until the HTTP acknowledgement and until the stand-in received ``views.open``.
Figures are medians (p95 for part 2) in one warm process; noisy on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.core.answers.identify import link_choices
from bot.core.cards.modals import link_view
from bot.core.ids import SHORTCUT_IDENTIFY
from bot.core.links import extract_candidates
from bot.core.matching.index import TitleIndex
from bot.core.records.loader import load_catalog, specimen_from_data
from bot.testing.synthetic import synthetic_record_data
from tests.support import payloads
from tests.support.server import start_app_server
from tests.support.slack_api import SlackApi

ROOT = Path(__file__).resolve().parents[1]
LINKEDIN = "https://www.linkedin.com/jobs/view/junior-machine-learning-engineer-at-acme-corp-3912345678"
GREENHOUSE = "https://boards.greenhouse.io/acme/jobs/4012345"

MESSAGES: dict[str, dict[str, Any]] = {
    "label link": {"text": f"look <{GREENHOUSE}|AI Apprentice (Remote)>"},
    "unfurl only": {
        "text": f"<{GREENHOUSE}>",
        "attachments": [{"original_url": GREENHOUSE, "title": "Job Application for ML Associate at Acme"}],
    },
    "3 job links": {"text": f"<https://jobs.example.com/jobs/1/senior-pm> <{LINKEDIN}> <{GREENHOUSE}>"},
    "200 job links": {"text": " ".join(f"<https://jobs.example.com/jobs/{i}/role-{i}>" for i in range(200))},
    "40,000 chars": {"text": "ML engineer wanted " * 2100 + f"<{LINKEDIN}>"},
    "no job link": {"text": "lunch? <https://github.com/acme/specimen>"},
}


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def in_process(runs: int, extra_records: int) -> None:
    specimens = [
        *load_catalog(ROOT / "records"),
        *(specimen_from_data(synthetic_record_data(i)) for i in range(extra_records)),
    ]
    index = TitleIndex.build(specimens)

    def answer(message: dict[str, Any]) -> dict[str, Any] | None:
        scan = extract_candidates(message)
        if not scan.has_job_link:
            return None
        return link_view(link_choices(scan, index.lookup), index.lookup).to_dict()

    print(f"in process: message → view dict ({len(specimens)} specimens, median of {runs})")
    print(f"{'message':<16}{'ms':>8}{'view kB':>10}{'blocks':>8}")
    for name, message in MESSAGES.items():
        view = answer(message)
        size = len(json.dumps(view)) / 1000 if view else 0.0
        blocks = len(view["blocks"]) if view else 0
        print(f"{name:<16}{median_ms(lambda m=message: answer(m), runs):>8.2f}{size:>10.1f}{blocks:>8}")


def over_http(requests: int) -> None:
    with SlackApi() as api, tempfile.TemporaryDirectory() as workdir:
        server = start_app_server(api, workdir=Path(workdir))
        try:
            print(f"\nover HTTP: shortcut POST → ack and → views.open at the stand-in ({requests} requests each)")
            print(f"{'message':<16}{'ack p50':>9}{'ack p95':>9}{'open p50':>10}{'open p95':>10}")
            for name, message in MESSAGES.items():
                if name == "no job link":
                    continue
                acks, opens = [], []
                for _ in range(requests):
                    api.reset()
                    body = payloads.message_action(SHORTCUT_IDENTIFY, message={"ts": "1.0", **message}, api=api)
                    start = time.time()  # the stand-in stamps each call with time.time()
                    exchange = server.post_interaction(body)
                    acks.append(time.time() - start)
                    [call] = api.wait_for("views.open")
                    assert exchange.status == 200 and call.ok, (exchange.text, call.reply)
                    opens.append(call.time - start)
                ack, done = (
                    f"{pct(acks, 50):>9.1f}{pct(acks, 95):>9.1f}",
                    f"{pct(opens, 50):>10.1f}{pct(opens, 95):>10.1f}",
                )
                print(f"{name:<16}{ack}{done}")
            print("(milliseconds)")
        finally:
            server.stop()


def pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--records", type=int, default=500, help="synthetic records added to the seed catalog")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    in_process(args.runs, args.records)
    over_http(args.requests)


if __name__ == "__main__":
    main()
