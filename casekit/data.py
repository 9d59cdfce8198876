"""Load a case (the built-in Almaty meeting data or a researcher's own) as typed DataFrames."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from casekit.problems import ValidationError
from casekit.schema import Field, PackageSchema, TableSchema, read_package
from casekit.validate import RawTable, check_package

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_root() -> Path:
    """Return the folder of the data that ships with casekit.

    An installed wheel carries the data inside the package (``casekit/_data``); a source
    checkout or an editable install reads the repository's ``data/`` folder.
    """
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "datapackage.json").is_file():
        return bundled
    return _PACKAGE_DIR.parent / "data"


CASES_FOLDER = "cases"


def resolve_root(source: str | Path | None) -> Path:
    """Return the data folder for ``source`` (``None`` means the built-in data).

    A path to a ``datapackage.json`` file is accepted as well as its folder, and so is the
    name of a case that ships with casekit (a folder of ``data/cases/``, e.g.
    ``"astana-summit-2025"``) or of a dataset that ships beside the built-in data (a
    folder of ``data/``, e.g. ``"c5x"``, the C5+X formats) when no file or folder of that
    name exists.
    """
    if source is None:
        return builtin_root()
    path = Path(source).expanduser()
    if isinstance(source, str) and not path.exists():
        for bundled in (builtin_root() / CASES_FOLDER / source, builtin_root() / source):
            if path.name == source and (bundled / "datapackage.json").is_file():
                return bundled
    return path.parent if path.name == "datapackage.json" else path


class Case:
    """A case study: its tables as pandas DataFrames, plus the schema describing them.

    Tables are attributes (``case.meetings``) and items (``case["meetings"]``).
    ``case.table_names`` lists them in schema order. Each DataFrame has real dtypes:
    dates are ``datetime64``, enumerated columns are categoricals (ordered where the
    schema says so), whole numbers are nullable ``Int64``, booleans nullable ``boolean``
    and text is ``string``.
    """

    def __init__(self, schema: PackageSchema, tables: dict[str, pd.DataFrame]):
        self.schema = schema
        self._tables = tables

    @property
    def root(self) -> Path:
        """The folder the case was loaded from."""
        return self.schema.root

    @property
    def name(self) -> str:
        """The data package's name."""
        return self.schema.name

    @property
    def table_names(self) -> tuple[str, ...]:
        """The names of the tables, in schema order."""
        return tuple(self._tables)

    def table(self, name: str) -> pd.DataFrame:
        """Return table ``name``; a ``KeyError`` lists the tables if there is none."""
        try:
            return self._tables[name]
        except KeyError:
            raise KeyError(
                f"no table {name!r}; the tables are: {', '.join(self._tables)}"
            ) from None

    __getitem__ = table

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(
            f"{type(self).__name__} has no attribute {name!r}; tables: {', '.join(tables)}"
        )

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._tables))

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def summary(self) -> pd.DataFrame:
        """Return one row per table: name, title, number of rows and columns, description."""
        rows = [
            {
                "table": name,
                "title": self.schema.tables[name].title,
                "rows": len(frame),
                "columns": frame.shape[1],
                "description": self.schema.tables[name].description,
            }
            for name, frame in self._tables.items()
        ]
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name} ({len(frame)})" for name, frame in self._tables.items())
        return f"<Case {self.name!r} v{self.schema.version}: {sizes}>"


@functools.lru_cache(maxsize=256)
def _category_dtype(categories: tuple[str, ...], ordered: bool) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(categories), ordered=ordered)


def _categorical(values: list[str], spec: Field) -> pd.Categorical:
    """Build a categorical from codes: much cheaper than inferring it from the values."""
    dtype = _category_dtype(spec.enum, spec.ordered)
    codes = dtype.categories.get_indexer(np.asarray(values, dtype=object))  # "" -> -1
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
        casekit. ``"c5x"`` loads the C5+X dataset that ships with it: every meeting of
        Central Asia's formats with 14 outside partners (``formats``,
        ``format_meetings``, ``format_meeting_sources``, ``format_checks``, ``sources``).
        Nothing is downloaded and nothing is written.

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
    >>> c5x = casekit.load("c5x")
    >>> int((c5x.format_meetings.format_id == "c5-eu").sum())
    18
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
