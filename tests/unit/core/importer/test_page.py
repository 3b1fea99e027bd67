"""The FILE RECORD page parser: the seed, pages with other entry counts, leniency on layout, and strict structure."""

from __future__ import annotations

import pytest

from bot.core.importer.aliases import split_aliases
from bot.core.importer.lines import PageError
from bot.core.importer.money import AmountError, parse_amount, resolve_currency
from bot.core.importer.page import parse_page
from bot.core.records.schema import validate_record
from tests.support.paths import PAGES, SEED_PAGE

# The seed page lives in shared/, beside the checkout (in CI too).
SEED = SEED_PAGE


def page_text(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def parse_error(text: str) -> PageError:
    with pytest.raises(PageError) as caught:
        parse_page(text)
    return caught.value


# --- aliases -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "aliases"),
    [
        (
            "AI ApprenticeML AssociateData Science Trainee (ML focus)Algorithm Implementation Specialist",
            ["AI Apprentice", "ML Associate", "Data Science Trainee (ML focus)", "Algorithm Implementation Specialist"],
        ),
        ("SDET", ["SDET"]),
        ("Scrum Evangelist", ["Scrum Evangelist"]),
        ("Head of DevOps CultureLinkedIn Thought Leader", ["Head of DevOps Culture", "LinkedIn Thought Leader"]),
        ("iOS WhispererMcKinsey Alumnus", ["iOS Whisperer", "McKinsey Alumnus"]),
        ("Júnior IngenieroSénior Vibes Lead", ["Júnior Ingeniero", "Sénior Vibes Lead"]),
        ("Chief Vibes Officer 🚀Growth Ninja", ["Chief Vibes Officer 🚀", "Growth Ninja"]),
        ("Trainee (QA)Tester", ["Trainee (QA)", "Tester"]),
        ("", []),
    ],
)
def test_split_aliases(line: str, aliases: list[str]) -> None:
    assert split_aliases(line) == aliases


def test_an_acronym_glued_to_the_next_alias_stays_one_alias() -> None:
    # The documented limit: "QA" + "Data Lead" has no lower-case letter at the seam.
    assert split_aliases("Head of QAData Lead") == ["Head of QAData Lead"]


# --- salary amounts and currencies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "sign"),
    [
        ("146027", 146027, None),
        ("146,027", 146027, None),
        ("$146,027", 146027, "$"),
        ("£52,000", 52000, "GBP"),
        ("€60.000", 60000, "EUR"),
        ("60.000 €", 60000, "EUR"),
        ("1 234 567", 1234567, None),
        ("USD 146,027", 146027, "USD"),
        ("146,027.50", 146028, None),
        ("C$90,000", 90000, "CAD"),
        ("₹1200000", 1200000, "INR"),
    ],
)
def test_parse_amount(text: str, amount: int, sign: str | None) -> None:
    assert parse_amount(text) == (amount, sign)


@pytest.mark.parametrize("text", ["about a hundred grand", "12,34,567", "146,027,5", "¥5000", "$146,027 USD", ""])
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("sign", "note", "currency"),
    [
        (None, "Salary quoted for United States, which is in line with national averages.", "USD"),
        (None, "Salary quoted for United Kingdom (London).", "GBP"),
        (None, "Salary quoted for Germany and nowhere else.", "EUR"),
        (None, "Salary quoted for India.", "INR"),
        (None, "Salary quoted for Narnia.", "USD"),
        (None, "Numbers vary, as do feelings.", "USD"),
        ("$", "Salary quoted for Canada.", "CAD"),
        ("$", "Salary quoted for Australia.", "AUD"),
        ("$", "Salary quoted for Germany.", "USD"),
        ("GBP", "Salary quoted for United States.", "GBP"),
    ],
)
def test_resolve_currency(sign: str | None, note: str, currency: str) -> None:
    assert resolve_currency(sign, note) == currency


# --- whole pages ---------------------------------------------------------------------------------------------------


def test_seed_page_parses_to_a_valid_record() -> None:
    data = parse_page(seed_text()).data
    assert validate_record(data) == []
    assert data["slug"] == "junior-machine-learning-engineer"
    assert data["question"] == "What does a Junior Machine Learning Engineer actually do?"
    assert data["org_chart_caption"].startswith("The organizational hierarchy")
    assert data["burn_ward_caption"].startswith("The stark reality")
    assert data["jd_autopsy"][0]["illusion"].endswith("machine learning…")
    assert data["day_log"][1]["title"] == "Hyperparameter Tweaking Séance"
    assert list(data) == [
        "title",
        "slug",
        "question",
        "org_chart_caption",
        "aliases",
        "habitat",
        "salary",
        "flight_risk",
        "metrics",
        "weaponry",
        "encounter_guide",
        "jd_autopsy",
        "day_log",
        "burn_ward_caption",
        "burn_ward",
        "related",
    ]


def test_agile_page_with_other_entry_counts() -> None:
    data = parse_page(page_text("agile-transformation-coach.txt")).data
    assert validate_record(data) == []
    assert data["question"] == "What does an Agile Transformation Coach actually do?"
    assert data["aliases"] == ["Scrum Evangelist"]
    counts = {key: len(data[key]) for key in ("habitat", "metrics", "weaponry", "encounter_guide", "jd_autopsy")}
    assert counts == {"habitat": 5, "metrics": 1, "weaponry": 4, "encounter_guide": 2, "jd_autopsy": 1}
    assert len(data["day_log"]) == 5
    assert data["salary"]["amount"] == 52000
    assert data["salary"]["currency"] == "GBP"
    assert data["flight_risk"] == {
        "percent": 62,
        "level": "MODERATE RISK",
        "diagnosis": "Safe until the next reorganisation renames agile to something else, at which point they "
        "will coach that instead.",
    }
    assert data["encounter_guide"][1]["trigger"] == "IF CORNERED IN A RETRO"
    assert data["jd_autopsy"][0]["source"] == "Company careers page"
    # "[9:00 - 9:15]" is padded; an en dash separates a range as well as a hyphen does.
    assert [(d["start"], d["end"]) for d in data["day_log"]] == [
        ("09:00", "09:15"),
        ("09:15", "10:30"),
        ("11:00", "12:00"),
        ("13:00", "14:00"),
        ("16:30", "17:00"),
    ]
    assert [q.get("source") for q in data["burn_ward"]] == ["r/agile", None, "a Scrum Master, anonymously"]
    assert "source" not in data["burn_ward"][1]
    assert data["related"] == [
        {
            "title": "Junior Machine Learning Engineer",
            "match_percent": 77,
            "description": "Also judged by a number that goes up without anything getting better.",
        }
    ]


def test_non_ascii_page_without_aliases_captions_or_related() -> None:
    data = parse_page(page_text("junior-ingeniero-de-sinergias.txt")).data
    assert validate_record(data) == []
    assert data["title"] == "Júnior Ingeniero de Sinergias"
    assert data["question"] == "What does a Júnior Ingeniero de Sinergias actually do?"
    assert data["aliases"] == []
    assert data["related"] == []
    assert "org_chart_caption" not in data
    assert "burn_ward_caption" not in data
    assert data["salary"]["amount"] == 60000
    assert data["salary"]["currency"] == "EUR"
    assert data["salary"]["quote"] == "Paid in euros, rewarded in emoji reactions 🎉, promoted in job titles only."
    assert data["flight_risk"]["percent"] == 40
    assert data["flight_risk"]["level"] == "LOW-ISH RISK"
    assert data["day_log"][0]["title"] == "Café con Sinergia ☕"
    assert data["encounter_guide"][0]["advice"].endswith("🙂")
    assert data["burn_ward"][0]["source"] == "a colleague, over café"
    assert "source" not in data["burn_ward"][1]


def test_layout_leniency_crlf_blank_lines_and_indentation() -> None:
    plain = parse_page(seed_text()).data
    messy = "\n\n" + "\r\n\r\n".join(f"  {line}\t " for line in seed_text().splitlines()) + "\r\n\r\n"
    assert parse_page(messy).data == plain


def test_line_numbers_count_blank_lines() -> None:
    text = seed_text().replace("[10:00 - 11:00]\n", "").replace("\n", "\n\n")
    error = parse_error(text)
    original_line = seed_text().splitlines().index("Data Ingestion & Cleansing Ritual") + 1
    assert error.line == 2 * original_line - 3
    assert error.message.startswith("expected a day-log time range like [10:00 - 11:00], found 'Data Ingestion")


def test_taxonomy_link_may_stand_alone_and_the_last_arrow_may_be_missing() -> None:
    text = seed_text().replace("[VIEW FULL TAXONOMY] ↗SYSTEM MATCH", "[VIEW FULL TAXONOMY] ↗\nSYSTEM MATCH")
    text = text.rstrip().removesuffix("→")
    assert parse_page(text).data == parse_page(seed_text()).data


def test_located_lines() -> None:
    page = parse_page(seed_text())
    lines = seed_text().splitlines()
    assert lines[page.line_of(("day_log", 2, "title")) - 1] == "Documentation & README.md Expansion"
    assert lines[page.line_of(("aliases", 3)) - 1].startswith("AI Apprentice")
    assert lines[page.line_of(("related", 2, "title")) - 1] == "SDET"


# --- strict structure ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        (
            "broken-truncated.txt",
            44,
            "expected the title of the [17:00 - 17:45] entry, found the end of the page (is it cut off?)",
        ),
        ("broken-flight-risk-185.txt", 15, "the flight risk must be a percentage from 0 to 100, found 185%"),
        (
            "broken-missing-section.txt",
            23,
            "expected the section header '[05] THE BULLSHIT METRICS', found '[06] SIGNATURE WEAPONRY'",
        ),
        (
            "broken-day-log.txt",
            54,
            "expected a day-log time range like [10:00 - 11:00], found 'Lunch & Learn: Learning to Lunch'",
        ),
        ("broken-notes.md", 1, "not a FILE RECORD page: expected a first line like 'FILE RECORD: SOME-ROLE'"),
        ("broken-record.json", 1, "not a FILE RECORD page: expected a first line like 'FILE RECORD: SOME-ROLE'"),
        ("broken-job-ad.txt", 1, "not a FILE RECORD page: expected a first line like 'FILE RECORD: SOME-ROLE'"),
    ],
)
def test_broken_pages(name: str, line: int, message: str) -> None:
    error = parse_error(page_text(name))
    assert error.line == line
    assert error.message.startswith(message)


def replaced(old: str, new: str) -> str:
    text = seed_text()
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the page is empty"),
        (" \n\t\n", "the page is empty"),
        ("FILE RECORD: JUNIOR-ML\n", "expected the question 'WHAT DOES A … ACTUALLY DO?', found the end of the page"),
        (replaced("FILE RECORD: JUNIOR-", "FILE RECORD: JUNIOR--"), "expected a slug of letters, digits"),
        (replaced("FILE RECORD: JUNIOR-", "FILE RECORD: JÚNIOR-"), "expected a slug of letters, digits"),
        (replaced("A JUNIOR MACHINE", "A SENIOR MACHINE"), "expected the question to name the title"),
        (replaced("KNOWN ALIASES / DISGUISES:\n", ""), "expected 'KNOWN ALIASES / DISGUISES:', found 'AI Apprentice"),
        (replaced("[05] THE BULLSHIT METRICS", "[05] THE GOOD METRICS"), "expected the section header '[05] THE B"),
        (
            replaced("Junior Machine Learning Engineer\n[01]", "Junior Machine Learning Engineer\nHello\n[01]"),
            "found 'Hello'",
        ),
        (replaced("146027", "a lot"), "expected an amount like 146027"),
        (replaced("FLIGHT RISK:85%", "FLIGHT RISK:85"), "expected a flight risk like 'FLIGHT RISK:85%HIGH RISK'"),
        (replaced("[DIAGNOSIS]", "[PROGNOSIS]"), "expected '[DIAGNOSIS]', found '[PROGNOSIS]'"),
        (replaced("- Large", "* Large"), "expected a habitat line starting with '- '"),
        (
            replaced("Model Version Iterations\nTracking minor changes", "Tracking minor changes"),
            "expected the description of the metric 'Tracking minor",
        ),
        (replaced("[IF ENGAGED:]", "IF ENGAGED:"), "expected an encounter line like '[IF ENGAGED:]advice'"),
        (replaced("[SOURCE REDACTED]\n", ""), "expected a source line like '[SOURCE REDACTED]' before the quoted"),
        (replaced("OTIOSE TRANSLATION\n", ""), "expected 'OTIOSE TRANSLATION'"),
        (replaced("[13:00 - 14:00]", "[25:00 - 26:00]"), "expected a 24-hour time from 00:00 to 23:59, found '25:00'"),
        (replaced('"At the end', "At the end"), "expected a complaint in double quotes"),
        (replaced("SYSTEM MATCH: 91%", "SYSTEM MATCH: 191%"), "the system match must be a percentage from 0 to 100"),
        (replaced("SYSTEM MATCH: 91%", "MATCH: 91%"), "expected a related specimen starting 'SYSTEM MATCH: N%'"),
        (seed_text() + "\n[12] BONUS SECTION\n", "expected the end of the page after [11], found '[12] BONUS SECTION'"),
        (replaced("→\nSYSTEM MATCH: 84%\nSDET\n", "→\nSYSTEM MATCH: 84%\n"), "expected the description of the related"),
        (replaced("Jupyter Notebooks", "x" * 4001), "weaponry[0].name: is 4001 characters; at most 4000"),
    ],
)
def test_structure_errors(text: str, message: str) -> None:
    error = parse_error(text)
    assert message in error.message


def test_schema_problems_are_located_on_the_page() -> None:
    error = parse_error(replaced("Jupyter Notebooks", "x" * 4001))
    assert error.line == seed_text().splitlines().index("[06] SIGNATURE WEAPONRY") + 2


def test_an_empty_required_section_is_an_error() -> None:
    start = seed_text().index("[05] THE BULLSHIT METRICS\n") + len("[05] THE BULLSHIT METRICS\n")
    end = seed_text().index("[06] SIGNATURE WEAPONRY")
    error = parse_error(seed_text()[:start] + seed_text()[end:])
    assert error.message == "expected the name of a metric, found the next section '[06] SIGNATURE WEAPONRY'"


def test_too_many_entries_is_located_at_the_first_entry() -> None:
    head = seed_text().split("[11] RELATED SPECIMENS")[0]
    related = "".join(f"SYSTEM MATCH: 50%\nRole {n}\nDescribed briefly.\n→\n" for n in range(101))
    error = parse_error(head + "[11] RELATED SPECIMENS\n" + related)
    assert error.message == "related: has 101 entries; at most 100"
    assert error.line == len(head.splitlines()) + 2
