"""Check a parsed ``datapackage.json`` before any table is read.

Every mistake is a :class:`~casekit.package.problems.Problem` (rule ``descriptor``, or
``resource-path`` for a path casekit refuses to read) naming the table and the column,
with a hint, so a broken descriptor is reported like broken data, never as a traceback.
What passes here is exactly what :mod:`casekit.package.schema` and the validator rely
on: names are strings, constraints are objects, patterns compile, bounds are numbers,
keys name columns that exist and foreign keys tables that exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casekit.package.paths import case_file_problem
from casekit.package.problems import Problem
from casekit.package.rules import is_date

DESCRIPTOR = "datapackage.json"
FIELD_TYPES = frozenset({"string", "integer", "number", "boolean", "date"})
TEXT_KEYS = ("title", "description")

Flag = Callable[..., None]


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _names(value: Any) -> list[str] | None:
    """Return a key's column list (from a name or a list of names), or None."""
    if isinstance(value, str) and value:
        return [value]
    if _is_text_list(value) and value and all(value):
        return list(value)
    return None


def descriptor_problems(raw: Any, root: Path) -> list[Problem]:
    """Return every structural problem of a parsed descriptor (empty if it is usable).

    Parameters
    ----------
    raw : object
        The parsed JSON of ``datapackage.json``.
    root : Path
        The case folder (resource paths must stay inside it).

    Returns
    -------
    list of Problem
        In descriptor order; nothing has been read but the descriptor.
    """
    problems: list[Problem] = []
    path = str(root / DESCRIPTOR)

    def flag(
        message: str, hint: str, table: str = DESCRIPTOR, column: str | None = None, rule=None
    ) -> None:
        problems.append(
            Problem(
                table=table,
                row=None,
                column=column,
                rule=rule or "descriptor",
                message=message,
                hint=hint,
                path=path,
            )
        )

    if not isinstance(raw, dict):
        flag("the descriptor is not a JSON object", 'it starts with {"resources": [...]}')
        return problems
    if not isinstance(raw.get("resources"), list):
        flag(
            "the descriptor has no 'resources' list", "list one resource per CSV under 'resources'"
        )
        return problems
    _package_problems(raw, flag)
    fields: dict[str, list[str]] = {}
    readable: list[dict[str, Any]] = []
    named: set[str] = set()
    for index, resource in enumerate(raw["resources"], start=1):
        name = _resource_problems(index, resource, root, fields, flag)
        if isinstance(resource, dict) and isinstance(resource.get("name"), str):
            named.add(resource["name"])
        if name is not None:
            readable.append(resource)
            fields.setdefault(name, _field_names(resource))
    unreadable = named - set(fields)  # reported already: their keys are not checked again
    for resource in readable:
        _key_problems(resource, fields, unreadable, flag)
    return problems


def _package_problems(raw: dict[str, Any], flag: Flag) -> None:
    for key in ("name", "title", "description", "version"):
        if key in raw and not isinstance(raw[key], str):
            flag(f"the package's {key!r} is not a text", f'write it as a string, e.g. "{key}"')
    if "licenses" in raw and not (
        isinstance(raw["licenses"], list) and all(isinstance(x, dict) for x in raw["licenses"])
    ):
        flag("'licenses' is not a list of objects", 'e.g. [{"name": "CC-BY-4.0"}]')


def _field_names(resource: dict[str, Any]) -> list[str]:
    fields = resource["schema"]["fields"]
    return [f["name"] for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)]


def _resource_problems(
    index: int, resource: Any, root: Path, seen: dict[str, list[str]], flag: Flag
) -> str | None:
    """Check one resource; return its name when its schema's fields can be read."""
    name = resource.get("name") if isinstance(resource, dict) else None
    if not isinstance(name, str) or not name:
        flag(
            f"resource #{index} needs a 'name' and a 'path'",
            'e.g. {"name": "events", "path": "events.csv", "schema": {"fields": [...]}}',
        )
        return None
    if name in seen:
        flag(f"table {name!r} appears twice", "give each resource its own name", table=name)
    if "path" not in resource:
        flag("the table has no 'path'", f'e.g. "path": "{name}.csv"', table=name)
    else:
        reason = case_file_problem(root, resource["path"])
        if reason is not None:
            flag(
                reason,
                'name a CSV file inside the case folder, e.g. "events.csv"; casekit '
                "reads nothing outside it",
                table=name,
                rule="resource-path",
            )
    for key in TEXT_KEYS:
        if key in resource and not isinstance(resource[key], str):
            flag(f"the table's {key!r} is not a text", "write it as a string", table=name)
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        got = "missing" if schema is None else f"a {type(schema).__name__}, not an object"
        flag(f"the table's 'schema' is {got}", 'write "schema": {"fields": [...]}', table=name)
        return None
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        flag(
            "the table's schema has no fields",
            "describe each CSV column under schema.fields",
            table=name,
        )
        return None
    names: set[str] = set()
    for spec in fields:
        _field_problems(name, spec, names, flag)
    return name


def _field_problems(table: str, spec: Any, names: set[str], flag: Flag) -> None:
    name = spec.get("name") if isinstance(spec, dict) else None
    if not isinstance(name, str) or not name:
        flag("a field has no name", 'every field needs a "name"', table=table)
        return
    if name in names:
        flag(f"column {name!r} is described twice", "remove one of them", table=table, column=name)
    names.add(name)
    kind = spec.get("type", "string")
    if not isinstance(kind, str) or kind not in FIELD_TYPES:
        flag(
            f"unsupported type {kind!r}",
            f"use one of: {', '.join(sorted(FIELD_TYPES))}",
            table=table,
            column=name,
        )
    for key in TEXT_KEYS:
        if key in spec and not isinstance(spec[key], str):
            flag(
                f"the column's {key!r} is not a text",
                "write it as a string",
                table=table,
                column=name,
            )
    for key in ("trueValues", "falseValues"):
        if key in spec and not (_is_text_list(spec[key]) and spec[key]):
            flag(
                f"{key!r} is not a list of texts",
                f'e.g. "{key}": ["yes"]',
                table=table,
                column=name,
            )
    if "categoriesOrdered" in spec and not isinstance(spec["categoriesOrdered"], bool):
        flag(
            "'categoriesOrdered' is not true or false",
            "write true or false",
            table=table,
            column=name,
        )
    _categories_problems(table, name, spec.get("categories"), flag)
    _constraint_problems(table, name, kind, spec.get("constraints", {}), flag)


def _categories_problems(table: str, name: str, categories: Any, flag: Flag) -> None:
    if categories is None:
        return
    scalar = (str, int, float)
    if not isinstance(categories, list) or not all(
        (isinstance(c, scalar) and not isinstance(c, bool))
        or (isinstance(c, dict) and isinstance(c.get("value"), scalar))
        for c in categories
    ):
        flag(
            "'categories' is not a list of values",
            'e.g. "categories": ["low", "high"] or [{"value": "low", "label": "Low"}]',
            table=table,
            column=name,
        )


def _constraint_problems(table: str, name: str, kind: Any, constraints: Any, flag: Flag) -> None:
    def bad(message: str, hint: str) -> None:
        flag(message, hint, table=table, column=name)

    if not isinstance(constraints, dict):
        bad(
            f"'constraints' is {type(constraints).__name__} {constraints!r}, not an object",
            'write e.g. "constraints": {"required": true}',
        )
        return
    for key in ("required", "unique"):
        if key in constraints and not isinstance(constraints[key], bool):
            bad(f"constraint {key!r} is {constraints[key]!r}, not true or false", f'"{key}": true')
    enum = constraints.get("enum")
    if enum is not None and not (
        isinstance(enum, list) and all(isinstance(v, (str, int, float)) for v in enum)
    ):
        bad("constraint 'enum' is not a list of values", '"enum": ["a", "b"]')
    _pattern_problem(constraints.get("pattern"), bad)
    _bound_problems(kind, constraints, bad)
    low: Any = constraints.get("minimum")
    high: Any = constraints.get("maximum")
    if kind in ("integer", "number") and _is_number(low) and _is_number(high) and low > high:
        bad(f"minimum {low} is above maximum {high}", "swap them")


def _bound_problems(
    kind: Any, constraints: dict[str, Any], bad: Callable[[str, str], None]
) -> None:
    """``minimum`` and ``maximum``: numbers for number columns, dates for date columns."""
    numeric = kind in ("integer", "number")
    for key in ("minimum", "maximum"):
        value = constraints.get(key)
        if value is None:
            continue
        if numeric and not _is_number(value):
            bad(f"constraint {key!r} is {value!r}, not a number", f'"{key}": 0')
        elif kind == "date" and not (isinstance(value, str) and is_date(value)):
            bad(f"constraint {key!r} is {value!r}, not a date", f'"{key}": "2020-01-01"')
        elif not numeric and kind != "date":
            bad(
                f"constraint {key!r} does not apply to a {kind} column",
                "minimum and maximum bound integer, number and date columns; remove it",
            )


def _pattern_problem(pattern: Any, bad: Callable[[str, str], None]) -> None:
    if pattern is None:
        return
    if not isinstance(pattern, str):
        bad(f"constraint 'pattern' is {pattern!r}, not a text", '"pattern": "^[a-z]+$"')
        return
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        bad(
            f"the pattern {pattern!r} is not a valid regular expression ({error})",
            "fix the expression (Python syntax), e.g. ^[a-z0-9-]+$",
        )


def _key_problems(
    resource: dict[str, Any], fields: dict[str, list[str]], unreadable: set[str], flag: Flag
) -> None:
    table = resource["name"]
    schema = resource["schema"]
    own = fields[table]
    if "primaryKey" in schema:
        columns = _names(schema["primaryKey"])
        if columns is None:
            flag(
                "'primaryKey' is not a column name or a list of them",
                '"primaryKey": "id"',
                table=table,
            )
        else:
            for column in columns:
                if column not in own:
                    flag(
                        f"primary key column {column!r} is not a field",
                        "describe it under fields",
                        table=table,
                    )
    foreign = schema.get("foreignKeys", [])
    if not isinstance(foreign, list):
        flag(
            "'foreignKeys' is not a list",
            '"foreignKeys": [{"fields": ..., "reference": ...}]',
            table=table,
        )
        return
    for number, fk in enumerate(foreign, start=1):
        if not (isinstance(fk, dict) and _reference_target(fk, table) in unreadable):
            _foreign_key_problems(table, number, fk, fields, flag)


def _reference_target(fk: dict[str, Any], table: str) -> str | None:
    reference = fk.get("reference")
    target = (reference.get("resource") or table) if isinstance(reference, dict) else None
    return target if isinstance(target, str) else None


def _foreign_key_problems(
    table: str, number: int, fk: Any, fields: dict[str, list[str]], flag: Flag
) -> None:
    def bad(message: str, hint: str) -> None:
        flag(f"foreign key #{number}: {message}", hint, table=table)

    example = '{"fields": "area_id", "reference": {"resource": "areas", "fields": "area_id"}}'
    if not isinstance(fk, dict):
        bad("is not an object", example)
        return
    columns = _names(fk.get("fields"))
    reference = fk.get("reference")
    if columns is None:
        bad("has no 'fields' (the columns that refer)", example)
    if not isinstance(reference, dict):
        bad("has no 'reference' object", example)
        return
    target = reference.get("resource") or table
    targets = _names(reference.get("fields"))
    if not isinstance(target, str) or target not in fields:
        bad(f"refers to {target!r}, and there is no table {target!r}", "name an existing table")
        return
    if targets is None:
        bad("its reference has no 'fields' (the columns referred to)", example)
        return
    if columns is not None and len(columns) != len(targets):
        bad("'fields' and the reference's 'fields' differ in length", "give as many on both sides")
    _missing_columns(columns or [], table, fields, bad)
    _missing_columns(targets, target, fields, bad)


def _missing_columns(
    columns: list[str], table: str, fields: dict[str, list[str]], bad: Callable[[str, str], None]
) -> None:
    for column in columns:
        if column not in fields[table]:
            bad(f"column {column!r} is not a field of {table!r}", f"name a column of {table!r}")
