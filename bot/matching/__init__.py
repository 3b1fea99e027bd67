"""Title lookup: normalisation, the alias index and ranked fuzzy matching."""
