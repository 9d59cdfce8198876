"""Check a data package's CSV files against its ``datapackage.json``, reporting every problem.

Reading and checking use only the standard library (``csv``, ``re``, ``datetime``), so no
malformed file can surface as a raw pandas traceback, and small tables are checked without
pandas' per-call overhead; one pass per rule keeps a 100,000-row table well under a second.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from casekit.problems import Problem, Report, ValidationError
from casekit.schema import Field, PackageSchema, TableSchema, read_package

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER_RE = re.compile(r"[+-]?\d+")


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


def _closest(value: str, choices, n: int = 1) -> str:
    """Return a ``did you mean ...?`` suffix, or an empty string."""
    matches = difflib.get_close_matches(value, [str(c) for c in choices], n=n, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def _allowed(values, limit: int = 12) -> str:
    values = list(values)
    shown = ", ".join(values[:limit])
    return shown + (f", ... ({len(values)} values)" if len(values) > limit else "")


class CsvSyntaxError(ValueError):
    """A CSV file the ``csv`` module cannot parse; ``line`` is where it stopped."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


FAST_READ_BYTES = 1_000_000
QUOTED_CELL = re.compile(r'"(?:[^"]|"")*"')


def _read_large_csv(text: str) -> tuple[list[str], dict[str, list[str]], list[int]] | None:
    """Read a large, well-formed CSV with pandas' C parser; ``None`` if not sure it is.

    pandas silently pads short rows and renames repeated headers, so it is used only
    when every non-blank line holds exactly one record with as many cells as the
    header; anything else goes to the exact, slower reader.
    """
    import pandas as pd

    physical = text.splitlines()
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
    try:
        records = list(reader)
    except csv.Error as exc:
        raise CsvSyntaxError(str(exc), reader.line_num) from None
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
                    f"add the column to the header{_closest(name, header)}",
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
                    + _closest(name, table.field_names),
                    column=name,
                )
            )
    return problems


def read_raw_table(root: Path, table: TableSchema) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV as strings and check its structure (file, encoding, header, row length).

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
    data = path.read_bytes()
    if not data.strip():
        return None, [
            problem(
                "empty-file",
                f"file {table.path} is empty",
                f"it needs at least the header row: {','.join(table.field_names)}",
            )
        ]
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
    large = _read_large_csv(text) if len(data) > FAST_READ_BYTES else None
    if large is not None:
        header, columns, lines = large
        problems = _header_problems(table, header, problem)
        numbers = list(range(1, len(lines) + 1))
        return RawTable(columns=columns, numbers=numbers, lines=lines), problems
    try:
        rows, lines = _parse_csv(text)
    except CsvSyntaxError as exc:
        return None, [
            problem(
                "csv-syntax",
                f"CSV syntax error near line {exc.line}: {exc}",
                "check the quotes on that line (a quote opened but never closed?)",
                line=exc.line,
            )
        ]
    header, body, body_lines = rows[0], rows[1:], lines[1:]
    problems = _header_problems(table, header, problem)
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


def _cell_problems(table: TableSchema, raw: RawTable, path: Path) -> list[Problem]:
    problems = []
    for spec in table.fields:
        if spec.name in raw.columns:
            problems += _field_problems(table, spec, raw, path)
    return problems


def _is_integer(value: str) -> bool:
    return INTEGER_RE.fullmatch(value) is not None


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _is_date(value: str) -> bool:
    if DATE_RE.fullmatch(value) is None:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


TYPE_CHECKS = {"integer": _is_integer, "number": _is_number, "date": _is_date}
TYPE_HINTS = {
    "integer": (
        "is not a whole number",
        "write digits only, e.g. 2025 (no spaces, decimals or thousands separators)",
    ),
    "number": ("is not a number", "use a dot for decimals, e.g. 3.5"),
    "date": (
        "is not a date",
        "write an ISO date YYYY-MM-DD (the first of the month or year "
        "if only that is known, with date_precision saying so)",
    ),
}


def _is_boolean(spec: Field) -> Callable[[str], bool]:
    allowed = set(spec.true_values + spec.false_values)
    return allowed.__contains__


def _field_problems(table: TableSchema, spec: Field, raw: RawTable, path: Path) -> list[Problem]:
    """Check every cell of one column.

    Each rule is applied to the column's distinct values (a set, built in C), and rows
    are looked up only for the values that break it, so a valid column of 100,000 rows
    costs little more than building its set.
    """
    values = raw.columns[spec.name]
    distinct = set(values)
    distinct.discard("")
    problems = []

    def add(bad_values: set[str], rule: str, message, hint) -> None:
        if not bad_values:
            return
        for i, value in enumerate(values):
            if value in bad_values:
                problems.append(
                    Problem(
                        table=table.name,
                        row=raw.numbers[i],
                        line=raw.lines[i],
                        column=spec.name,
                        rule=rule,
                        message=message(value),
                        hint=hint(value),
                        path=str(path),
                    )
                )

    if (spec.required or spec.name in table.primary_key) and "" in values:
        add(
            {""},
            "required",
            lambda v: "the value is empty",
            lambda v: "this column needs a value in every row",
        )
    check = _is_boolean(spec) if spec.type == "boolean" else TYPE_CHECKS.get(spec.type)
    if check is not None:
        bad = {v for v in distinct if not check(v)}
        if spec.type == "boolean":
            what = "is not a boolean"
            hint = f"write {spec.true_values[0]} or {spec.false_values[0]}"
        else:
            what, hint = TYPE_HINTS[spec.type]
        add(bad, "type", lambda v: f"{v!r} {what}", lambda v: hint)
        distinct -= bad
    if spec.enum is not None:
        add(
            distinct - set(spec.enum),
            "allowed-values",
            lambda v: f"{v!r} is not an allowed value",
            lambda v: f"allowed: {_allowed(spec.enum)}{_closest(v, spec.enum)}",
        )
    if spec.pattern:
        pattern = re.compile(spec.pattern)
        add(
            {v for v in distinct if pattern.fullmatch(v) is None},
            "pattern",
            lambda v: f"{v!r} does not match the pattern {spec.pattern}",
            lambda v: "see the column's description in the codebook for the expected form",
        )
    if spec.type in ("integer", "number") and (
        spec.minimum is not None or spec.maximum is not None
    ):
        low = float("-inf") if spec.minimum is None else spec.minimum
        high = float("inf") if spec.maximum is None else spec.maximum
        add(
            {v for v in distinct if not low <= float(v) <= high},
            "range",
            lambda v: f"{v} is out of range",
            lambda v: f"allowed range: {spec.minimum} to {spec.maximum}",
        )
    filled = len(values) - values.count("")
    if spec.unique and table.primary_key != (spec.name,) and len(distinct) < filled:
        seen: set[str] = set()  # a key reports its own duplicates, so keys are skipped here
        for i, value in enumerate(values):
            if value and value in seen:
                problems.append(
                    Problem(
                        table=table.name,
                        row=raw.numbers[i],
                        line=raw.lines[i],
                        column=spec.name,
                        rule="unique",
                        message=f"{value!r} appears more than once",
                        hint="each value must be unique",
                        path=str(path),
                    )
                )
            seen.add(value)
    return problems


def _key_problems(table: TableSchema, raw: RawTable, path: Path) -> list[Problem]:
    key = table.primary_key
    if not key or not all(c in raw.columns for c in key):
        return []
    first_row: dict[tuple[str, ...], int] = {}
    problems = []
    rows = list(zip(*(raw.columns[c] for c in key)))
    if len(set(rows)) == len(rows):
        return []
    for i, values in enumerate(rows):
        if not all(values):
            continue
        if values in first_row:
            shown = values[0] if len(values) == 1 else values
            problems.append(
                Problem(
                    table=table.name,
                    row=raw.numbers[i],
                    line=raw.lines[i],
                    column=",".join(key),
                    rule="duplicate-key",
                    message=f"key {shown!r} already used in row {first_row[values]}",
                    hint="ids are never reused: give this row a new id",
                    path=str(path),
                )
            )
        else:
            first_row[values] = raw.numbers[i]
    return problems


def _foreign_key_problems(schema: PackageSchema, raws: dict[str, RawTable]) -> list[Problem]:
    problems = []
    for table in schema.tables.values():
        raw = raws.get(table.name)
        if raw is None:
            continue
        for fk in table.foreign_keys:
            parent = raws.get(fk.resource)
            if (
                parent is None
                or not all(c in raw.columns for c in fk.fields)
                or not all(c in parent.columns for c in fk.reference_fields)
            ):
                continue
            keys = set(zip(*(parent.columns[c] for c in fk.reference_fields)))
            values_in_rows = list(zip(*(raw.columns[c] for c in fk.fields)))
            if set(values_in_rows) <= keys | {("",) * len(fk.fields)}:
                continue  # the common case: every reference resolves
            choices = sorted(k[0] for k in keys) if len(fk.fields) == 1 else []
            for i, values in enumerate(values_in_rows):
                if not all(values) or values in keys:
                    continue
                value = values[0] if len(values) == 1 else values
                problems.append(
                    Problem(
                        table=table.name,
                        row=raw.numbers[i],
                        line=raw.lines[i],
                        column=",".join(fk.fields),
                        rule="foreign-key",
                        message=f"{value!r} is not a {','.join(fk.reference_fields)} "
                        f"in table {fk.resource!r}",
                        hint=f"use an existing {fk.resource} id or add that row first"
                        f"{_closest(str(value), choices)}",
                        path=str(schema.root / table.path),
                    )
                )
    return problems


def check_package(schema: PackageSchema) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read and check every table of ``schema``; return the text tables and all problems."""
    raws: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for table in schema.tables.values():
        raw, found = read_raw_table(schema.root, table)
        problems += found
        if raw is None:
            continue
        path = schema.root / table.path
        problems += _cell_problems(table, raw, path)
        problems += _key_problems(table, raw, path)
        raws[table.name] = raw
    problems += _foreign_key_problems(schema, raws)
    return raws, problems


def validate(source=None) -> Report:
    """Check a data package and report every problem at once.

    Parameters
    ----------
    source : str, Path, Case or None
        A folder holding ``datapackage.json`` and its CSV files, the name of a case that
        ships with casekit, a loaded :class:`casekit.Case` (its folder, or for a combined
        case each part's folder, is checked again), or ``None`` for the built-in data.

    Returns
    -------
    Report
        ``report.ok`` is ``True`` when nothing is wrong; otherwise ``report.problems``
        lists each problem with table, row, column, rule, message and hint, and
        ``report.to_frame()`` gives them as a DataFrame.

    Examples
    --------
    >>> import casekit
    >>> casekit.validate().ok
    True
    """
    from casekit.data import Case, resolve_root

    parts = getattr(source, "parts", None)
    if isinstance(source, Case) and parts:  # a combined case: check every part
        reports = [validate(part) for part in parts.values()]
        return Report(", ".join(r.path for r in reports), [p for r in reports for p in r.problems])
    root = source.root if isinstance(source, Case) else resolve_root(source)
    try:
        schema = read_package(root)
    except ValidationError as exc:
        return Report(str(root), exc.problems)
    return Report(str(root), check_package(schema)[1])
