"""A broken datapackage.json is a list of problems, never a traceback (issue 12, §3).

The descriptor is checked before any table is read, with the same Problem reports
(resource, field, rule, hint) as the tables.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casekit
from casekit import ValidationError
from tests.hostile import (
    SHIPPED,
    copy_case,
    edit_descriptor,
    field_spec,
    read_descriptor,
    resource,
    write_descriptor,
)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return copy_case(tmp_path)


def only_problem(case: Path, table: str) -> Any:
    """Validate and load; return the one problem reported for ``table``."""
    report = casekit.validate(case)
    with pytest.raises(ValidationError) as caught:
        casekit.load(case)
    assert [str(p) for p in caught.value.problems] == [str(p) for p in report.problems]
    mine = [p for p in report.problems if p.table == table]
    assert len(mine) == 1, str(report)
    return mine[0]


def test_constraints_as_a_string(case):
    edit_descriptor(
        case, lambda d: field_spec(d, "meetings", "city").__setitem__("constraints", "required")
    )
    problem = only_problem(case, "meetings")
    assert (problem.column, problem.rule) == ("city", "descriptor")
    assert "constraints" in problem.message and '"required": true' in problem.hint


def test_schema_as_a_list(case):
    edit_descriptor(case, lambda d: resource(d, "areas").__setitem__("schema", []))
    problem = only_problem(case, "areas")
    assert problem.rule == "descriptor" and "schema" in problem.message


def test_foreign_key_without_fields(case):
    def change(d):
        resource(d, "meetings")["schema"]["foreignKeys"][0].pop("fields")

    edit_descriptor(case, change)
    problem = only_problem(case, "meetings")
    assert problem.rule == "descriptor" and "foreign key" in problem.message
    assert "fields" in problem.message


def test_foreign_key_to_a_table_that_does_not_exist(case):
    def change(d):
        resource(d, "meetings")["schema"]["foreignKeys"][0]["reference"]["resource"] = "hosts"

    edit_descriptor(case, change)
    problem = only_problem(case, "meetings")
    assert problem.rule == "descriptor" and "'hosts'" in problem.message
    assert "no table" in problem.message or "does not exist" in problem.message


def test_foreign_key_to_a_missing_column(case):
    def change(d):
        resource(d, "meetings")["schema"]["foreignKeys"][0]["reference"]["fields"] = "nope"

    edit_descriptor(case, change)
    problem = only_problem(case, "meetings")
    assert problem.rule == "descriptor" and "'nope'" in problem.message


def test_primary_key_naming_a_missing_column(case):
    edit_descriptor(case, lambda d: resource(d, "areas")["schema"].__setitem__("primaryKey", "id"))
    problem = only_problem(case, "areas")
    assert problem.rule == "descriptor" and "'id'" in problem.message


def test_invalid_regular_expression(case):
    edit_descriptor(
        case,
        lambda d: field_spec(d, "meetings", "city").__setitem__("constraints", {"pattern": "(["}),
    )
    problem = only_problem(case, "meetings")
    assert (problem.column, problem.rule) == ("city", "descriptor")
    assert "regular expression" in problem.message


def test_non_numeric_minimum(case):
    edit_descriptor(
        case,
        lambda d: field_spec(d, "meetings", "number")["constraints"].__setitem__("minimum", "one"),
    )
    problem = only_problem(case, "meetings")
    assert (problem.column, problem.rule) == ("number", "descriptor")
    assert "minimum" in problem.message and "'one'" in problem.message


def test_duplicate_table_and_field_names(case):
    def change(d):
        d["resources"].append(copy.deepcopy(resource(d, "areas")))
        fields = resource(d, "meetings")["schema"]["fields"]
        fields.append(dict(fields[0]))

    edit_descriptor(case, change)
    report = casekit.validate(case)
    messages = " ".join(p.message for p in report.problems)
    assert "'areas'" in messages and "twice" in messages
    assert "'meeting_id'" in messages


def test_descriptor_is_checked_before_any_table_is_read(case):
    """A broken descriptor reports only descriptor problems, even if every CSV is broken."""
    for csv_file in case.glob("*.csv"):
        csv_file.write_bytes(b"\xff\xfe garbage")
    edit_descriptor(case, lambda d: resource(d, "areas").__setitem__("schema", []))
    report = casekit.validate(case)
    assert report.rules() == {"descriptor"}, str(report)


def test_rules_are_in_the_catalogue(case):
    """Every rule a hostile descriptor can raise is documented in the one catalogue."""
    from casekit.package.rules import RULES as catalogue

    for rule in ("descriptor", "resource-path", "field-too-large", "nul-byte", "date-order"):
        assert rule in catalogue, rule


# ------------------------------------------------------------------ property test

SHIPPED_DESCRIPTOR = read_descriptor(SHIPPED)
KEYS = ["name", "path", "fields", "type", "x"]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["", "x", "..", "/etc/passwd", "(", "string", "id", "areas", "1_0"])
    | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["name", "path", "fields", "type", "x"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


def _nodes(value: Any, path: tuple = ()) -> list[tuple]:
    """Every (container path) in the descriptor, in a stable order."""
    out = [path]
    if isinstance(value, dict):
        for key in value:
            out += _nodes(value[key], (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _nodes(item, (*path, i))
    return out


NODES = _nodes(SHIPPED_DESCRIPTOR)


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutations(draw) -> tuple[str, Any]:
    """A copy of the shipped descriptor with 1-3 random edits (replace, delete, add)."""
    descriptor = copy.deepcopy(SHIPPED_DESCRIPTOR)
    edits = []
    for _ in range(draw(st.integers(1, 3))):
        nodes = _nodes(descriptor)
        path = draw(st.sampled_from(nodes))
        kind = draw(st.sampled_from(["replace", "delete", "add"]))
        value = draw(JSON_VALUES)
        if not path:
            descriptor = value if kind == "replace" else descriptor
            edits.append(("root", kind))
            continue
        parent = _get(descriptor, path[:-1])
        key = path[-1]
        if kind == "replace":
            parent[key] = value
        elif kind == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["constraints", "schema", "path", "foreignKeys"]))] = value
        else:
            parent.append(value)
        edits.append((path, kind))
    return repr(edits), descriptor


@pytest.fixture(scope="module")
def fuzz_case(tmp_path_factory) -> Path:
    return copy_case(tmp_path_factory.mktemp("fuzz"))


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutations())
def test_any_mutation_is_a_clean_report_or_validation_error(fuzz_case, mutation):
    edits, descriptor = mutation
    write_descriptor(fuzz_case, descriptor)
    report = casekit.validate(fuzz_case)  # must not raise
    for problem in report.problems:
        assert problem.rule and problem.message, (edits, problem)
    try:
        casekit.load(fuzz_case)
    except ValidationError as error:
        assert not report.ok, edits
        assert error.problems
    else:
        assert report.ok, (edits, str(report))


def test_random_mutations_do_not_leak_the_secret(tmp_path):
    """Paths drawn at random never make casekit read outside the folder."""
    case = copy_case(tmp_path)
    (tmp_path / "secret.csv").write_text("SECRET-HEADER\nx\n")
    rng = random.Random(12)
    names = [r["name"] for r in SHIPPED_DESCRIPTOR["resources"]]
    for _ in range(10):
        descriptor = copy.deepcopy(SHIPPED_DESCRIPTOR)
        target = rng.choice(names)
        resource(descriptor, target)["path"] = rng.choice(
            ["../secret.csv", str(tmp_path / "secret.csv"), "./../case/../secret.csv"]
        )
        write_descriptor(case, descriptor)
        report = casekit.validate(case)
        assert "SECRET" not in str(report)
        assert any(p.table == target and p.rule == "resource-path" for p in report.problems)
    shutil.rmtree(case)


def test_descriptor_that_is_not_an_object(case):
    (case / "datapackage.json").write_text(json.dumps([1, 2]))
    problem = only_problem(case, "datapackage.json")
    assert problem.rule == "descriptor"


def test_minimum_on_a_text_column(case):
    edit_descriptor(
        case,
        lambda d: field_spec(d, "meetings", "city").__setitem__("constraints", {"minimum": "abc"}),
    )
    problem = only_problem(case, "meetings")
    assert (problem.column, problem.rule) == ("city", "descriptor")
    assert "does not apply" in problem.message


def test_a_broken_table_is_reported_once(case):
    """Tables whose foreign keys name a table with a broken schema add no noise."""
    edit_descriptor(case, lambda d: resource(d, "meetings").__setitem__("schema", []))
    report = casekit.validate(case)
    assert [p.table for p in report.problems] == ["meetings"], str(report)
