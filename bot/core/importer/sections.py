"""One parser per numbered section of a FILE RECORD page; each reads a Cursor and notes where each value came from."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.core.importer.aliases import split_aliases
from bot.core.importer.lines import Cursor, Line, PageError, shown
from bot.core.importer.money import AmountError, parse_amount, resolve_currency

Locate = Callable[[tuple[str | int, ...], int], None]
"""``locate(("metrics", 2, "name"), 31)``: the value at that record path was read from page line 31."""

CAPTION = re.compile(r"\*\s*(?P<text>.+)")
ALIASES_HEADER = re.compile(r"KNOWN ALIASES\s*/\s*DISGUISES:?", re.IGNORECASE)
HABITAT = re.compile(r"-\s*(?P<text>.+)")
MARKET_AVERAGE = re.compile(r"MARKET AVERAGE:?", re.IGNORECASE)
QUOTED = re.compile(r"[\"“](?P<text>.*\S.*)[\"”]")
FLIGHT_RISK = re.compile(r"FLIGHT RISK:\s*(?P<percent>\d+)\s*%\s*(?P<level>.+)", re.IGNORECASE)
TRIGGERED = re.compile(r"\[(?P<trigger>[^\]]*[^\]\s:])\s*:?\]\s*(?P<text>.*)")
ILLUSION = re.compile(r"LINKEDIN ILLUSION:?", re.IGNORECASE)
TRANSLATION = re.compile(r"OTIOSE TRANSLATION:?", re.IGNORECASE)
TIME_RANGE = re.compile(r"\[\s*(?P<start>\d{1,2}:\d{2})\s*[-–—]\s*(?P<end>\d{1,2}:\d{2})\s*\]")
SOURCE = re.compile(r"(?:—|–|--)\s*(?P<text>.+)")
TAXONOMY_LINK = re.compile(r"\[VIEW FULL TAXONOMY\]\s*↗?\s*", re.IGNORECASE)
SYSTEM_MATCH = re.compile(r"SYSTEM MATCH:\s*(?P<percent>\d+)\s*%", re.IGNORECASE)
SEPARATOR = "→"
RANGE_EXAMPLE = "[10:00 - 11:00]"


def _text_line(cursor: Cursor, expected: str) -> Line:
    """A free-text line: anything but a line that opens another part of the section."""
    line = cursor.next(expected)
    if line.text == SEPARATOR:
        raise PageError(line.number, f"expected {expected}, found {shown(line.text)}")
    return line


def _percent(line: Line, value: str, what: str) -> int:
    percent = int(value)
    if percent > 100:
        raise PageError(line.number, f"{what} must be a percentage from 0 to 100, found {percent}%")
    return percent


def org_chart(cursor: Cursor, locate: Locate) -> tuple[str | None, list[str]]:
    """[01]: an optional ``* caption``, the aliases header, then zero or more lines of run-together aliases."""
    caption = None
    if (line := cursor.peek()) is not None and (found := CAPTION.fullmatch(line.text)):
        caption = found["text"]
        locate(("org_chart_caption",), line.number)
        cursor.next("a caption")
    cursor.match(ALIASES_HEADER, "'KNOWN ALIASES / DISGUISES:'")
    aliases: list[str] = []
    while not cursor.at_end():
        line = cursor.next("an alias line")
        for alias in split_aliases(line.text):
            locate(("aliases", len(aliases)), line.number)
            aliases.append(alias)
    return caption, aliases


def habitat(cursor: Cursor, locate: Locate) -> list[str]:
    """[02]: one or more ``- habitat`` lines."""
    places: list[str] = []
    while not places or not cursor.at_end():
        line, found = cursor.match(HABITAT, "a habitat line starting with '- '")
        locate(("habitat", len(places)), line.number)
        places.append(found["text"])
    return places


def salary(cursor: Cursor, locate: Locate) -> dict[str, Any]:
    """[03]: MARKET AVERAGE, the amount, the ``* Salary quoted for …`` note, then the quoted verdict."""
    cursor.match(MARKET_AVERAGE, "'MARKET AVERAGE'")
    amount_line = cursor.next("the market average amount, like 146,027")
    note_line, note = cursor.match(CAPTION, "the salary note starting with '* ', like '* Salary quoted for …'")
    quote_line, quote = cursor.match(QUOTED, "the salary verdict in double quotes")
    try:
        amount, sign_currency = parse_amount(amount_line.text)
    except AmountError as error:
        raise PageError(amount_line.number, str(error)) from None
    for key, line in (("amount", amount_line), ("currency", amount_line), ("region_note", note_line)):
        locate(("salary", key), line.number)
    locate(("salary", "quote"), quote_line.number)
    currency = resolve_currency(sign_currency, note["text"])
    return {"amount": amount, "currency": currency, "region_note": note["text"], "quote": quote["text"]}


def _triggered(cursor: Cursor, expected: str) -> tuple[Line, str, str]:
    """A ``[TRIGGER:]text`` line; the text may also stand alone on the next line."""
    line, found = cursor.match(TRIGGERED, expected)
    text = found["text"] or _text_line(cursor, f"the text after {shown(line.text)}").text
    return line, found["trigger"].strip(), text


def flight_risk(cursor: Cursor, locate: Locate) -> dict[str, Any]:
    """[04]: ``FLIGHT RISK:85%HIGH RISK`` then ``[DIAGNOSIS]why``."""
    line, found = cursor.match(FLIGHT_RISK, "a flight risk like 'FLIGHT RISK:85%HIGH RISK'")
    percent = _percent(line, found["percent"], "the flight risk")
    diagnosis_line, trigger, diagnosis = _triggered(cursor, "'[DIAGNOSIS]' followed by the diagnosis")
    if trigger.upper() != "DIAGNOSIS":
        raise PageError(diagnosis_line.number, f"expected '[DIAGNOSIS]', found '[{trigger}]'")
    for key in ("percent", "level"):
        locate(("flight_risk", key), line.number)
    locate(("flight_risk", "diagnosis"), diagnosis_line.number)
    return {"percent": percent, "level": found["level"].strip(), "diagnosis": diagnosis}


def named_entries(cursor: Cursor, locate: Locate, key: str, kind: str) -> list[dict[str, str]]:
    """[05] and [06]: one or more pairs of lines, a name and its description."""
    entries: list[dict[str, str]] = []
    while not entries or not cursor.at_end():
        name = _text_line(cursor, f"the name of a {kind}")
        description = _text_line(cursor, f"the description of the {kind} {shown(name.text)}")
        locate((key, len(entries), "name"), name.number)
        locate((key, len(entries), "description"), description.number)
        entries.append({"name": name.text, "description": description.text})
    return entries


def encounter_guide(cursor: Cursor, locate: Locate) -> list[dict[str, str]]:
    """[07]: one or more ``[TRIGGER:]advice`` lines, e.g. ``[IF ENGAGED:]Smile and nod``."""
    entries: list[dict[str, str]] = []
    while not entries or not cursor.at_end():
        line, trigger, advice = _triggered(cursor, "an encounter line like '[IF ENGAGED:]advice'")
        locate(("encounter_guide", len(entries)), line.number)
        entries.append({"trigger": trigger, "advice": advice})
    return entries


def jd_autopsy(cursor: Cursor, locate: Locate) -> list[dict[str, str]]:
    """[08]: LINKEDIN ILLUSION, a source line, the quoted words, OTIOSE TRANSLATION, the translation; repeated."""
    entries: list[dict[str, str]] = []
    while not entries or not cursor.at_end():
        cursor.match(ILLUSION, "'LINKEDIN ILLUSION'")
        source = cursor.next("the source of the illusion, like '[SOURCE REDACTED]'")
        if QUOTED.fullmatch(source.text):
            raise PageError(
                source.number,
                f"expected a source line like '[SOURCE REDACTED]' before the quoted job ad, found {shown(source.text)}",
            )
        illusion_line, illusion = cursor.match(QUOTED, "the job ad's words in double quotes")
        cursor.match(TRANSLATION, "'OTIOSE TRANSLATION'")
        translation = _text_line(cursor, "the translation")
        index = len(entries)
        locate(("jd_autopsy", index, "source"), source.number)
        locate(("jd_autopsy", index, "illusion"), illusion_line.number)
        locate(("jd_autopsy", index, "translation"), translation.number)
        entries.append({"illusion": illusion["text"], "source": source.text, "translation": translation.text})
    return entries


def _clock(line: Line, value: str) -> str:
    hours, minutes = (int(part) for part in value.split(":"))
    if hours > 23 or minutes > 59:
        raise PageError(line.number, f"expected a 24-hour time from 00:00 to 23:59, found {value!r}")
    return f"{hours:02d}:{minutes:02d}"


def day_log(cursor: Cursor, locate: Locate) -> list[dict[str, str]]:
    """[09]: ``[10:00 - 11:00]``, a title and a description; repeated."""
    entries: list[dict[str, str]] = []
    while not entries or not cursor.at_end():
        line, found = cursor.match(TIME_RANGE, f"a day-log time range like {RANGE_EXAMPLE}")
        title = _text_line(cursor, f"the title of the {line.text} entry")
        description = _text_line(cursor, f"the description of the {line.text} entry")
        index = len(entries)
        for key in ("start", "end"):
            locate(("day_log", index, key), line.number)
        locate(("day_log", index, "title"), title.number)
        locate(("day_log", index, "description"), description.number)
        start, end = _clock(line, found["start"]), _clock(line, found["end"])
        entries.append({"start": start, "end": end, "title": title.text, "description": description.text})
    return entries


def burn_ward(cursor: Cursor, locate: Locate) -> tuple[str | None, list[dict[str, str]]]:
    """[10]: an optional ``* caption``, then quoted complaints, each optionally followed by ``— source``."""
    caption = None
    if (line := cursor.peek()) is not None and (found := CAPTION.fullmatch(line.text)):
        caption = found["text"]
        locate(("burn_ward_caption",), line.number)
        cursor.next("a caption")
    quotes: list[dict[str, str]] = []
    while not quotes or not cursor.at_end():
        line, found = cursor.match(QUOTED, "a complaint in double quotes")
        quote = {"quote": found["text"]}
        locate(("burn_ward", len(quotes)), line.number)
        if (after := cursor.peek()) is not None and (source := SOURCE.fullmatch(after.text)):
            cursor.next("a source")
            quote["source"] = source["text"]
            locate(("burn_ward", len(quotes), "source"), after.number)
        quotes.append(quote)
    return caption, quotes


def related(cursor: Cursor, locate: Locate) -> list[dict[str, Any]]:
    """[11]: an optional ``[VIEW FULL TAXONOMY] ↗``, then ``SYSTEM MATCH: N%``, title, description, ``→``; repeated.

    The first ``SYSTEM MATCH`` may share its line with the taxonomy link; the last ``→`` may be left out.
    """
    entries: list[dict[str, Any]] = []
    first = cursor.peek()
    pending = None
    if first is not None and (link := TAXONOMY_LINK.match(first.text)):
        cursor.next("the taxonomy link")
        rest = first.text[link.end() :].strip()
        pending = Line(first.number, rest) if rest else None
    while pending is not None or not cursor.at_end():
        line = pending or cursor.next("'SYSTEM MATCH: N%'")
        pending = None
        found = SYSTEM_MATCH.fullmatch(line.text)
        if found is None:
            raise PageError(
                line.number, f"expected a related specimen starting 'SYSTEM MATCH: N%', found {shown(line.text)}"
            )
        title = _text_line(cursor, "the title of a related specimen")
        description = _text_line(cursor, f"the description of the related specimen {shown(title.text)}")
        if (after := cursor.peek()) is not None and after.text == SEPARATOR:
            cursor.next(SEPARATOR)
        index = len(entries)
        locate(("related", index, "match_percent"), line.number)
        locate(("related", index, "title"), title.number)
        locate(("related", index, "description"), description.number)
        percent = _percent(line, found["percent"], "the system match")
        entries.append({"title": title.text, "match_percent": percent, "description": description.text})
    return entries
