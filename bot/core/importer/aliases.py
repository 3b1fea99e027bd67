"""Split a run-together alias line ("AI ApprenticeML Associate…") into aliases."""

from __future__ import annotations

import re
import unicodedata

# Brand and tech words that are camel-cased on purpose: never split inside them.
CAMEL_CASE_WORDS = (
    "ChatGPT",
    "DevOps",
    "DevRel",
    "DevSecOps",
    "FinOps",
    "GitHub",
    "GitOps",
    "GraphQL",
    "HubSpot",
    "JavaScript",
    "LinkedIn",
    "MLOps",
    "McKinsey",
    "MySQL",
    "NoSQL",
    "OpenAI",
    "PostgreSQL",
    "PowerPoint",
    "PyTorch",
    "RevOps",
    "SaaS",
    "SalesOps",
    "SecOps",
    "SharePoint",
    "TensorFlow",
    "TypeScript",
    "WordPress",
    "YouTube",
    "eCommerce",
    "iOS",
    "macOS",
)
_PROTECTED = re.compile("|".join(sorted(map(re.escape, CAMEL_CASE_WORDS), key=len, reverse=True)))
_CLOSERS = ")]}\"'”’"


def _ends_a_word(char: str) -> bool:
    """A character that can end an alias right before the next one starts: a lower-case letter, a closing bracket,
    or a symbol such as an emoji."""
    return char.islower() or char in _CLOSERS or unicodedata.category(char) == "So"


def split_aliases(line: str) -> list[str]:
    """Split where a word ends and a capitalised alias begins with no space between them.

    "AI ApprenticeML Associate" → ["AI Apprentice", "ML Associate"]; "Trainee (ML focus)Algorithm" splits after the
    ")". Upper-case acronyms stay whole ("ML Associate", "SDET"), and so do the camel-case words in
    ``CAMEL_CASE_WORDS``. An alias that ends in an acronym glued to the next alias ("Head of QAData Lead") cannot be
    told apart and stays one alias.
    """
    protected: set[int] = set()
    for found in _PROTECTED.finditer(line):
        protected.update(range(found.start() + 1, found.end()))
    cuts = [
        index
        for index in range(1, len(line))
        if line[index].isupper() and _ends_a_word(line[index - 1]) and index not in protected
    ]
    pieces = [line[start:end] for start, end in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    return [piece.strip() for piece in pieces if piece.strip()]
