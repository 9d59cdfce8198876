"""Join several cases into one, so that tables and charts compare them side by side.

:func:`combine` stacks each table of the cases and adds a ``case`` column naming where
each row comes from. Ids are made unique by prefixing them with the case name
(``astana-summit-2025:evt-001``), in the key column and in every column that refers to
it, so joins within the combined case stay correct. Shared vocabularies (``areas``,
``countries``, ``sources``) are not prefixed: their rows are merged, once each.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from casekit.package.case import Case
from casekit.package.load import load
from casekit.package.problems import Problem, ValidationError
from casekit.package.schema import Field, ForeignKey, PackageSchema, TableSchema
from casekit.resources import builtin_case_names, cases_root

#: Tables that every case shares: merged (one row per key), never prefixed.
#: ``lexicon`` counts only if the schema declares it as a table.
SHARED_TABLES: tuple[str, ...] = ("sources", "countries", "areas", "lexicon")
#: Columns that hold an id of another table named in a sibling column.
POLYMORPHIC_IDS: dict[str, str] = {"related_id": "related_table"}
#: Columns ignored when deciding whether two rows of a shared table are the same.
IGNORED_IN_CONFLICTS: tuple[str, ...] = ("notes",)
SEPARATOR = ":"


class CombinedCase(Case):
    """A case made of several cases; every non-shared table has a ``case`` column.

    Attributes
    ----------
    parts : dict of str to Path
        Each case's label and the folder it was loaded from.
    """

    def __init__(
        self, schema: PackageSchema, tables: dict[str, pd.DataFrame], parts: dict[str, Path]
    ):
        super().__init__(schema, tables)
        self.parts = parts

    def __repr__(self) -> str:
        return f"<CombinedCase of {', '.join(self.parts)}: {len(self)} tables>"


def builtin_cases() -> list[str]:
    """Return the names of the extra cases that ship with casekit (``data/cases/``).

    Returns
    -------
    list of str
        Folder names, e.g. ``['astana-summit-2025']``; each loads with
        ``casekit.load(name)``.
    """
    return builtin_case_names()


def case_path(name: str) -> Path:
    """Return the folder of a case that ships with casekit.

    Parameters
    ----------
    name : str
        A name from :func:`builtin_cases`, e.g. ``"astana-summit-2025"``.

    Returns
    -------
    pathlib.Path
        The case folder.

    Raises
    ------
    KeyError
        If no such case ships with casekit; the message lists those that do.
    """
    folder = cases_root() / name
    if not (folder / "datapackage.json").is_file():
        known = ", ".join(builtin_cases()) or "none"
        raise KeyError(
            f"no built-in case {name!r}; the built-in cases are: {known} "
            "(for your own case, give its folder)"
        )
    return folder


def _as_case(item: object) -> Case:
    if isinstance(item, Case):
        return item
    if isinstance(item, (str, os.PathLike)):
        path = Path(item).expanduser()
        if not path.exists() and isinstance(item, str) and item in builtin_cases():
            path = case_path(item)
        return load(path)
    raise TypeError(f"combine() takes loaded cases or case folders, got {type(item).__name__}")


def _labels(cases: Sequence[Case], names: Sequence[str] | None) -> list[str]:
    labels = [str(n) for n in names] if names is not None else [c.name for c in cases]
    if len(labels) != len(cases):
        raise ValueError(f"names= has {len(labels)} labels for {len(cases)} cases")
    repeated = sorted({x for x in labels if labels.count(x) > 1})
    if repeated:
        raise ValueError(
            f"two cases are both called {repeated[0]!r}; give each a label with names=[...]"
        )
    bad = [x for x in labels if not x or SEPARATOR in x]
    if bad:
        raise ValueError(f"case label {bad[0]!r} must be non-empty and hold no {SEPARATOR!r}")
    return labels


def _id_columns(table: TableSchema, shared: Iterable[str]) -> list[str]:
    """Columns of ``table`` whose values are ids of a case's own (non-shared) tables."""
    shared = set(shared)
    columns = [c for c in table.primary_key if table.name not in shared]
    for fk in table.foreign_keys:
        if fk.resource not in shared:
            columns += list(fk.fields)
    columns += [c for c in POLYMORPHIC_IDS if c in table.field_names]
    return list(dict.fromkeys(columns))


def _prefixed(series: pd.Series, label: str) -> pd.Series:
    text = series.astype("string")
    return (label + SEPARATOR + text).astype("string")


def _harmonise(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Give each column one dtype across frames (categories merged in order)."""
    columns = list(dict.fromkeys(c for f in frames for c in f.columns))
    out = [f.copy(deep=False) for f in frames]
    for column in columns:
        present = [f[column] for f in out if column in f.columns]
        kinds = {str(s.dtype) for s in present}
        if all(isinstance(s.dtype, pd.CategoricalDtype) for s in present):
            categories = list(dict.fromkeys(c for s in present for c in s.cat.categories))
            dtype = pd.CategoricalDtype(categories, ordered=all(s.cat.ordered for s in present))
            for f in out:
                if column in f.columns:
                    f[column] = f[column].astype(dtype)
        elif len(kinds) > 1 and any(
            isinstance(s.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(s)
            for s in present
        ):
            for f in out:
                if column in f.columns:
                    f[column] = f[column].astype("string")
    return out


def _merge_shared(
    name: str, frames: list[tuple[str, pd.DataFrame]], key: tuple[str, ...]
) -> pd.DataFrame:
    """Stack a shared table's rows, one per key; raise if two cases disagree on one."""
    stacked = pd.concat(_harmonise([f for _, f in frames]), ignore_index=True)
    if not key or not all(k in stacked.columns for k in key):
        return stacked.drop_duplicates(ignore_index=True)
    origin = [label for label, f in frames for _ in range(len(f))]
    compared = [c for c in stacked.columns if c not in IGNORED_IN_CONFLICTS]
    rows = list(stacked[compared].astype("string").fillna("").itertuples(index=False, name=None))
    positions = [compared.index(k) for k in key]
    first: dict[tuple, int] = {}
    keep, problems = [], []
    for i, row in enumerate(rows):
        values = tuple(row[p] for p in positions)
        if values not in first:
            first[values] = i
            keep.append(i)
            continue
        j = first[values]
        if row == rows[j]:
            continue
        differ = [c for c, a, b in zip(compared, row, rows[j]) if a != b]
        shown = values[0] if len(values) == 1 else values
        problems.append(
            Problem(
                table=name,
                row=None,
                column=", ".join(differ),
                rule="conflict",
                message=f"{shown!r} differs between case {origin[j]!r} and case "
                f"{origin[i]!r} in {', '.join(differ)}",
                hint=f"{name} is shared by every case: make the two rows identical, or "
                "give one of them a new id",
            )
        )
    if problems:
        raise ValidationError(problems)
    return stacked.iloc[keep].reset_index(drop=True)


def _combined_table(
    table: TableSchema, labels: list[str], ids: list[str], prefix_ids: bool, shared: Iterable[str]
) -> TableSchema:
    shared = set(shared)
    case_field = Field(
        name="case",
        title="Case",
        required=True,
        enum=tuple(labels),
        description="The case (data package) the row comes from.",
    )
    fields = [case_field]
    for spec in table.fields:
        if spec.name in ids:
            spec = replace(spec, enum=None, ordered=False, pattern=None)
        fields.append(spec)
    key, fks = table.primary_key, list(table.foreign_keys)
    if not prefix_ids:
        key = ("case", *key) if key else key
        fks = [
            ForeignKey(("case", *fk.fields), fk.resource, ("case", *fk.reference_fields))
            if fk.resource not in shared
            else fk
            for fk in fks
        ]
    return replace(table, fields=tuple(fields), primary_key=key, foreign_keys=tuple(fks))


def combine(
    cases: Sequence[Case | str | os.PathLike[str]],
    *,
    names: Sequence[str] | None = None,
    prefix_ids: bool = True,
    shared: Sequence[str] = SHARED_TABLES,
) -> CombinedCase:
    """Join cases into one: tables stacked, a ``case`` column, no id collisions.

    Parameters
    ----------
    cases : sequence of Case, str or PathLike
        Loaded cases (``casekit.load(...)``), case folders, or names of cases that ship
        with casekit (see :func:`builtin_cases`).
    names : sequence of str, optional
        A short label per case for the ``case`` column and the id prefix (default: each
        package's name). Labels must differ and hold no ``:``.
    prefix_ids : bool
        If ``True`` (default), ids of a case's own tables become ``<label>:<id>`` in the
        key column and in every column that refers to it, so a plain
        ``merge(on="meeting_id")`` never pairs rows of different cases. If ``False``,
        ids are kept and the keys become (``case``, id).
    shared : sequence of str
        Tables every case shares (default ``sources``, ``countries``, ``areas`` and, if
        declared, ``lexicon``): their
        rows are merged once each, without a ``case`` column.

    Returns
    -------
    CombinedCase
        A :class:`casekit.Case` with the same tables; ``combined.parts`` maps each label
        to its folder.

    Raises
    ------
    ValueError
        If no case is given, or the labels repeat or contain ``:``.
    ValidationError
        If a case folder is broken (every problem listed), or two cases hold different
        rows under one id of a shared table (rule ``conflict``; ``notes`` may differ).

    Examples
    --------
    >>> import casekit
    >>> both = combine([casekit.load(), "astana-summit-2025"],
    ...                names=["almaty", "astana"])  # doctest: +SKIP
    >>> both.meetings.groupby("case", observed=True).size()  # doctest: +SKIP
    """
    loaded = [_as_case(c) for c in cases]
    if not loaded:
        raise ValueError("combine() needs at least one case")
    labels = _labels(loaded, names)
    table_names = list(dict.fromkeys(t for c in loaded for t in c.table_names))
    tables: dict[str, pd.DataFrame] = {}
    schemas: dict[str, TableSchema] = {}
    for name in table_names:
        parts = [(label, case) for label, case in zip(labels, loaded) if name in case]
        first = parts[0][1].schema.tables[name]
        if name in shared:
            labelled = [(label, case.table(name)) for label, case in parts]
            tables[name] = _merge_shared(name, labelled, first.primary_key)
            schemas[name] = first
            continue
        ids = _id_columns(first, shared)
        frames = []
        for label, case in parts:
            frame = case.table(name).copy()
            if prefix_ids:
                for column in ids:
                    if column in frame.columns:
                        frame[column] = _prefixed(frame[column], label)
            frame.insert(0, "case", label)
            frames.append(frame)
        stacked = pd.concat(_harmonise(frames), ignore_index=True)
        stacked["case"] = pd.Categorical(stacked["case"], categories=labels, ordered=True)
        tables[name] = stacked
        schemas[name] = _combined_table(first, labels, ids, prefix_ids, shared)
    base = loaded[0].schema
    where = ", ".join(f"{label}: {c.root}" for label, c in zip(labels, loaded))
    schema = PackageSchema(
        # Not a folder: validate() on a combined case names the parts to check instead.
        root=Path(f"<combined case: validate each part on its own ({where})>"),
        name="+".join(labels),
        title="Combined: " + "; ".join(c.schema.title for c in loaded),
        version=base.version,
        description="Cases combined with casekit.combine(): " + ", ".join(labels),
        licenses=base.licenses,
        tables=schemas,
        raw={},
    )
    return CombinedCase(schema, tables, {label: c.root for label, c in zip(labels, loaded)})
