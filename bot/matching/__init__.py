"""Title lookup: normalisation, the alias index and ranked fuzzy matching."""

from bot.matching.index import TitleIndex
from bot.matching.normalize import normalize_title
from bot.matching.result import Ambiguous, Candidate, Hit, LookupResult, Miss

__all__ = ["Ambiguous", "Candidate", "Hit", "LookupResult", "Miss", "TitleIndex", "normalize_title"]
