"""Problems found in a data package, and the error that carries them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data package, located as precisely as possible.

    Attributes
    ----------
    table : str
        The table (resource) name, or ``datapackage.json`` for descriptor problems.
    row : int or None
        The data row (the first row after the header is 1, as a spreadsheet shows it
        less its header row); ``None`` when the problem concerns a whole file or column.
    column : str or None
        The column concerned, if any.
    rule : str
        A short machine-readable name, e.g. ``type``, ``foreign-key``, ``missing-column``.
    message : str
        What is wrong, in plain words, quoting the offending value.
    hint : str
        How to fix it.
    path : str
        The file concerned.
    line : int or None
        The line of the file where the row starts (differs from ``row + 1`` when a
        quoted cell spans lines), if known.
    """

    table: str
    row: int | None
    column: str | None
    rule: str
    message: str
    hint: str = ""
    path: str = ""
    line: int | None = None

    def location(self) -> str:
        """Return ``table, row N, column C`` (only the parts that apply)."""
        parts = [self.table]
        if self.row is not None and self.line is not None:
            parts.append(f"row {self.row} (line {self.line})")
        elif self.row is not None:
            parts.append(f"row {self.row}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: [{self.rule}] {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class ValidationError(ValueError):
    """Raised when data does not match its schema; carries every problem found.

    Attributes
    ----------
    problems : list of Problem
        All problems, in file order.
    """

    shown = 15

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} found in the data:"]
        lines += [f"  - {p}" for p in self.problems[: self.shown]]
        if count > self.shown:
            lines.append(f"  ... and {count - self.shown} more (see .problems)")
        return "\n".join(lines)


class Report:
    """The result of :func:`casekit.validate`: every problem found, possibly none."""

    def __init__(self, path: str, problems: Iterable[Problem]):
        self.path = path
        self.problems = list(problems)

    @property
    def ok(self) -> bool:
        """``True`` when no problem was found."""
        return not self.problems

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def rules(self) -> set[str]:
        """Return the set of rule names that were broken."""
        return {p.rule for p in self.problems}

    def to_records(self) -> list[dict[str, Any]]:
        """Return the problems as a list of plain dictionaries."""
        return [asdict(p) for p in self.problems]

    def to_frame(self):
        """Return the problems as a pandas DataFrame (one row per problem)."""
        import pandas as pd

        columns = ["table", "row", "line", "column", "rule", "message", "hint", "path"]
        return pd.DataFrame(self.to_records(), columns=columns)

    def __str__(self) -> str:
        if self.ok:
            return f"{self.path}: valid, no problems found"
        head = f"{self.path}: {len(self.problems)} problem(s)"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])

    def __repr__(self) -> str:
        return f"<Report {self.path}: {len(self.problems)} problem(s)>"
