"""The codebook: what each column means, generated from ``datapackage.json``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from casekit.package.schema import Field, PackageSchema, read_package
from casekit.resources import resolve_root

CODEBOOK_FILE = "CODEBOOK.md"


def _allowed_values(spec: Field) -> str:
    if spec.enum is None:
        return ""
    joiner = " → " if spec.ordered else ", "
    return joiner.join(spec.enum)


def _labels(spec: Field) -> str:
    if not spec.labels:
        return ""
    return "; ".join(f"{value}: {spec.label(value)}" for value in spec.enum or ())


def _rules(spec: Field, key: tuple[str, ...], links: dict[str, str]) -> str:
    parts = []
    if spec.name in key:
        parts.append("primary key")
    if spec.required or spec.name in key:
        parts.append("required")
    if spec.unique:
        parts.append("unique")
    if spec.pattern:
        parts.append(f"pattern `{spec.pattern}`")
    if spec.minimum is not None or spec.maximum is not None:
        parts.append(
            f"range {spec.minimum if spec.minimum is not None else '…'}"
            f" to {spec.maximum if spec.maximum is not None else '…'}"
        )
    if spec.name in links:
        parts.append(f"refers to {links[spec.name]}")
    return "; ".join(parts)


def codebook(table: str, path: str | Path | None = None) -> pd.DataFrame:
    """Describe the columns of one table.

    Parameters
    ----------
    table : str
        A table name, e.g. ``"participants"``.
    path : str or Path, optional
        A case folder; by default the data that ships with casekit.

    Returns
    -------
    pandas.DataFrame
        One row per column: ``column``, ``type``, ``title``, ``description``,
        ``allowed_values`` (in schema order; joined by `` → `` where the order is
        meaningful, by commas otherwise), ``labels`` (each value's human label, as
        charts show it, ``value: label`` joined by ``; ``) and ``rules`` (keys,
        required, pattern, the table a foreign key refers to).

    Examples
    --------
    >>> import casekit
    >>> casekit.codebook("meetings").loc[0, "column"]
    'meeting_id'
    """
    schema = read_package(resolve_root(path))
    return _codebook_frame(schema, table)


def _codebook_frame(schema: PackageSchema, table_name: str) -> pd.DataFrame:
    table = schema.table(table_name)
    links = {}
    for fk in table.foreign_keys:
        for mine, theirs in zip(fk.fields, fk.reference_fields):
            links[mine] = f"{fk.resource}.{theirs}"
    rows = [
        {
            "column": spec.name,
            "type": spec.type,
            "title": spec.title,
            "description": spec.description,
            "allowed_values": _allowed_values(spec),
            "labels": _labels(spec),
            "rules": _rules(spec, table.primary_key, links),
        }
        for spec in table.fields
    ]
    return pd.DataFrame(rows)


def _with_labels(values: object, labels: object) -> str:
    return f"{values} (labels: {labels})" if labels else str(values)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def codebook_markdown(path: str | Path | None = None) -> str:
    """Return the human-readable codebook of a data package as Markdown.

    The text is generated from ``datapackage.json`` alone, so it never drifts from the
    schema; ``casekit codebook --write`` saves it as ``CODEBOOK.md`` beside the data.

    Parameters
    ----------
    path : str or Path, optional
        A case folder; by default the data that ships with casekit.

    Returns
    -------
    str
        The codebook: a table of tables, then each table's columns with type,
        description, allowed values and rules.
    """
    schema = read_package(resolve_root(path))
    out = [
        f"# Codebook: {schema.title}",
        "",
        f"Data package `{schema.name}`, version {schema.version}. "
        "Generated from `datapackage.json` by `casekit codebook --write`; do not edit by hand.",
        "",
        schema.description,
        "",
        "Ordered categories are listed in their defined order, joined by `→`: pandas sorts "
        "and compares them in that order. Labels are what charts show for each value. "
        "A column that refers to another table's key allows that key's values. "
        "An empty cell means "
        "the value is unknown or does not apply; the column's description says which.",
        "",
        "## Tables",
        "",
        "| table | what one row is |",
        "|---|---|",
    ]
    out += [f"| [{t.name}](#{t.name}) | {_cell(t.title)} |" for t in schema.tables.values()]
    for table in schema.tables.values():
        out += [
            "",
            f"## {table.name}",
            "",
            _cell(table.description),
            "",
            f"File `{table.path}`. Primary key: `{', '.join(table.primary_key) or 'none'}`.",
            "",
            "| column | type | description | allowed values | rules |",
            "|---|---|---|---|---|",
        ]
        frame = _codebook_frame(schema, table.name)
        for row in frame.itertuples(index=False):
            out.append(
                f"| `{row.column}` | {row.type} | {_cell(row.description)} | "
                f"{_cell(_with_labels(row.allowed_values, row.labels))} | {_cell(row.rules)} |"
            )
    return "\n".join(out).rstrip() + "\n"
