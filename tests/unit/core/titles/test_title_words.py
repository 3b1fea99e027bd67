"""The shipped list of real title words is exactly what its header says it is, derived from the test corpus."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from importlib import resources

from bot.core.titles.lexicon import TITLE_WORDS_RESOURCE, title_words
from tests.support.paths import JOB_TITLES


def test_title_words_are_the_corpus_words_seen_three_times() -> None:
    counts: Counter[str] = Counter()
    with gzip.open(JOB_TITLES, "rt", encoding="utf-8") as handle:
        for line in handle:
            counts.update(re.findall(r"[^\W_]+", line.lower()))
    derived = {w for w, n in counts.items() if n >= 3 and w.isascii() and w.isalpha() and len(w) >= 4}
    assert title_words() == derived


def test_the_list_credits_its_source() -> None:
    text = resources.files("bot.core.titles").joinpath(TITLE_WORDS_RESOURCE).read_text(encoding="utf-8")
    assert "find-job-titles 0.7.0" in text and "MIT" in text and "Johannes Ahlmann" in text
