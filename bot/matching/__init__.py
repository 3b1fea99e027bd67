"""Title lookup: normalisation, the alias index and ranked fuzzy matching.

Import from the modules (``bot.matching.index``, ``bot.matching.result``, ``bot.matching.normalize``): the package
itself stays empty so that loading records, which needs only ``normalize``, does not load the index.
"""
