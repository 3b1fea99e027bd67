"""Any record the page format can express survives page → importer → record unchanged (property-based).

The page is rendered here from generated record data with random entry counts, optional parts present or not, and
non-ASCII words; the importer must give the same data back.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.importer.page import parse_page
from bot.core.records.schema import validate_record

WORDS = ["synergy", "roadmap", "café", "pipeline", "niño", "alignment", "Sénior", "ML", "offsite", "🚀", "KPI", "über"]
CAPITALS = ["Chief", "Júnior", "Growth", "Vibes", "Agile", "Data", "Head", "Élite", "Cloud", "Zen"]
ALIAS_ENDINGS = ["Lead", "Ninja", "Officer", "Evangelist", "Whisperer", "Wrangler", "Curator", "Trainee (ML focus)"]
MONEY = [
    ("{:,}", "USD", "Salary quoted for United States, before the free snacks."),
    ("${:,}", "USD", "Salary quoted for the United States."),
    ("£{:,}", "GBP", "Salary quoted for United Kingdom, in London prices."),
    ("{}", "EUR", "Salary quoted for Germany, which pays in meetings."),
    ("€{:,}", "EUR", "Salary quoted for Narnia, oddly."),
    ("{}", "USD", "Salary quoted for Narnia, where nobody checks."),
]

sentence = st.builds(
    lambda first, rest: " ".join([first, *rest]) + ".",
    st.sampled_from(CAPITALS),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
)
alias = st.builds(
    lambda first, middle, end: " ".join([first, *middle, end]),
    st.sampled_from(CAPITALS),
    st.lists(st.sampled_from(["of", "de", "ML", "Synergy", "Júnior"]), max_size=2),
    st.sampled_from(ALIAS_ENDINGS),
)
clock = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
named = st.fixed_dictionaries({"name": sentence, "description": sentence})


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    title = draw(st.builds(lambda a, b: f"{a} {b} Engineer", st.sampled_from(CAPITALS), st.sampled_from(CAPITALS)))
    amount_format, currency, note = draw(st.sampled_from(MONEY))
    data: dict[str, Any] = {
        "title": title,
        "slug": "-".join(draw(st.lists(st.sampled_from(["chief", "vibes", "x9", "lead"]), min_size=1, max_size=4))),
        "question": f"What does a {title} actually do?",
    }
    if draw(st.booleans()):
        data["org_chart_caption"] = draw(sentence)
    data["aliases"] = draw(st.lists(alias, max_size=5))
    data["habitat"] = draw(st.lists(sentence, min_size=1, max_size=6))
    amount = draw(st.integers(0, 9_999_999))
    data["salary"] = {"amount": amount, "currency": currency, "region_note": note, "quote": draw(sentence)}
    data["_amount_text"] = amount_format.format(amount)
    data["flight_risk"] = {
        "percent": draw(st.integers(0, 100)),
        "level": draw(st.sampled_from(["HIGH RISK", "LOW RISK", "EXTINCTION-LEVEL"])),
        "diagnosis": draw(sentence),
    }
    data["metrics"] = draw(st.lists(named, min_size=1, max_size=5))
    data["weaponry"] = draw(st.lists(named, min_size=1, max_size=5))
    trigger = st.sampled_from(["IF ENGAGED", "IF CORNERED", "IF ASKED ABOUT IMPACT"])
    data["encounter_guide"] = draw(
        st.lists(st.fixed_dictionaries({"trigger": trigger, "advice": sentence}), min_size=1, max_size=4)
    )
    autopsy = st.fixed_dictionaries(
        {
            "illusion": sentence,
            "source": st.sampled_from(["[SOURCE REDACTED]", "Careers page"]),
            "translation": sentence,
        }
    )
    data["jd_autopsy"] = draw(st.lists(autopsy, min_size=1, max_size=4))
    slot = st.fixed_dictionaries({"start": clock, "end": clock, "title": sentence, "description": sentence})
    data["day_log"] = draw(st.lists(slot, min_size=1, max_size=6))
    if draw(st.booleans()):
        data["burn_ward_caption"] = draw(sentence)
    quote = st.one_of(
        st.fixed_dictionaries({"quote": sentence}),
        st.fixed_dictionaries({"quote": sentence, "source": st.sampled_from(["r/antiwork", "teamblind.com"])}),
    )
    data["burn_ward"] = draw(st.lists(quote, min_size=1, max_size=5))
    related = st.fixed_dictionaries({"title": alias, "match_percent": st.integers(0, 100), "description": sentence})
    data["related"] = draw(st.lists(related, max_size=4))
    return data


def render_page(data: dict[str, Any], *, inline_first_match: bool) -> str:
    """A FILE RECORD page in the seed's layout."""
    lines = [f"FILE RECORD: {data['slug'].upper()}", f"WHAT DOES A {data['title'].upper()} ACTUALLY DO?", data["title"]]
    lines.append("[01] THE ORG-CHART ARCHITECTURE")
    if "org_chart_caption" in data:
        lines.append(f"* {data['org_chart_caption']}")
    lines += ["KNOWN ALIASES / DISGUISES:", "".join(data["aliases"]), "[02] THE HABITAT (NATURAL RANGE)"]
    lines += [f"- {place}" for place in data["habitat"]]
    salary = data["salary"]
    lines += ["[03] SALARY DELUSION", "MARKET AVERAGE", data["_amount_text"], f"* {salary['region_note']}"]
    lines += [f'"{salary["quote"]}"', "[04] THE FLIGHT RISK"]
    risk = data["flight_risk"]
    lines += [f"FLIGHT RISK:{risk['percent']}%{risk['level']}", f"[DIAGNOSIS]{risk['diagnosis']}"]
    for header, key in (("[05] THE BULLSHIT METRICS", "metrics"), ("[06] SIGNATURE WEAPONRY", "weaponry")):
        lines.append(header)
        for entry in data[key]:
            lines += [entry["name"], entry["description"]]
    lines.append("[07] SURVIVAL / ENCOUNTER GUIDE")
    lines += [f"[{e['trigger']}:]{e['advice']}" for e in data["encounter_guide"]]
    lines.append("[08] THE JD AUTOPSY: WHAT DO THEY ACTUALLY DO?")
    for a in data["jd_autopsy"]:
        lines += ["LINKEDIN ILLUSION", a["source"], f'"{a["illusion"]}"', "OTIOSE TRANSLATION", a["translation"]]
    lines.append("[09] DAY-IN-THE-LIFE LOG")
    for d in data["day_log"]:
        lines += [f"[{d['start']} - {d['end']}]", d["title"], d["description"]]
    lines.append("[10] THE BURN WARD (UNFILTERED COMPLAINTS)")
    if "burn_ward_caption" in data:
        lines.append(f"* {data['burn_ward_caption']}")
    for q in data["burn_ward"]:
        lines += [f'"{q["quote"]}"', *([f"— {q['source']}"] if "source" in q else [])]
    lines += ["[11] RELATED SPECIMENS", "[VIEW FULL TAXONOMY] ↗"]
    for r in data["related"]:
        lines += [f"SYSTEM MATCH: {r['match_percent']}%", r["title"], r["description"], "→"]
    if inline_first_match and data["related"]:
        lines[lines.index("[VIEW FULL TAXONOMY] ↗") : lines.index("[VIEW FULL TAXONOMY] ↗") + 2] = [
            f"[VIEW FULL TAXONOMY] ↗SYSTEM MATCH: {data['related'][0]['match_percent']}%"
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.slow  # hypothesis, hundreds of examples: the full run keeps it, the inner loop skips it
@settings(max_examples=150, deadline=None)
@given(records(), st.booleans())
def test_page_round_trip(data: dict[str, Any], inline_first_match: bool) -> None:
    page = render_page(data, inline_first_match=inline_first_match)
    expected = {key: value for key, value in data.items() if key != "_amount_text"}
    assert validate_record(expected) == []
    assert parse_page(page).data == expected
