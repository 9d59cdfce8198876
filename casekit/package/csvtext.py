"""Read a CSV file as text: every cell a string, every row's number and line kept.

Only the standard library parses the files (``csv``), so no malformed file surfaces as a
raw pandas traceback; large, plainly well-formed files take pandas' C parser for speed.
Structural problems (missing or empty file, encoding, CSV syntax, header, row length) are
reported as :class:`~casekit.package.problems.Problem` objects, never raised.
"""

from __future__ import annotations

import csv
import io
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from casekit.package.problems import Problem
from casekit.package.rules import did_you_mean
from casekit.package.schema import TableSchema


@dataclass
class RawTable:
    """A table read as text: each column's cells as strings, each row's number and line.

    ``numbers[i]`` is the data row number of row ``i`` (the first row after the header
    is 1; ragged rows keep their number) and ``lines[i]`` the file line it starts on.
    """

    columns: dict[str, list[str]]
    numbers: list[int]
    lines: list[int]

    def __len__(self) -> int:
        return len(self.lines)


class CsvSyntaxError(ValueError):
    """A CSV file the ``csv`` module cannot parse; ``line`` is where it stopped."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


FAST_READ_BYTES = 1_000_000
#: The longest cell casekit reads: the csv module's default limit, set explicitly while
#: casekit reads (another library, frictionless for one, may raise the process-wide limit).
FIELD_LIMIT = 131_072
QUOTED_CELL = re.compile(r'"(?:[^"]|"")*"')


def _read_large_csv(text: str) -> tuple[list[str], dict[str, list[str]], list[int]] | None:
    """Read a large, well-formed CSV with pandas' C parser; ``None`` if not sure it is.

    pandas silently pads short rows and renames repeated headers, so it is used only
    when every non-blank line holds exactly one record with as many cells as the
    header; anything else goes to the exact, slower reader.
    """
    import pandas as pd

    physical = text.splitlines()
    if max(map(len, physical), default=0) > FIELD_LIMIT:
        return None  # a cell may be too large: the exact reader says so, as for small files
    numbered = [(n, line) for n, line in enumerate(physical, start=1) if line]
    header = next(csv.reader([numbered[0][1]]))
    commas = len(header) - 1
    if len(set(header)) != len(header) or any(
        (line.count(",") if '"' not in line else QUOTED_CELL.sub("", line).count(",")) != commas
        for _, line in numbered
    ):
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, index_col=False
        )
    except (ValueError, pd.errors.ParserError):
        return None
    if len(frame) != len(numbered) - 1 or list(frame.columns) != header:
        return None  # a quoted cell spans lines, or pandas read something else
    columns = {name: frame[name].tolist() for name in header}
    return header, columns, [n for n, _ in numbered[1:]]


def _parse_csv(text: str) -> tuple[list[list[str]], list[int]]:
    """Split CSV text into non-blank records and the file line each record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous = csv.field_size_limit(FIELD_LIMIT)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise CsvSyntaxError(str(exc), reader.line_num) from None
    finally:
        csv.field_size_limit(previous)
    line_count = text.count("\n") + (not text.endswith("\n"))
    if len(records) == line_count:  # no cell spans lines: record i is on line i + 1
        lines = [i + 1 for i, record in enumerate(records) if record]
        return [record for record in records if record], lines
    # Some quoted cell spans lines: read again, noting where each record starts.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines, start = [], [], 1
    for record in reader:
        if record:
            rows.append(record)
            lines.append(start)
        start = reader.line_num + 1
    return rows, lines


def _header_problems(table: TableSchema, header: list[str], problem) -> list[Problem]:
    """Repeated, missing and unknown column names."""
    problems = []
    seen = set()
    for name in header:
        if name in seen:
            problems.append(
                problem(
                    "duplicate-column",
                    f"column {name!r} appears twice",
                    "remove or rename one of them",
                    column=name,
                )
            )
        seen.add(name)
    for name in table.field_names:
        if name not in seen:
            problems.append(
                problem(
                    "missing-column",
                    f"column {name!r} is missing",
                    f"add the column to the header{did_you_mean(name, header)}",
                    column=name,
                )
            )
    for name in header:
        if name not in table.field_names:
            problems.append(
                problem(
                    "extra-column",
                    f"column {name!r} is not in the schema",
                    "remove it or describe it in datapackage.json"
                    + did_you_mean(name, table.field_names),
                    column=name,
                )
            )
    return problems


Reporter = Callable[..., Problem]


def _decode(data: bytes, table: TableSchema, problem: Reporter) -> tuple[str | None, list[Problem]]:
    """Decode a file's bytes; return the text or the problems that stop reading it."""
    header = ",".join(table.field_names)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            problem(
                "encoding",
                f"file is not UTF-8: byte {data[exc.start]:#04x} at line {line}",
                "re-save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
                line=line,
            )
        ]
    if not text.strip():  # nothing, blank lines, or only the byte-order mark a spreadsheet writes
        return None, [
            problem(
                "empty-file",
                f"file {table.path} is empty",
                f"it needs at least the header row: {header}",
            )
        ]
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        return None, [
            problem(
                "nul-byte",
                f"the file holds a NUL byte at line {line}",
                "it is not a plain-text CSV (a binary or UTF-16 file?): re-save it as CSV UTF-8",
                line=line,
            )
        ]
    return text, []


def _syntax_problem(exc: CsvSyntaxError, problem: Reporter) -> Problem:
    if "field larger than field limit" in str(exc):
        limit = FIELD_LIMIT
        return problem(
            "field-too-large",
            f"a cell at line {exc.line} is longer than {limit:,} characters, "
            "the most the CSV reader takes",
            "keep long texts out of the table (a separate file, named in a cell) or split "
            "them; if the cell should be short, a double quote may be opened and never closed "
            "before it",
            line=exc.line,
        )
    return problem(
        "csv-syntax",
        f"CSV syntax error near line {exc.line}: {exc}",
        "check the quotes on that line (a quote opened but never closed?)",
        line=exc.line,
    )


def _split_rows(
    header: list[str], body: list[list[str]], body_lines: list[int], problem: Reporter
) -> tuple[RawTable, list[Problem]]:
    """Keep the rows as long as the header; report the others."""
    problems = []
    good, good_numbers, good_lines = [], [], []
    for number, (record, line) in enumerate(zip(body, body_lines), start=1):
        if len(record) == len(header):
            good.append(record)
            good_numbers.append(number)
            good_lines.append(line)
        else:
            problems.append(
                problem(
                    "row-length",
                    f"row has {len(record)} cells but the header has {len(header)}",
                    "a comma inside a value needs the value in double quotes",
                    row=number,
                    line=line,
                )
            )
    columns = {
        name: list(map(operator.itemgetter(header.index(name)), good))
        for name in dict.fromkeys(header)
    }
    return RawTable(columns=columns, numbers=good_numbers, lines=good_lines), problems


def read_raw_table(root: Path, table: TableSchema) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV as strings and check its structure (file, encoding, header, row length).

    The path must have passed the descriptor's checks (it stays inside ``root``); a path
    that is not a regular file is reported missing and never opened.

    Returns the table (``None`` if it cannot be read at all) and the problems found.
    """
    path = root / table.path

    def problem(rule: str, message: str, hint: str, row=None, column=None, line=None):
        return Problem(
            table=table.name,
            row=row,
            column=column,
            rule=rule,
            message=message,
            hint=hint,
            path=str(path),
            line=line,
        )

    if not path.is_file():
        return None, [
            problem(
                "missing-file",
                f"file {table.path} is missing",
                f"create {table.path} with the header: {','.join(table.field_names)}",
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [
            problem(
                "unreadable", f"cannot read {table.path}: {exc.strerror}", "check its permissions"
            )
        ]
    text, trouble = _decode(data, table, problem)
    if text is None:
        return None, trouble
    large = _read_large_csv(text) if len(data) > FAST_READ_BYTES else None
    if large is not None:
        header, columns, lines = large
        problems = _header_problems(table, header, problem)
        numbers = list(range(1, len(lines) + 1))
        return RawTable(columns=columns, numbers=numbers, lines=lines), problems
    try:
        rows, lines = _parse_csv(text)
    except CsvSyntaxError as exc:
        return None, [_syntax_problem(exc, problem)]
    problems = _header_problems(table, rows[0], problem)
    raw, ragged = _split_rows(rows[0], rows[1:], lines[1:], problem)
    return raw, problems + ragged
