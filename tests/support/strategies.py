"""Hypothesis strategies shared by the fuzz suites (tests/unit/core/test_fuzz.py and tests/app/test_fuzz.py):
hostile text, slash texts, records at the schema's limits, shortcut messages with links."""

from __future__ import annotations

import random
import re
from functools import cache
from typing import Any

from hypothesis import strategies as st

from bot.core.answers.guide import FieldGuide
from bot.core.blocks.state import CardState
from bot.core.matching.index import TitleIndex
from bot.core.records.loader import load_catalog, specimen_from_data
from bot.core.records.model import Catalog, Specimen
from bot.core.records.schema import MAX_ITEMS, MAX_TEXT
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from bot.testing.samples import FILLERS, worst_case_record_data
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import PROJECT_ROOT

# -- strategies -----------------------------------------------------------------------------------------------------

HOSTILE = ["<!channel>", "<!here>", "<!everyone>", "<@U123>", "<@U123|bob>", "<#C1|x>", "<!subteam^S1>", "<!date^1|x>"]
HOSTILE += ["<https://x.test|y>", "<mailto:a@b.c>", "&", "&amp;", "&lt;", "&gt;", "&#60;", "<", ">", "|", "*", "_"]
HOSTILE += ["`", "```", "~", ">", "\n", "\t", "\r\n", "@here", "@channel", ":smile:", "😀", "🚀", "\u200b", "\u202e"]
HOSTILE += ["\u0301", "٣", "é", "ß", "ﬁ", "\x00", "\x7f", "  ", "jr ml eng", "Junior Machine Learning Engineer"]
fragment = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
hostile_text = st.lists(fragment, max_size=16).map("".join)
# Sometimes the text a field may hold at most: a short piece repeated up to the limit.
long_text = st.builds(
    lambda piece, size: (piece * (size // max(1, len(piece)) + 1))[:size], hostile_text, st.integers(1, MAX_TEXT)
)
# Record text as the schema allows it: no C0/C1 control characters but tab and newline, not blank.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
record_text = st.one_of(hostile_text, hostile_text, hostile_text, long_text).map(
    lambda t: t if (t := CONTROLS.sub("", t)).strip() else ("x" + t)[:MAX_TEXT]
)

KEYWORDS = ["", "help", "list", "quote", "day", "quote ", "day ", "?", "--help", "LIST", "Quote "]
slash_text = st.one_of(hostile_text, st.builds(lambda k, t: k + t, st.sampled_from(KEYWORDS), hostile_text), long_text)

slug = st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,5}", fullmatch=True)
clock = st.from_regex(r"([01][0-9]|2[0-3]):[0-5][0-9]", fullmatch=True)


def items(entry: st.SearchStrategy[Any], minimum: int = 1) -> st.SearchStrategy[list[Any]]:
    """0/1..100 entries (mostly a few): a few drawn ones repeated to the drawn count, so long lists stay cheap."""
    drawn = st.lists(entry, min_size=1, max_size=3)
    small = st.integers(minimum, 4)
    count = st.one_of(small, small, small, small, st.integers(minimum, MAX_ITEMS), st.just(MAX_ITEMS))
    return st.builds(lambda pool, n: [pool[i % len(pool)] for i in range(n)], drawn, count)


def fixed(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(fields)


@st.composite
def records(draw: Any) -> dict[str, Any]:
    """Any record the schema accepts (bot/records/schema.py), hostile text in every free-text field."""
    t = record_text
    data = draw(
        fixed(
            title=t,
            slug=slug,
            question=t,
            aliases=items(t, 0),
            habitat=items(t),
            salary=fixed(
                amount=st.integers(0, 10**18),
                currency=st.from_regex(r"[A-Z]{3}", fullmatch=True),
                region_note=t,
                quote=t,
            ),
            flight_risk=fixed(percent=st.integers(0, 100), level=t, diagnosis=t),
            metrics=items(fixed(name=t, description=t)),
            weaponry=items(fixed(name=t, description=t)),
            encounter_guide=items(fixed(trigger=t, advice=t)),
            jd_autopsy=items(fixed(illusion=t, source=t, translation=t)),
            day_log=items(fixed(start=clock, end=clock, title=t, description=t)),
            burn_ward=items(st.one_of(fixed(quote=t), fixed(quote=t, source=t))),
            related=items(
                st.one_of(
                    fixed(title=t, match_percent=st.integers(0, 100), description=t),
                    fixed(title=t, match_percent=st.integers(0, 100), description=t, slug=slug),
                ),
                0,
            ),
        )
    )
    for optional in ("org_chart_caption", "burn_ward_caption"):
        if draw(st.booleans()):
            data[optional] = draw(t)
    return data


LINKS = [
    "https://www.linkedin.com/jobs/view/junior-machine-learning-engineer-at-acme-3912345678",
    "https://boards.greenhouse.io/acme/jobs/4012345",
    "https://jobs.lever.co/acme/1b2c3d4e-aaaa-bbbb-cccc-1234567890ab",
    "https://acme.wd5.myworkdayjobs.com/en-US/External/job/Remote/Junior-ML-Engineer_R-12345",
    "https://jobs.example.com/jobs/7/senior-<!channel>-engineer",
    "https://github.com/acme/specimen",
    "https://x.test/?q=<@U1>&a=&amp;",
]
url = st.one_of(st.sampled_from(LINKS), st.builds(lambda u, t: u + t, st.sampled_from(LINKS), hostile_text))
link_markup = st.one_of(st.builds("<{}>".format, url), st.builds("<{}|{}>".format, url, hostile_text))
message_text = st.lists(st.one_of(link_markup, hostile_text), max_size=8).map(" ".join)
attachment = fixed(original_url=url, title=hostile_text, from_url=url, fallback=hostile_text)
link_element = fixed(type=st.just("link"), url=url, text=hostile_text)
rich_text = st.lists(link_element, max_size=4).map(
    lambda els: [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": els}]}]
)
shortcut_message = st.one_of(
    fixed(text=message_text),
    fixed(text=message_text, attachments=st.lists(attachment, max_size=4)),
    fixed(text=message_text, blocks=rich_text),
    fixed(text=message_text, blocks=rich_text, attachments=st.lists(attachment, max_size=3)),
)

# -- the catalog the in-process answers use ----------------------------------------------------------------------


@cache
def guide() -> FieldGuide:
    """The shipped records, 20 generated ones and every worst case of bot/cards/samples.py."""
    specimens = list(load_catalog(PROJECT_ROOT / "records"))
    specimens += [specimen_from_data(synthetic_record_data(i)) for i in range(20)]
    for filler in FILLERS:
        data = worst_case_record_data(filler)
        data["slug"] = f"worst-{filler}"
        specimens.append(specimen_from_data(data))
    catalog = Catalog(tuple(specimens))
    return FieldGuide(catalog, TitleIndex.build(catalog))


def check(payload: dict[str, Any], surface: str = "message") -> None:
    assert block_kit_problems(payload, surface) == []  # type: ignore[arg-type]
    assert markup_problems(payload) == []


def every_reply_to(state: CardState, specimen: Specimen, g: FieldGuide, rng: random.Random) -> None:
    check(g.preview(state, specimen))
    check(g.shared(state, specimen, "ada <!channel>", "U0ADA"))
    check(g.shuffled(state, specimen, rng))


# -- properties -----------------------------------------------------------------------------------------------------
