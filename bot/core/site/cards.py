"""A specimen as an HTML card: the content of the Slack card at a glance (title, question, flight-risk meter, one
burn-ward quote), worded as the Slack card words it."""

from __future__ import annotations

from bot.core.blocks.text import one_line
from bot.core.cards.figures import risk_meter
from bot.core.cards.pick import wrap_index
from bot.core.records.model import Specimen
from bot.core.site.html import esc, esc_line

QUOTE_MARKS = '"“”'


def specimen_card(specimen: Specimen, quote_index: int = 0) -> str:
    """``<article class="card">`` with the title, the question, ``▰▰▰▰▰▰▰▰▱▱ 85% HIGH RISK`` and one quote."""
    risk = specimen.flight_risk
    parts = [
        f'<article class="card" id="specimen-{esc(specimen.slug)}">',
        f"<h3>{esc_line(specimen.title)}</h3>",
        f'<p class="question"><em>{esc_line(specimen.question)}</em></p>',
        f'<p class="risk">Flight risk <span class="meter" role="img" aria-label="{risk.percent} percent">'
        f"{risk_meter(risk.percent)}</span> <strong>{risk.percent}% {esc_line(risk.level)}</strong></p>",
    ]
    if specimen.burn_ward:
        quote = specimen.burn_ward[wrap_index(quote_index, len(specimen.burn_ward))]
        source = f"<footer>— {esc_line(quote.source)}</footer>" if quote.source else ""
        parts.append(f"<blockquote><p>“{esc(one_line(quote.quote).strip(QUOTE_MARKS))}”</p>{source}</blockquote>")
    parts.append("</article>")
    return "\n".join(parts)
