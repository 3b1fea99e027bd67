"""Generated records shaped like the seed (same section sizes), for benchmarks and tests."""

from __future__ import annotations

import random
from typing import Any

_WORDS = [
    "synergy",
    "pipeline",
    "stakeholder",
    "roadmap",
    "alignment",
    "deliverable",
    "bandwidth",
    "leverage",
    "paradigm",
    "dashboard",
    "sprint",
    "backlog",
    "velocity",
    "offsite",
    "framework",
    "governance",
    "visibility",
    "cadence",
    "ownership",
    "impact",
    "metric",
    "workflow",
    "platform",
    "initiative",
    "transformation",
    "optimisation",
    "strategy",
    "ecosystem",
    "scalable",
    "holistic",
    "agile",
]
_ROLES = ("Engineer", "Analyst", "Manager", "Architect", "Specialist", "Coordinator", "Consultant", "Strategist")
_RANKS = ("Junior", "Senior", "Lead", "Principal", "Associate", "Chief", "Staff", "Head of")
_FIELDS = ("Synergy", "Pipeline", "Roadmap", "Alignment", "Cloud", "Data", "Growth", "Platform", "Culture", "Vibes")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def synthetic_title(index: int) -> str:
    """A distinct, pronounceable fake title for record number ``index``."""
    rank = _RANKS[index % len(_RANKS)]
    field = _FIELDS[(index // len(_RANKS)) % len(_FIELDS)]
    role = _ROLES[(index // (len(_RANKS) * len(_FIELDS))) % len(_ROLES)]
    return f"{rank} {field} {role} {index}"


def synthetic_record_data(index: int, seed: int = 0) -> dict[str, Any]:
    """A valid record as parsed YAML, about the size of the seed record."""
    rng = random.Random(seed * 1_000_003 + index)
    title = synthetic_title(index)
    slug = title.lower().replace(" ", "-")
    return {
        "title": title,
        "slug": slug,
        "question": f"What does a {title} actually do?",
        "org_chart_caption": _sentence(rng, 12),
        "aliases": [f"{title} alias {word}" for word in ("alpha", "beta", "gamma", "delta")],
        "habitat": [_sentence(rng, 8) for _ in range(3)],
        "salary": {
            "amount": rng.randrange(40_000, 300_000),
            "currency": "USD",
            "region_note": _sentence(rng, 30),
            "quote": _sentence(rng, 30),
        },
        "flight_risk": {"percent": rng.randrange(0, 101), "level": "HIGH RISK", "diagnosis": _sentence(rng, 30)},
        "metrics": [{"name": _sentence(rng, 3), "description": _sentence(rng, 22)} for _ in range(3)],
        "weaponry": [{"name": _sentence(rng, 3), "description": _sentence(rng, 22)} for _ in range(3)],
        "encounter_guide": [{"trigger": "IF ENGAGED", "advice": _sentence(rng, 30)}],
        "jd_autopsy": [
            {"illusion": _sentence(rng, 15), "source": "[SOURCE REDACTED]", "translation": _sentence(rng, 30)}
            for _ in range(3)
        ],
        "day_log": [
            {
                "start": f"{h:02d}:00",
                "end": f"{h + 1:02d}:00",
                "title": _sentence(rng, 4),
                "description": _sentence(rng, 30),
            }
            for h in (10, 13, 15)
        ],
        "burn_ward_caption": _sentence(rng, 12),
        "burn_ward": [{"quote": _sentence(rng, 25), **({"source": "r/synthetic"} if n % 2 else {})} for n in range(4)],
        "related": [
            {
                "title": synthetic_title(index + n + 10_000),
                "match_percent": 98 - 7 * n,
                "description": _sentence(rng, 20),
            }
            for n in range(3)
        ],
    }
