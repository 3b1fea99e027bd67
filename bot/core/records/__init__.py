"""Specimen records: the typed model, the declared format, loading and writing."""
