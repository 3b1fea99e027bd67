"""What goes wrong in a records directory: one problem, located as precisely as the file allows, and the error that
carries every problem of a catalog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Problem:
    """One catalog error, located as precisely as the file allows."""

    file: str
    line: int | None
    path: str
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.reason}" if self.path else f"{where}: {self.reason}"


class CatalogError(Exception):
    """A records directory that cannot be loaded; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the catalog:\n{lines}")


@dataclass(frozen=True, slots=True)
class ParsedFile:
    file: str
    data: dict[str, Any] | None
    problems: tuple[Problem, ...]
