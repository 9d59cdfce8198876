"""Load a case (the built-in Almaty meeting data or a researcher's own) as typed DataFrames."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from casekit.package.case import Case
from casekit.package.csvtext import RawTable
from casekit.package.problems import ValidationError
from casekit.package.schema import Field, TableSchema, read_package
from casekit.package.validate import check_package
from casekit.resources import resolve_root


@functools.lru_cache(maxsize=256)
def _category_dtype(categories: tuple[str, ...], ordered: bool) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(categories), ordered=ordered)


def _categorical(values: list[str], spec: Field) -> pd.Categorical:
    """Build a categorical from codes: much cheaper than inferring it from the values."""
    dtype = _category_dtype(spec.enum, spec.ordered)
    cells = np.asarray(values, dtype=object)
    codes = dtype.categories.get_indexer(cells)  # type: ignore[arg-type]  # "" -> -1
    return pd.Categorical.from_codes(codes, dtype=dtype)


def _typed_column(values: list[str], spec: Field) -> pd.api.extensions.ExtensionArray:
    """Convert checked text cells to the column's dtype with one pandas call."""
    if spec.enum is not None and spec.type == "string":
        return _categorical(values, spec)
    cells = [v or None for v in values]
    if spec.type == "integer":
        return pd.array([None if c is None else int(c) for c in cells], dtype="Int64")
    if spec.type == "number":
        return pd.array([None if c is None else float(c) for c in cells], dtype="Float64")
    if spec.type == "boolean":
        truth = dict.fromkeys(spec.true_values, True) | dict.fromkeys(spec.false_values, False)
        return pd.array([None if c is None else truth[c] for c in cells], dtype="boolean")
    if spec.type == "date":
        return pd.to_datetime(pd.Series(cells, dtype=object), format="%Y-%m-%d").array
    return pd.array(cells, dtype="string")


def typed_frame(table: TableSchema, raw: RawTable) -> pd.DataFrame:
    """Convert a checked text table to a DataFrame with the schema's dtypes and column order."""
    return pd.DataFrame(
        {spec.name: _typed_column(raw.columns[spec.name], spec) for spec in table.fields},
        index=pd.RangeIndex(len(raw)),
    )


def load(path: str | Path | None = None) -> Case:
    """Load a case: every table as a typed pandas DataFrame.

    Parameters
    ----------
    path : str or Path, optional
        A folder holding ``datapackage.json`` and the CSV files it names (or the
        ``datapackage.json`` itself). By default, the 6th Central Asia–China Foreign
        Ministers' Meeting (Almaty, 26 April 2025) and its context, as shipped with
        casekit. Nothing is downloaded and nothing is written.

    Returns
    -------
    Case
        The tables as attributes, e.g. ``case.meetings``, ``case.participants``.

    Raises
    ------
    ValidationError
        If the data does not match its schema. ``error.problems`` lists every problem
        (table, row, column, rule, message, hint); nothing is loaded half-way.

    Examples
    --------
    >>> import casekit
    >>> case = casekit.load()
    >>> case.meetings.loc[case.meetings.meeting_id == "fmm-06", "city"].item()
    'Almaty'
    """
    schema = read_package(resolve_root(path))
    raws, problems = check_package(schema)
    if problems:
        raise ValidationError(problems)
    tables = {name: typed_frame(table, raws[name]) for name, table in schema.tables.items()}
    return Case(schema, tables)


def tables(path: str | Path | None = None) -> pd.DataFrame:
    """List the tables of a case: name, title, rows, columns and description.

    Parameters
    ----------
    path : str or Path, optional
        A case folder; by default the data that ships with casekit.

    Returns
    -------
    pandas.DataFrame
        One row per table, in schema order.
    """
    return load(path).summary()
