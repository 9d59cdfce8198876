"""Property test: any corruption of the shipped CSVs is reported as a located problem."""

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casekit
from casekit import ValidationError
from casekit.package.schema import read_package
from tests.helpers import DATA, copy_data, drop_column, edit_rows, read_rows, set_cell

SCHEMA = read_package(DATA)
TABLES = sorted(SCHEMA.tables)


def fields_where(predicate):
    return [(t.name, f.name) for t in SCHEMA.tables.values() for f in t.fields if predicate(t, f)]


TYPED = fields_where(lambda t, f: f.type in ("integer", "date", "boolean"))
ENUMS = fields_where(lambda t, f: f.enum is not None)
REQUIRED = fields_where(lambda t, f: f.required or f.name in t.primary_key)
KEYED = [t.name for t in SCHEMA.tables.values() if t.primary_key]
LINKS = [
    (t.name, fk.fields[0], fk.resource) for t in SCHEMA.tables.values() for fk in t.foreign_keys
]
JUNK = st.text(alphabet="abcxyz!?#", min_size=1, max_size=8)


def rows_in(folder: Path, table: str) -> int:
    return len(read_rows(folder / SCHEMA.tables[table].path)) - 1


@st.composite
def corruptions(draw):
    """Return (description, expected (table, rule), function applying it to a folder)."""
    kind = draw(
        st.sampled_from(
            [
                "drop-column",
                "extra-column",
                "type",
                "enum",
                "required",
                "duplicate",
                "foreign-key",
                "empty",
                "encoding",
                "ragged",
            ]
        )
    )
    if kind == "drop-column":
        table = draw(st.sampled_from(TABLES))
        column = draw(st.sampled_from(SCHEMA.tables[table].field_names))
        return kind, (table, "missing-column"), lambda d: drop_column(d / f"{table}.csv", column)
    if kind == "extra-column":
        table = draw(st.sampled_from(TABLES))
        name = "zz_" + draw(JUNK)
        return (
            kind,
            (table, "extra-column"),
            lambda d: edit_rows(
                d / f"{table}.csv", lambda r: [[*r[0], name]] + [[*x, ""] for x in r[1:]]
            ),
        )
    if kind in ("type", "enum", "required"):
        table, column = draw(
            st.sampled_from({"type": TYPED, "enum": ENUMS, "required": REQUIRED}[kind])
        )
        value = "" if kind == "required" else "zz" + draw(JUNK)
        rule = {"type": "type", "enum": "allowed-values", "required": "required"}[kind]
        row = draw(st.integers(min_value=1, max_value=10_000))
        return (
            kind,
            (table, rule),
            lambda d: set_cell(
                d / f"{table}.csv", 1 + (row - 1) % rows_in(d, table), column, value
            ),
        )
    if kind == "duplicate":
        table = draw(st.sampled_from(KEYED))
        return (
            kind,
            (table, "duplicate-key"),
            lambda d: edit_rows(d / f"{table}.csv", lambda r: [*r, r[1]]),
        )
    if kind == "foreign-key":
        table, column, _parent = draw(st.sampled_from(LINKS))
        row = draw(st.integers(min_value=1, max_value=10_000))
        value = "zz-missing-" + draw(JUNK)
        return (
            kind,
            (table, "foreign-key"),
            lambda d: set_cell(
                d / f"{table}.csv", 1 + (row - 1) % rows_in(d, table), column, value
            ),
        )
    table = draw(st.sampled_from(TABLES))
    path = f"{table}.csv"
    if kind == "empty":
        return kind, (table, "empty-file"), lambda d: (d / path).write_bytes(b"")
    if kind == "encoding":
        return (
            kind,
            (table, "encoding"),
            lambda d: (d / path).write_bytes((d / path).read_bytes() + b"\xff\xfe broken\n"),
        )
    return (
        kind,
        (table, "row-length"),
        lambda d: edit_rows(d / path, lambda r: [*r, ["only", "three", "cells"]]),
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corruptions())
def test_every_corruption_is_reported_with_its_location(corruption):
    kind, (table, rule), apply = corruption
    with tempfile.TemporaryDirectory() as tmp:
        folder = copy_data(Path(tmp))
        apply(folder)
        report = casekit.validate(folder)
        assert not report.ok, kind
        matching = [p for p in report if (p.table, p.rule) == (table, rule)]
        assert matching, f"{kind}: expected {rule} in {table}, got {report.rules()}"
        for problem in report:
            assert problem.message and problem.hint and problem.path
        try:
            casekit.load(folder)
        except ValidationError as error:
            assert len(error.problems) == len(report)
        else:
            raise AssertionError(f"{kind}: load() accepted corrupt data")
        shutil.rmtree(folder)
