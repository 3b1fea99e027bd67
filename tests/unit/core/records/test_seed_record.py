"""The checked-in first record holds every fact of the seed page, matches the importer's output, and its schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml

from bot.core.importer.page import parse_page
from bot.core.records.json_schema import json_schema
from bot.core.records.loader import check_directory
from bot.core.records.writer import dump_record
from tests.support.paths import PROJECT_ROOT, SEED_PAGE

ROOT = PROJECT_ROOT
RECORDS = ROOT / "records"
RECORD = RECORDS / "junior-machine-learning-engineer.yml"
SCHEMA = RECORDS / "specimen.schema.json"
# The seed page lives in shared/, beside the checkout (in CI too).
SEED = SEED_PAGE


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    return yaml.safe_load(RECORD.read_text(encoding="utf-8"))


def test_identity(record: dict[str, Any]) -> None:
    assert record["title"] == "Junior Machine Learning Engineer"
    assert record["slug"] == "junior-machine-learning-engineer"
    assert record["question"] == "What does a Junior Machine Learning Engineer actually do?"
    assert record["org_chart_caption"] == (
        "The organizational hierarchy defining the pressure flow and extraction cycle for this role."
    )


def test_aliases_and_habitat(record: dict[str, Any]) -> None:
    assert record["aliases"] == [
        "AI Apprentice",
        "ML Associate",
        "Data Science Trainee (ML focus)",
        "Algorithm Implementation Specialist",
    ]
    assert record["habitat"] == [
        "Large Enterprise Tech (with 'AI Initiatives')",
        "VC-funded AI Startups (pre-product-market fit, high burn rate)",
        "'Innovation Hubs' within traditional industries (e.g., banking, oil & gas)",
    ]


def test_salary(record: dict[str, Any]) -> None:
    salary = record["salary"]
    assert salary["amount"] == 146027
    assert salary["currency"] == "USD"
    assert salary["region_note"].startswith("Salary quoted for United States, which is in line with national")
    assert salary["region_note"].endswith("often without commensurate pay increases.")
    assert salary["quote"].startswith("A premium price tag for a role that often involves more data janitorial")
    assert salary["quote"].endswith("(often equally mundane) innovation.")


def test_flight_risk(record: dict[str, Any]) -> None:
    risk = record["flight_risk"]
    assert risk["percent"] == 85
    assert risk["level"] == "HIGH RISK"
    assert risk["diagnosis"] == (
        "Often hired on hype, easily replaced by new graduates, more cost-effective offshore resources, or automated "
        "pipelines once the initial 'AI' buzz wears off and the real, often mundane, work begins."
    )


def test_metrics_and_weaponry(record: dict[str, Any]) -> None:
    assert [m["name"] for m in record["metrics"]] == [
        "Accuracy Bump on Test Set",
        "Number of Experiments Run",
        "Model Version Iterations",
    ]
    assert record["metrics"][0]["description"].startswith("A marginal improvement (e.g., 0.01%)")
    assert [w["name"] for w in record["weaponry"]] == [
        "Jupyter Notebooks",
        "Pre-trained Models (e.g., Hugging Face, TensorFlow Hub)",
        "TensorFlow/PyTorch Boilerplate",
    ]
    assert record["weaponry"][2]["description"].endswith("presenting it as custom-built, production-ready code.")


def test_encounter_guide(record: dict[str, Any]) -> None:
    assert record["encounter_guide"] == [
        {
            "trigger": "IF ENGAGED",
            "advice": "Smile and nod, but never ask them about their 'impact' unless you want a 30-minute monologue "
            "on data cleaning pipelines and the latest model architecture they 'implemented' (read: copy-pasted).",
        }
    ]


def test_jd_autopsy(record: dict[str, Any]) -> None:
    autopsy = record["jd_autopsy"]
    assert len(autopsy) == 3
    assert {a["source"] for a in autopsy} == {"[SOURCE REDACTED]"}
    assert autopsy[0]["illusion"].startswith("Applies Software Development methodologies")
    assert autopsy[0]["illusion"].endswith("end-to-end machine learning…")
    assert autopsy[1]["illusion"] == (
        "Collaborate with senior engineers to develop, implement, and optimize machine learning models."
    )
    assert autopsy[2]["illusion"] == (
        "Responsible for relevance model and strategy optimization, such as semantic matching models."
    )
    assert autopsy[0]["translation"].startswith("Spends 80% of time debugging a legacy Python script")
    assert autopsy[1]["translation"].startswith("Transforms poorly formatted CSVs")
    assert autopsy[2]["translation"].endswith("that will never be deployed to production.")


def test_day_log(record: dict[str, Any]) -> None:
    assert [(d["start"], d["end"], d["title"]) for d in record["day_log"]] == [
        ("10:00", "11:00", "Data Ingestion & Cleansing Ritual"),
        ("13:00", "14:00", "Hyperparameter Tweaking Séance"),
        ("15:00", "16:00", "Documentation & README.md Expansion"),
    ]
    assert record["day_log"][0]["description"].endswith("Debug a 'mysterious' NaN value.")


def test_burn_ward(record: dict[str, Any]) -> None:
    assert record["burn_ward_caption"] == (
        "The stark reality of the role, scraped from Reddit, Blind, and anonymous career boards."
    )
    quotes = record["burn_ward"]
    assert len(quotes) == 4
    assert [q.get("source") for q in quotes] == [None, None, "teamblind.com", "r/learnmachinelearning"]
    assert quotes[0]["quote"].startswith("At the end of the day, if you're not bringing meaningful value")
    assert quotes[1]["quote"].startswith("I feel like people on this sub have circle jerked machine learning")
    assert quotes[2]["quote"].startswith("My 'ML engineering' job is 90% data janitorial work")
    assert quotes[3]["quote"].endswith("The 'models' are just glorified if-else statements anyway.")


def test_related(record: dict[str, Any]) -> None:
    related = record["related"]
    assert [(r["title"], r["match_percent"]) for r in related] == [
        ("Lead Backend Data Procurement Analyst", 98),
        ("Enterprise Architect", 91),
        ("SDET", 84),
    ]
    assert all("slug" not in r for r in related)
    assert related[0]["description"].startswith("Spend weeks documenting trivial manual data entry")
    assert related[2]["description"].endswith("to justify continued existence.")


def test_checked_in_record_is_what_the_importer_produces_now() -> None:
    produced = dump_record(parse_page(SEED.read_text(encoding="utf-8")).data)
    assert RECORD.read_text(encoding="utf-8") == produced


def test_record_validates_against_the_committed_schema(record: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(record)


def test_committed_schema_is_the_generated_one() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json_schema()
    assert SCHEMA.read_text(encoding="utf-8") == json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def test_record_header_points_at_the_schema() -> None:
    assert RECORD.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=specimen.schema.json\n")


def test_records_directory_passes_check() -> None:
    catalog, problems = check_directory(RECORDS)
    assert problems == []
    assert catalog is not None and catalog.by_slug("junior-machine-learning-engineer") is not None
