"""Read a Frictionless ``datapackage.json`` into small, typed schema objects.

The data package descriptor is the single source of truth for tables, columns, types,
allowed values (with their order and human labels) and keys. Allowed values are written
once, as Frictionless ``categories`` (a value, or ``{"value": ..., "label": ...}``); a
column that refers to another table's key through a foreign key and lists no values of
its own takes that key's values, so ids are listed once, in the table that defines them.
This module only reads the descriptor; checking data against it is the job of
:mod:`casekit.package.validate`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from casekit.package.descriptor import DESCRIPTOR, FIELD_TYPES, descriptor_problems
from casekit.package.paths import case_file_problem
from casekit.package.problems import Problem, ValidationError

__all__ = [
    "DESCRIPTOR",
    "FIELD_TYPES",
    "Field",
    "ForeignKey",
    "PackageSchema",
    "TableSchema",
    "read_package",
]


@dataclass(frozen=True)
class Field:
    """One column of a table, as the schema describes it."""

    name: str
    type: str = "string"
    title: str = ""
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    ordered: bool = False
    labels: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    true_values: tuple[str, ...] = ("true",)
    false_values: tuple[str, ...] = ("false",)

    def label(self, value: object) -> str:
        """Return the human label the schema gives ``value`` (the value itself if none).

        Parameters
        ----------
        value : object
            One of the column's allowed values.

        Returns
        -------
        str
            The label, e.g. ``"Not shown in the Almaty record"`` for ``"unverified"``.
        """
        if self.enum is not None and self.labels and str(value) in self.enum:
            return self.labels[self.enum.index(str(value))] or str(value)
        return str(value)

    @property
    def value_labels(self) -> dict[str, str]:
        """Each allowed value and its label, in schema order (empty if values are free)."""
        return {value: self.label(value) for value in self.enum or ()}


@dataclass(frozen=True)
class ForeignKey:
    """Columns of one table that must match a key of another (or the same) table."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """A table: its file, its columns and its keys."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def field_names(self) -> tuple[str, ...]:
        """Column names in schema order."""
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        """Return the field called ``name``."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} has no column {name!r}")


@dataclass(frozen=True)
class PackageSchema:
    """The whole data package: metadata plus one :class:`TableSchema` per table."""

    root: Path
    name: str
    title: str
    version: str
    description: str
    licenses: tuple[dict[str, Any], ...]
    tables: dict[str, TableSchema] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def table(self, name: str) -> TableSchema:
        """Return the schema of table ``name`` or raise a ``KeyError`` listing the tables."""
        try:
            return self.tables[name]
        except KeyError:
            known = ", ".join(self.tables)
            raise KeyError(f"no table {name!r}; the tables are: {known}") from None


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _enum_values(spec: dict[str, Any]) -> tuple[str, ...] | None:
    """Return the allowed values: ``categories`` (casekit's form), else ``constraints.enum``."""
    categories = spec.get("categories")
    if categories is not None:
        return tuple(str(c["value"] if isinstance(c, dict) else c) for c in categories)
    enum = spec.get("constraints", {}).get("enum")
    return None if enum is None else tuple(str(v) for v in enum)


def _labels(spec: dict[str, Any]) -> tuple[str, ...]:
    """Return the labels of labelled ``categories``, parallel to the values (``""`` if none)."""
    categories = spec.get("categories") or []
    if not any(isinstance(c, dict) and c.get("label") for c in categories):
        return ()
    return tuple(str(c.get("label") or "") if isinstance(c, dict) else "" for c in categories)


def _read_field(spec: dict[str, Any]) -> Field:
    constraints = spec.get("constraints", {})
    return Field(
        name=spec["name"],
        type=spec.get("type", "string"),
        title=spec.get("title", ""),
        description=spec.get("description", ""),
        required=bool(constraints.get("required", False)),
        unique=bool(constraints.get("unique", False)),
        enum=_enum_values(spec),
        ordered=bool(spec.get("categoriesOrdered", False)),
        labels=_labels(spec),
        pattern=constraints.get("pattern"),
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        true_values=_as_tuple(spec.get("trueValues", ["true"])),
        false_values=_as_tuple(spec.get("falseValues", ["false"])),
    )


def _read_table(resource: dict[str, Any]) -> TableSchema:
    schema = resource.get("schema", {})
    foreign_keys = []
    for fk in schema.get("foreignKeys", []):
        reference = fk.get("reference", {})
        foreign_keys.append(
            ForeignKey(
                fields=_as_tuple(fk["fields"]),
                resource=reference.get("resource") or resource["name"],
                reference_fields=_as_tuple(reference["fields"]),
            )
        )
    return TableSchema(
        name=resource["name"],
        path=resource["path"],
        title=resource.get("title", resource["name"]),
        description=resource.get("description", ""),
        fields=tuple(_read_field(f) for f in schema.get("fields", [])),
        primary_key=_as_tuple(schema.get("primaryKey")),
        foreign_keys=tuple(foreign_keys),
    )


def _descriptor_problem(root: Path, message: str, hint: str) -> ValidationError:
    return ValidationError(
        [
            Problem(
                table=DESCRIPTOR,
                row=None,
                column=None,
                rule="descriptor",
                message=message,
                hint=hint,
                path=str(root / DESCRIPTOR),
            )
        ]
    )


def read_package(root: str | Path) -> PackageSchema:
    """Read ``root/datapackage.json``.

    Parameters
    ----------
    root : str or Path
        The folder holding ``datapackage.json`` and the CSV files.

    Returns
    -------
    PackageSchema
        The package metadata and one schema per table, in descriptor order.

    Raises
    ------
    ValidationError
        If the folder or descriptor is missing, is not valid JSON, or lacks a
        table name, path or field name. The error lists what is wrong and where.
    """
    root = Path(root)
    descriptor = root / DESCRIPTOR
    if root.is_file():
        raise _descriptor_problem(
            root,
            f"{root} is a file; pass the case folder",
            "give the folder that holds datapackage.json and the CSV files",
        )
    if not root.is_dir():
        raise _descriptor_problem(
            root, f"folder {root} does not exist", "give the folder that holds datapackage.json"
        )
    refused = case_file_problem(root, DESCRIPTOR) if descriptor.is_symlink() else None
    if refused is not None:
        raise _descriptor_problem(root, refused, "put the datapackage.json itself in the folder")
    if not descriptor.is_file():
        raise _descriptor_problem(
            root,
            f"no {DESCRIPTOR} in {root}",
            "every case folder needs a datapackage.json; `casekit scaffold` writes one",
        )
    try:
        raw = json.loads(descriptor.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise _descriptor_problem(
            root, f"{DESCRIPTOR} is not UTF-8 ({exc.reason})", "save the file as UTF-8"
        ) from None
    except json.JSONDecodeError as exc:
        raise _descriptor_problem(
            root,
            f"{DESCRIPTOR} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            "fix the JSON syntax (a missing comma or quote?)",
        ) from None
    except RecursionError:
        raise _descriptor_problem(
            root, f"{DESCRIPTOR} is nested too deeply to read", "a descriptor is a few levels deep"
        ) from None
    problems = descriptor_problems(raw, root)
    if problems:
        raise ValidationError(problems)
    tables = _inherit_values({res["name"]: _read_table(res) for res in raw["resources"]})
    return PackageSchema(
        root=root,
        name=raw.get("name", root.name),
        title=raw.get("title", raw.get("name", root.name)),
        version=str(raw.get("version", "")),
        description=raw.get("description", ""),
        licenses=tuple(raw.get("licenses", [])),
        tables=tables,
        raw=raw,
    )


def _inherit_values(tables: dict[str, TableSchema]) -> dict[str, TableSchema]:
    """Give a foreign-key column without values of its own the values of the key it names."""
    out = {}
    for name, table in tables.items():
        fields = {f.name: f for f in table.fields}
        for fk in table.foreign_keys:
            parent = tables.get(fk.resource)
            if len(fk.fields) != 1 or parent is None:
                continue
            mine = fields.get(fk.fields[0])
            theirs = next((f for f in parent.fields if f.name == fk.reference_fields[0]), None)
            if mine is None or mine.enum is not None or theirs is None or theirs.enum is None:
                continue
            fields[mine.name] = replace(
                mine, enum=theirs.enum, ordered=theirs.ordered, labels=theirs.labels
            )
        out[name] = replace(table, fields=tuple(fields[f.name] for f in table.fields))
    return out
