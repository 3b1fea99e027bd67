"""Prometheus metrics (``METRICS=prometheus``, the ``observability`` extra): requests by kind and outcome, their
latency, and daily posts by outcome.

Each process counts its own (a registry per ``Metrics``): under several gunicorn workers a scrape of ``/metrics``
reaches one worker, so sum over scrapes with ``rate()``, or run one worker per container.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from bot.core.daily.passes import PassReport

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry, Counter, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class MetricsUnavailableError(Exception):
    """METRICS is on but prometheus-client is not installed."""


class Metrics:
    def __init__(self) -> None:
        try:
            from prometheus_client import CollectorRegistry, Counter, Histogram  # noqa: PLC0415 - optional extra
        except ImportError:
            raise MetricsUnavailableError(
                "METRICS is on but prometheus-client is missing: pip install 'specimen[observability]'"
            ) from None
        self.registry: CollectorRegistry = CollectorRegistry()
        self.requests: Counter = Counter(
            "specimen_requests", "Slack requests answered", ["kind", "outcome"], registry=self.registry
        )
        self.latency: Histogram = Histogram(
            "specimen_request_seconds",
            "Time from a complete request to its answer",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.daily_posts: Counter = Counter(
            "specimen_daily_posts", "Daily posts by outcome", ["outcome"], registry=self.registry
        )

    def observe(self, kind: str, outcome: str, seconds: float) -> None:
        self.requests.labels(kind, outcome).inc()
        self.latency.labels(kind).observe(seconds)

    def count_daily(self, report: PassReport) -> None:
        for field in fields(report):
            count = getattr(report, field.name)
            if count:
                self.daily_posts.labels(field.name).inc(count)

    def render(self) -> tuple[bytes, str]:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest  # noqa: PLC0415 - optional extra

        return generate_latest(self.registry), CONTENT_TYPE_LATEST
