"""Parse the text of one FILE RECORD page into record data (pure: no files, no clock)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from bot.core.importer import sections
from bot.core.importer.lines import Cursor, Line, PageError, page_lines, shown
from bot.core.records.schema import SLUG_PATTERN, format_path, validate_record

FIRST_LINE = re.compile(r"FILE RECORD:\s*(?P<slug>\S.*)")
QUESTION = re.compile(r"WHAT DOES\s+(?P<role>.+?)\s+ACTUALLY DO\s*\??", re.IGNORECASE)
SECTION_HEADER = re.compile(r"\[(?P<number>\d{2})\]\s*(?P<name>.*)")
SECTION_NAMES = (
    "THE ORG-CHART ARCHITECTURE",
    "THE HABITAT (NATURAL RANGE)",
    "SALARY DELUSION",
    "THE FLIGHT RISK",
    "THE BULLSHIT METRICS",
    "SIGNATURE WEAPONRY",
    "SURVIVAL / ENCOUNTER GUIDE",
    "THE JD AUTOPSY: WHAT DO THEY ACTUALLY DO?",
    "DAY-IN-THE-LIFE LOG",
    "THE BURN WARD (UNFILTERED COMPLAINTS)",
    "RELATED SPECIMENS",
)

RecordPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A page's record data, in the record format, and the page line each value came from."""

    data: dict[str, Any]
    lines: dict[RecordPath, int]

    @property
    def slug(self) -> str:
        return str(self.data["slug"])

    def line_of(self, path: RecordPath) -> int | None:
        """The page line of a record path, of its closest located parent, or else of its first located part."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        parts = [line for located, line in self.lines.items() if located[: len(path)] == path]
        return min(parts, default=None)


def _header_name(number: int) -> str:
    return f"[{number:02d}] {SECTION_NAMES[number - 1]}"


def _same_words(left: str, right: str) -> bool:
    return left.casefold().split() == right.casefold().split()


def _identity(cursor: Cursor, locate: sections.Locate) -> dict[str, str]:
    """The three lines before [01]: ``FILE RECORD: SLUG``, the question, the title."""
    first = cursor.peek()
    found = FIRST_LINE.fullmatch(first.text) if first is not None else None
    if first is None or found is None:
        what = shown(first.text) if first is not None else "no text"
        raise PageError(
            first.number if first else None,
            f"not a FILE RECORD page: expected a first line like 'FILE RECORD: SOME-ROLE', found {what}",
        )
    cursor.next("the FILE RECORD line")
    slug = found["slug"].strip().lower()
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise PageError(
            first.number,
            f"expected a slug of letters, digits and single hyphens after 'FILE RECORD:', found {shown(found['slug'])}",
        )
    question_line, question = cursor.match(QUESTION, "the question 'WHAT DOES A … ACTUALLY DO?'")
    title = cursor.next("the role's title")
    if SECTION_HEADER.fullmatch(title.text):
        raise PageError(title.number, f"expected the role's title, found {shown(title.text)}")
    role_words = question["role"].split()
    title_words = title.text.split()
    named = role_words[len(role_words) - len(title_words) :]
    if len(title_words) > len(role_words) or not _same_words(" ".join(named), title.text):
        raise PageError(
            question_line.number,
            f"expected the question to name the title {shown(title.text)} from line {title.number}, "
            f"found {shown(question_line.text)}",
        )
    article = " ".join(role_words[: len(role_words) - len(title_words)]).lower()
    for key, line in (("slug", first), ("question", question_line), ("title", title)):
        locate((key,), line.number)
    asked = f"{article} {title.text}" if article else title.text
    return {"title": title.text, "slug": slug, "question": f"What does {asked} actually do?"}


def _sections(lines: list[Line], start: int) -> Iterator[Cursor]:
    """One cursor per numbered section, in page order, each checked to be the next of [01]…[11] by number and name.

    A generator, so that a broken section header is only reported once every section before it has been read.
    """
    last_number = lines[-1].number
    headers = [i for i in range(start, len(lines)) if SECTION_HEADER.fullmatch(lines[i].text)]
    for number in range(1, len(SECTION_NAMES) + 1):
        expected = f"the section header {_header_name(number)!r}"
        if len(headers) < number:
            Cursor([], None, last_number).fail(expected)
        index = headers[number - 1]
        if number == 1 and index > start:
            Cursor(lines[start:index], None, last_number).fail(expected)
        header = SECTION_HEADER.fullmatch(lines[index].text)
        assert header is not None
        if int(header["number"]) != number or not _same_words(header["name"], SECTION_NAMES[number - 1]):
            raise PageError(lines[index].number, f"expected {expected}, found {shown(lines[index].text)}")
        end = headers[number] if number < len(headers) else len(lines)
        after = lines[end] if end < len(lines) else None
        yield Cursor(lines[index + 1 : end], after, last_number)
    if len(headers) > len(SECTION_NAMES):
        extra = lines[headers[len(SECTION_NAMES)]]
        raise PageError(extra.number, f"expected the end of the page after [11], found {shown(extra.text)}")


SectionParser = Callable[[Cursor, sections.Locate], Any]
SECTION_PARSERS: tuple[SectionParser, ...] = (
    sections.org_chart,
    sections.habitat,
    sections.salary,
    sections.flight_risk,
    partial(sections.named_entries, key="metrics", kind="metric"),
    partial(sections.named_entries, key="weaponry", kind="weapon"),
    sections.encounter_guide,
    sections.jd_autopsy,
    sections.day_log,
    sections.burn_ward,
    sections.related,
)


def parse_page(text: str) -> ParsedPage:
    """Record data from a page's text, or a PageError at the first line that breaks the format.

    The data is also checked against the record format; a value it rejects (an over-long text, say) is reported at
    the page line it came from.
    """
    lines = page_lines(text)
    if not lines:
        raise PageError(None, "the page is empty; expected a FILE RECORD page")
    located: dict[RecordPath, int] = {}

    def locate(path: RecordPath, number: int) -> None:
        located[path] = number

    head = Cursor(lines, None, lines[-1].number)
    data: dict[str, Any] = _identity(head, locate)
    values = []
    for number, (cursor, parse) in enumerate(zip(_sections(lines, 3), SECTION_PARSERS, strict=True), start=1):
        values.append(parse(cursor, locate))
        if not cursor.at_end():
            following = f"the section header {_header_name(number + 1)!r}" if number < len(SECTION_NAMES) else None
            cursor.fail(following or "the end of the page")
    (org_caption, aliases), habitat, salary, risk, metrics, weaponry, encounters, autopsy, day, burn, related = values
    if org_caption is not None:
        data["org_chart_caption"] = org_caption
    data.update(aliases=aliases, habitat=habitat, salary=salary, flight_risk=risk, metrics=metrics)
    data.update(weaponry=weaponry, encounter_guide=encounters, jd_autopsy=autopsy, day_log=day)
    burn_caption, quotes = burn
    if burn_caption is not None:
        data["burn_ward_caption"] = burn_caption
    data.update(burn_ward=quotes, related=related)
    page = ParsedPage(data, located)
    issues = validate_record(data)
    if issues:
        first = issues[0]
        raise PageError(page.line_of(first.path), f"{format_path(first.path)}: {first.reason}")
    return page
