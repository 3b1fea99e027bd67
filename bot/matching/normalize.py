"""Turn a typed title into the canonical key the index compares."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize_title(text: str) -> str:
    """Case, accents, punctuation and spacing folded away: "Júnior  ML-Eng" → "junior ml eng"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_only = ascii_only.replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", ascii_only).split())
