"""Where the tests' files are: the project, its catalog, and the test data (every path inside the repository)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RECORDS = PROJECT_ROOT / "records"
TESTS = PROJECT_ROOT / "tests"
DATA = TESTS / "data"
PAGES = TESTS / "pages"
MATCHING = TESTS / "matching"
MATCHING_RECORDS = MATCHING / "records"
JOB_TITLES = DATA / "job-titles.txt.gz"
SEED_PAGE = DATA / "000_bee4ac46707e8847.txt"  # the FILE RECORD page of the first specimen
