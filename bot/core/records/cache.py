"""A parse cache for record files: unchanged files (same size and mtime) skip YAML parsing and validation.

PyYAML is the cost of loading a large catalog (about 0.4 ms per seed-sized record even with the C parser);
the cache keeps only data that already passed validation, keyed by a fingerprint of the record format, so a
stale cache can never admit a record the current code would reject. It is plain data in `marshal` format,
which cannot run code, and any unreadable or foreign cache file is ignored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from bot.core.records.json_schema import json_schema

log = logging.getLogger(__name__)
# 2: anchors, aliases and deep nesting are refused, so entries cached by earlier code are not trusted.
CACHE_FORMAT = 2
Entry = tuple[int, int, dict[str, Any]]  # size, mtime_ns, validated data


@cache
def _fingerprint() -> str:
    basis = json.dumps([CACHE_FORMAT, sys.version_info[:2], json_schema()], sort_keys=True)
    return hashlib.sha256(basis.encode()).hexdigest()


class ParseCache:
    """The cache file of one records directory."""

    def __init__(self, cache_dir: Path, directory: Path) -> None:
        digest = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:16]
        self.path = cache_dir / f"records-{digest}.marshal"

    def load(self) -> dict[str, Entry]:
        try:
            fingerprint, entries = marshal.loads(self.path.read_bytes())  # noqa: S302 - plain data, our own file
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if fingerprint != _fingerprint() or not isinstance(entries, dict):
            return {}
        return entries

    def save(self, entries: dict[str, Entry]) -> None:
        tmp: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".records-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps((_fingerprint(), entries)))
            os.replace(tmp, self.path)
            tmp = None
        except OSError as error:
            log.debug("record cache not written to %s: %s", self.path, error)
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
