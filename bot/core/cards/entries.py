"""One record entry as one escaped mrkdwn line (or short paragraph), shared by the card and the full file.

``limit`` caps each long field (descriptions, quotes); names, titles and sources are capped at ``NAME_MAX``.
Record text is collapsed to single lines so a stray newline cannot break a bullet, a quote or an italic span.
"""

from __future__ import annotations

from bot.core.blocks.text import esc_line, inert_mrkdwn, one_line
from bot.core.cards.figures import format_money, risk_meter
from bot.core.records.model import (
    Autopsy,
    BurnQuote,
    DayLogEntry,
    Encounter,
    FlightRisk,
    NamedEntry,
    RelatedSpecimen,
    Salary,
)

NAME_MAX = 200


def line(text: str, limit: int) -> str:
    """Untrusted text as one escaped line of at most ``limit`` units, its mrkdwn markers made inert."""
    return inert_mrkdwn(esc_line(text, limit))


def plain_line(text: str, limit: int) -> str:
    """Untrusted text as one escaped line for a plain_text object, where mrkdwn markers mean nothing."""
    return esc_line(text, limit)


def bullet(text: str, limit: int) -> str:
    return f"• {line(text, limit)}"


def named(entry: NamedEntry, limit: int) -> str:
    """A metric or a weapon: ``• *name* — description``."""
    return f"• *{line(entry.name, NAME_MAX)}* — {line(entry.description, limit)}"


def encounter(entry: Encounter, limit: int) -> str:
    trigger = one_line(entry.trigger).strip("[]: ") or entry.trigger  # "[IF ENGAGED]:" reads "IF ENGAGED:"
    return f"*{line(trigger, NAME_MAX)}:* {line(entry.advice, limit)}"


def autopsy(entry: Autopsy, limit: int) -> str:
    """Illusion → translation, with the source of the illusion."""
    illusion = line(entry.illusion, limit).strip('"“”')
    return f"> “{illusion}” — _{line(entry.source, NAME_MAX)}_\n→ {line(entry.translation, limit)}"


def day_entry(entry: DayLogEntry, limit: int) -> str:
    when = f"{line(entry.start, 5)}–{line(entry.end, 5)}"
    return f"`{when}` *{line(entry.title, NAME_MAX)}*\n{line(entry.description, limit)}"


def burn_quote(entry: BurnQuote, limit: int) -> str:
    text = f"> “{line(entry.quote, limit).strip(chr(34) + '“”')}”"
    return f"{text}\n— {line(entry.source, NAME_MAX)}" if entry.source else text


def related_line(entry: RelatedSpecimen, limit: int) -> str:
    return f"• *{line(entry.title, NAME_MAX)}* · {entry.match_percent}% match — {line(entry.description, limit)}"


def salary_lines(salary: Salary, limit: int) -> list[str]:
    money = line(format_money(salary.amount, salary.currency), 40)
    return [
        f"*{money}* market average",
        f"_{line(salary.region_note, limit)}_",
        f"> {line(salary.quote, limit)}",
    ]


def risk_headline(risk: FlightRisk) -> str:
    """``▰▰▰▰▰▰▰▰▱▱ 85% HIGH RISK`` (mrkdwn: the meter in code, the figure bold)."""
    return f"`{risk_meter(risk.percent)}` *{risk.percent}% {line(risk.level, 100)}*"


def risk_lines(risk: FlightRisk, limit: int) -> list[str]:
    return [risk_headline(risk), line(risk.diagnosis, limit)]
