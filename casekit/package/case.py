"""A case study held in memory: its tables as typed DataFrames plus the schema describing them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from casekit.package.schema import PackageSchema


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
