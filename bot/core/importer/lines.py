"""Numbered page lines and a cursor over one section's lines that fails with a precise message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

MAX_SHOWN = 70


class PageError(Exception):
    """A page that breaks the FILE RECORD format; ``line`` is 1-based, None when the page as a whole is wrong."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message if line is None else f"{line}: {message}")


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    text: str


def page_lines(text: str) -> list[Line]:
    """The non-blank lines of a page, stripped, with their 1-based numbers (CRLF and CR are line breaks too)."""
    lines = (Line(n, raw.strip()) for n, raw in enumerate(text.splitlines(), start=1))
    return [line for line in lines if line.text]


def shown(text: str) -> str:
    """A line as quoted in an error message, cut to a readable length."""
    return repr(text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…")


class Cursor:
    """Reads the lines of one part of a page; ``after`` is the line that follows the part (None: the page ends)."""

    def __init__(self, lines: Sequence[Line], after: Line | None, last_number: int) -> None:
        self._lines = lines
        self._after = after
        self._last_number = last_number
        self._index = 0

    def peek(self) -> Line | None:
        return self._lines[self._index] if self._index < len(self._lines) else None

    def at_end(self) -> bool:
        return self._index >= len(self._lines)

    def next(self, expected: str) -> Line:
        """The next line, or a PageError saying that ``expected`` was missing."""
        line = self.peek()
        if line is None:
            self.fail(expected)
        self._index += 1
        return line

    def match(self, pattern: re.Pattern[str], expected: str) -> tuple[Line, re.Match[str]]:
        """The next line and its match of ``pattern``, or a PageError naming what was expected and what was found."""
        line = self.peek()
        found = pattern.fullmatch(line.text) if line is not None else None
        if line is None or found is None:
            self.fail(expected)
        self._index += 1
        return line, found

    def fail(self, expected: str) -> NoReturn:
        line = self.peek()
        if line is not None:
            raise PageError(line.number, f"expected {expected}, found {shown(line.text)}")
        if self._after is not None:
            raise PageError(
                self._after.number, f"expected {expected}, found the next section {shown(self._after.text)}"
            )
        raise PageError(self._last_number, f"expected {expected}, found the end of the page (is it cut off?)")
