"""The allowed values of the data that ships with casekit, read from its schema.

Charts, the lexicon and the scaffold take vocabularies (cooperation areas, stances,
levels...) and their order from here, so ``data/datapackage.json`` stays the one place
they are written down.
"""

from __future__ import annotations

import csv
import functools

from casekit.package.schema import PackageSchema, read_package
from casekit.resources import data_root


@functools.lru_cache(maxsize=1)
def builtin_schema() -> PackageSchema:
    """Return the schema of the data that ships with casekit (read once per process).

    Returns
    -------
    PackageSchema
        The parsed ``datapackage.json``.
    """
    return read_package(data_root())


def builtin_values(table: str, column: str) -> tuple[str, ...]:
    """Return the allowed values of a column of the built-in data, in schema order.

    Parameters
    ----------
    table, column : str
        E.g. ``"areas"``, ``"area_id"``.

    Returns
    -------
    tuple of str
        The values; empty if the column allows any value.
    """
    return builtin_schema().table(table).field(column).enum or ()


@functools.lru_cache(maxsize=16)
def builtin_rows(table: str) -> tuple[dict[str, str], ...]:
    """Return the rows of a table of the built-in data as text, in file order.

    Only the standard library reads the file (no pandas), so charts and the lexicon can
    take a vocabulary table's labels and order without loading the whole case.

    Parameters
    ----------
    table : str
        A table of the built-in data, e.g. ``"areas"``.

    Returns
    -------
    tuple of dict
        One dictionary per row, column name to cell text.
    """
    path = data_root() / builtin_schema().table(table).path
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return tuple(csv.DictReader(handle))
