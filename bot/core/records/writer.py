"""Write record files: canonical YAML, atomically, never over an existing record unless forced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

SCHEMA_FILE_NAME = "specimen.schema.json"
_HEADER = f"# yaml-language-server: $schema={SCHEMA_FILE_NAME}\n"


class _RecordDumper(yaml.SafeDumper):
    """The safe dumper, writing a list or mapping met twice in full: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class RecordExistsError(FileExistsError):
    """The target record exists and overwriting was not asked for."""


def dump_record(data: dict[str, Any]) -> str:
    """Canonical YAML for one record, with the schema hint editors read."""
    # The pure dumper: the C one escapes emoji as \U0001F389, which no record author wants to read.
    body = yaml.dump(data, Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, width=100)
    return _HEADER + body


def write_atomically(path: Path, text: str, *, overwrite: bool) -> None:
    """Write via a temporary file in the same directory, then rename; no half-written file survives."""
    if path.exists() and not overwrite:
        raise RecordExistsError(f"{path} exists; pass --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp creates 0600; a record is an ordinary readable file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp_name, path)
        else:
            try:
                os.link(tmp_name, path)  # atomic and never replaces: a record created meanwhile is kept
            except FileExistsError:
                raise RecordExistsError(f"{path} exists; pass --force to overwrite it") from None
    finally:
        Path(tmp_name).unlink(missing_ok=True)
