"""The catalogue of rules a data package is checked against, and the hints they give.

Every :class:`~casekit.package.problems.Problem` names one rule of :data:`RULES`; a
test keeps the catalogue and the code that reports problems in step.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable

#: Every rule a problem can name, and what it checks.
RULES: dict[str, str] = {
    "descriptor": "datapackage.json exists, is valid JSON and describes every table "
    "(names are texts, constraints objects, patterns valid, bounds numbers, keys existing "
    "columns and tables); it is checked before any table is read",
    "resource-path": "a table's path is relative, stays inside the case folder after "
    "symlinks and names a local regular file; anything else is never read or fetched",
    "missing-file": "the file a table names exists",
    "empty-file": "a file holds at least a header row (and a lexicon at least one term)",
    "encoding": "a file is UTF-8",
    "csv-syntax": "a file is valid CSV (every quote closed)",
    "field-too-large": "no cell is longer than the CSV reader's limit (131,072 characters)",
    "nul-byte": "a file holds no NUL bytes (a sign of a binary or UTF-16 file)",
    "unreadable": "a file can be read",
    "duplicate-column": "no column name appears twice in a header",
    "missing-column": "every column of the schema is in the header",
    "extra-column": "every column of the header is in the schema",
    "row-length": "every row has as many cells as the header",
    "required": "a required column has a value in every row",
    "type": "a value has the column's type (whole number, number, date, boolean)",
    "allowed-values": "a value is one the schema allows for the column",
    "pattern": "a value has the form the column's pattern describes",
    "range": "a number lies within the column's minimum and maximum",
    "unique": "a unique column repeats no value",
    "duplicate-key": "no two rows share a primary key",
    "foreign-key": "a reference names a row that exists in the table it refers to",
    "date-order": "a row's end date is not before its start date",
    "conflict": "cases combined into one agree on the rows of shared tables",
}

DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INTEGER_RE = re.compile(r"[+-]?[0-9]+")
#: A number as a CSV cell writes it: ASCII digits, a dot for decimals, an optional
#: exponent. Python's float() also takes "1_0", "NaN", "inf" and other scripts' digits,
#: which no spreadsheet or other reader would take for the same number.
NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
#: Pairs of date columns where the second may not come before the first.
DATE_ORDER: tuple[tuple[str, str], ...] = (("start_date", "end_date"),)


def did_you_mean(value: str, choices: Iterable[object]) -> str:
    """Return a ``; did you mean ...?`` suffix naming the closest choice, or ``""``.

    Parameters
    ----------
    value : str
        What the user wrote.
    choices : iterable
        What they may write.

    Returns
    -------
    str
        The hint suffix, empty when nothing is close.

    Examples
    --------
    >>> did_you_mean("meeting", ["meetings", "events"])
    "; did you mean 'meetings'?"
    """
    matches = difflib.get_close_matches(value, [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def allowed_list(values: Iterable[object], limit: int = 12) -> str:
    """Return the allowed values joined by commas, cut after ``limit`` of them.

    Parameters
    ----------
    values : iterable
        The allowed values, in order.
    limit : int
        How many to show before ``...``.

    Returns
    -------
    str
        E.g. ``"a, b, c"`` or ``"a, b, ... (40 values)"``.
    """
    shown = [str(v) for v in values]
    text = ", ".join(shown[:limit])
    return text + (f", ... ({len(shown)} values)" if len(shown) > limit else "")


def range_hint(minimum: float | None, maximum: float | None) -> str:
    """Return the hint for a number out of range, naming only the bounds that exist.

    Parameters
    ----------
    minimum, maximum : float or None
        The column's bounds (``None`` when open).

    Returns
    -------
    str
        The hint text.

    Examples
    --------
    >>> range_hint(1, 11)
    'allowed range: 1 to 11'
    >>> range_hint(1, None)
    'the value must be at least 1'
    >>> range_hint(None, 9)
    'the value must be at most 9'
    """
    if minimum is not None and maximum is not None:
        return f"allowed range: {_number(minimum)} to {_number(maximum)}"
    if minimum is not None:
        return f"the value must be at least {_number(minimum)}"
    if maximum is not None:
        return f"the value must be at most {_number(maximum)}"
    return "any number is allowed"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def is_integer(value: str) -> bool:
    """Return whether ``value`` is a whole number as a CSV cell writes it."""
    return INTEGER_RE.fullmatch(value) is not None


def is_number(value: str) -> bool:
    """Return whether ``value`` is a finite number written with ASCII digits and a dot.

    Examples
    --------
    >>> [is_number(v) for v in ("3.5", "-2", "1e3", "1_0", "NaN", "inf")]
    [True, True, True, False, False, False]
    """
    return NUMBER_RE.fullmatch(value) is not None


def is_date(value: str) -> bool:
    """Return whether ``value`` is an ISO date ``YYYY-MM-DD`` that exists."""
    if DATE_RE.fullmatch(value) is None:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


TYPE_CHECKS: dict[str, Callable[[str], bool]] = {
    "integer": is_integer,
    "number": is_number,
    "date": is_date,
}
TYPE_HINTS = {
    "integer": (
        "is not a whole number",
        "write digits only, e.g. 2025 (no spaces, decimals or thousands separators)",
    ),
    "number": (
        "is not a number",
        "use digits and a dot for decimals, e.g. 3.5 (no separators; leave the cell empty "
        "when the value is not known, never NaN)",
    ),
    "date": (
        "is not a date",
        "write an ISO date YYYY-MM-DD (the first of the month or year "
        "if only that is known, with date_precision saying so)",
    ),
}
