"""The errors a user may see, as opposed to bugs.

``FangzhiError`` carries a complete Chinese sentence for the user. Import problems also carry
where they happened (file, line, row, column) so the message can point at the place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Exit codes of the command line.
EXIT_OK = 0
EXIT_INPUT_ERRORS = 1  # the input has errors; nothing was written
EXIT_UNUSABLE = 2  # the input cannot be used at all, or bad usage


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, with its place."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based line (text) or paragraph (docx) number
    row: int | None = None  # Excel row number as Excel shows it
    column: str | None = None  # Excel column letter
    item: int | None = None  # printed item number
    severity: str = "error"  # "error" blocks saving; "warning" does not

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(Path(self.file).name)
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"{self.column}列")
        if self.item is not None:
            parts.append(f"第{self.item}条")
        return "，".join(parts)

    def text(self) -> str:
        where = self.where()
        return f"{where}：{self.message}" if where else self.message


class FangzhiError(Exception):
    """A problem of the user's or the environment's, with a message in Chinese."""

    exit_code = EXIT_UNUSABLE

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = list(problems or [])

    def lines(self) -> list[str]:
        """The message and every problem, one line each."""
        return [self.message, *(p.text() for p in self.problems)]


class UnusableInput(FangzhiError):
    """The file cannot be read at all (missing, unreadable, wrong format)."""

    exit_code = EXIT_UNUSABLE


class YearUnknown(UnusableInput):
    """The document does not say which year it is for, and no year was given."""


class InputErrors(FangzhiError):
    """The file was read but holds errors; nothing was written."""

    exit_code = EXIT_INPUT_ERRORS


class DatabaseError(FangzhiError):
    """The database cannot be opened or used (newer version, not a database, locked…)."""

    exit_code = EXIT_UNUSABLE


class Cancelled(Exception):
    """The user cancelled a long job; nothing was written."""
