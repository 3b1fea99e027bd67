"""The FILE RECORD importer: parse pages into record data (page, sections) and write them as records (run)."""
