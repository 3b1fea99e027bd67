"""Records at the extremes of the format (the largest ``specimen check`` accepts), for limit tests and benchmarks."""

from __future__ import annotations

from typing import Any

from bot.core.records.schema import MAX_ITEMS, MAX_TEXT

FILLERS: dict[str, str] = {
    "words": "synergy pipeline stakeholder alignment ",
    "markup": "<!channel> <@U123|bob> <https://x.test|y> & *bold* _it_ `code` > ",
    "astral": "😀🚀",
    "lines": "line\n\n",
}


def _text(filler: str, tag: str, length: int = MAX_TEXT) -> str:
    body = (tag + " " + filler * (length // max(1, len(filler)) + 1))[:length]
    return body if body.strip() else "x" * length


def worst_case_record_data(filler: str = "words") -> dict[str, Any]:
    """A record with ``MAX_ITEMS`` entries in every list and ``MAX_TEXT`` characters in every free text."""
    fill = FILLERS[filler]

    def text(tag: str) -> str:
        return _text(fill, tag)

    def many(make: Any) -> list[Any]:
        return [make(i) for i in range(MAX_ITEMS)]

    return {
        "title": text("Title"),
        "slug": "w" + "-x" * 59,
        "question": text("Question"),
        "org_chart_caption": text("Caption"),
        "aliases": many(lambda i: text(f"Alias{i}")),
        "habitat": many(lambda i: text(f"Habitat{i}")),
        "salary": {"amount": 10**15, "currency": "CAD", "region_note": text("Region"), "quote": text("Quote")},
        "flight_risk": {"percent": 100, "level": text("Level"), "diagnosis": text("Diagnosis")},
        "metrics": many(lambda i: {"name": text(f"M{i}"), "description": text("Desc")}),
        "weaponry": many(lambda i: {"name": text(f"W{i}"), "description": text("Desc")}),
        "encounter_guide": many(lambda i: {"trigger": text(f"T{i}"), "advice": text("Advice")}),
        "jd_autopsy": many(
            lambda i: {"illusion": text(f"I{i}"), "source": text("Source"), "translation": text("Translation")}
        ),
        "day_log": many(
            lambda i: {"start": "23:59", "end": "00:00", "title": text(f"D{i}"), "description": text("Desc")}
        ),
        "burn_ward_caption": text("Burn"),
        "burn_ward": many(lambda i: {"quote": text(f"Q{i}"), "source": text("Source")}),
        "related": many(
            lambda i: {
                "title": text(f"R{i}"),
                "match_percent": i,
                "description": text("Desc"),
                "slug": f"related-{i}",
            }
        ),
    }
