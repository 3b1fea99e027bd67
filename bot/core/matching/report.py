"""A lookup explained for record authors (`specimen find`): how the query was read, the answer, the ranking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.matching.ranking import HIT_SCORE, MARGIN, SUGGEST_SCORE
from bot.core.matching.result import Ambiguous, Candidate, Hit, LookupResult

if TYPE_CHECKING:
    from bot.core.matching.index import TitleIndex

FIND_EPILOG = f"""\
The answer is what /specimen would do with the same text:
  HIT        one specimen scores at least {HIT_SCORE:.0%} and no other is within {MARGIN:.0%}: its card is shown
  AMBIGUOUS  several specimens score about as high: /specimen asks which one
  MISS       nothing scores {HIT_SCORE:.0%}; specimens from {SUGGEST_SCORE:.0%} are offered as did-you-mean
The ranking below it lists the best specimens with their score and the title or alias they matched through.
Exit status: 0 on a HIT, 1 on AMBIGUOUS or MISS (or when the records cannot be loaded), 2 on a usage error.
Abbreviations and decorations are read from bot/core/titles/abbreviations.yml."""


def _line(rank: int, candidate: Candidate) -> str:
    specimen = candidate.specimen
    via = "" if candidate.matched_name == specimen.title else f'  via "{candidate.matched_name}"'
    return f"  {rank:>2}. {candidate.score:>3}  {specimen.title} ({specimen.slug}){via}"


def _verdict(result: LookupResult) -> str:
    if isinstance(result, Hit):
        specimen = result.specimen
        return f'HIT        {specimen.title} ({specimen.slug}), score {result.score}, via "{result.matched_name}"'
    if isinstance(result, Ambiguous):
        return f"AMBIGUOUS  {len(result.candidates)} specimens match about equally well; /specimen asks which one"
    if result.suggestions:
        count = len(result.suggestions)
        return f"MISS       no specimen matches well enough; {count} did-you-mean suggestion{'s' if count > 1 else ''}"
    return "MISS       no specimen matches, and none comes close"


def explain(index: TitleIndex, query: str, limit: int) -> tuple[list[str], LookupResult]:
    """The lines `specimen find` prints, and the lookup result they describe."""
    result = index.lookup(query, limit)
    readings = index.read(query)
    lines = [f"query:    {query!r}"]
    if readings:
        first, *others = readings
        lines.append(f"read as:  {first.key}")
        lines += [f"     or:  {form.key}  (counts {form.weight:.0%})" for form in others]
    else:
        lines.append("read as:  (no words left once markup, punctuation and decorations are removed)")
    lines.append(f"answer:   {_verdict(result)}")
    ranking = index.rank(query, limit)
    if ranking:
        lines.append("ranking:")
        lines += [_line(n, c) for n, c in enumerate(ranking, start=1)]
    return lines, result
