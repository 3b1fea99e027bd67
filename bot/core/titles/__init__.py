"""Titles as people type them: normalisation and the vocabulary (abbreviations, decorations, levels).

The bottom floor of the core: records, links, the importer and matching all read titles through it.
"""
