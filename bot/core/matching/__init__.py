"""Title lookup: the alias index and ranked fuzzy matching over the normalised titles of ``bot.core.titles``.

Import from the modules (``bot.core.matching.index``, ``bot.core.matching.result``): the package itself stays empty.
"""
