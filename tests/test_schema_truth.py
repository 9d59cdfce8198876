"""The schema is the single source of truth for allowed values, their order and labels.

``categories`` lists each column's values once (with labels where charts show them); a
column that refers to another table's key lists nothing and takes the key's values; the
charts, the theme and the lexicon read their labels and orders from the schema and the
shipped tables instead of keeping copies.
"""

import ast
import json
from pathlib import Path

import pytest

import casekit
from casekit.charts import labels, theme
from casekit.charts.areas import PILLAR_LABELS, RECORD_LABELS
from casekit.charts.claims import PERSPECTIVE_LABELS
from casekit.charts.delegations import COUNTRY_NAMES
from casekit.charts.timeline import KIND_LABELS, STATUS_LABELS
from casekit.package.schema import read_package
from casekit.research import lexicon
from casekit.resources import cases_root
from tests.helpers import DATA, read_rows

PACKAGES = [DATA, cases_root() / "astana-summit-2025"]
CASEKIT = Path(casekit.__file__).resolve().parent


def descriptor(root: Path) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def fields(root: Path):
    for resource in descriptor(root)["resources"]:
        for spec in resource["schema"]["fields"]:
            yield resource, spec


@pytest.mark.parametrize("root", PACKAGES, ids=lambda p: p.name)
def test_one_list_of_values_per_field(root):
    for resource, spec in fields(root):
        where = f"{resource['name']}.{spec['name']}"
        assert not ("categories" in spec and "enum" in spec.get("constraints", {})), where


@pytest.mark.parametrize("root", PACKAGES, ids=lambda p: p.name)
def test_ids_are_listed_once_in_the_table_that_defines_them(root):
    listed = {
        (resource["name"], spec["name"])
        for resource, spec in fields(root)
        if "categories" in spec or "enum" in spec.get("constraints", {})
    }
    for resource in descriptor(root)["resources"]:
        for fk in resource["schema"].get("foreignKeys", []):
            mine = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
            target = (fk["reference"]["resource"], fk["reference"]["fields"][0])
            if target in listed:
                assert (resource["name"], mine) not in listed, (
                    f"{resource['name']}.{mine} repeats the values of {'.'.join(target)}"
                )


def test_a_foreign_key_column_takes_the_values_of_its_key():
    schema = read_package(DATA)
    meetings = schema.table("meetings").field("meeting_id")
    for table in ("participants", "documents", "events"):
        assert schema.table(table).field("meeting_id").enum == meetings.enum
    areas = schema.table("areas").field("area_id").enum
    for table in ("events", "initiatives", "claims", "lexicon"):
        assert schema.table(table).field("area_id").enum == areas
    case = casekit.load()
    assert list(case.participants["country"].cat.categories) == list(case.countries["iso3"])


def test_area_order_is_the_areas_tables_sort_order_everywhere():
    rows = read_rows(DATA / "areas.csv")
    header, body = rows[0], rows[1:]
    by_order = [
        r[header.index("area_id")]
        for r in sorted(body, key=lambda r: int(r[header.index("sort_order")]))
    ]
    schema = read_package(DATA)
    assert list(theme.AREA_ORDER) == by_order
    assert list(schema.table("areas").field("area_id").enum) == by_order
    assert list(lexicon.builtin_areas()) == by_order
    assert {r[header.index("area_id")]: r[header.index("label")] for r in body} == theme.AREA_LABELS


def test_chart_labels_are_the_schemas():
    schema = read_package(DATA)
    assert schema.table("events").field("kind").value_labels == KIND_LABELS
    assert list(KIND_LABELS) == list(schema.table("events").field("kind").enum)
    assert schema.table("events").field("status").value_labels == STATUS_LABELS
    assert schema.table("initiatives").field("in_almaty_record").value_labels == RECORD_LABELS
    assert schema.table("claims").field("perspective").value_labels == PERSPECTIVE_LABELS
    assert schema.table("areas").field("pillar").value_labels == PILLAR_LABELS
    assert {k: v["label"] for k, v in theme.STANCE_STYLE.items()} == (
        schema.table("claims").field("stance").value_labels
    )
    assert {k: v["label"] for k, v in theme.VERDICT_STYLE.items()} == (
        schema.table("record_checks").field("verdict").value_labels
    )
    countries = casekit.load().countries
    assert dict(zip(countries["iso3"], countries["name"])) == COUNTRY_NAMES


def test_values_the_schema_does_not_know_get_a_label_made_from_the_value():
    assert theme.area_label("agriculture_water") == "Agriculture water"
    assert labels.label("events", "kind", "trade_fair") == "Trade fair"
    assert labels.label("events", "kind", "fm_meeting") == "Foreign ministers' meetings"


def test_the_lexicon_reads_its_rules_from_the_schema():
    term = read_package(DATA).table("lexicon").field("term")
    assert term.pattern == lexicon.TERM_PATTERN


def string_literals(path: Path) -> set[str]:
    """Every string constant of a module except docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    }


def test_no_module_keeps_its_own_copy_of_a_label():
    schema = read_package(DATA)
    written = {
        text
        for table in schema.tables.values()
        for spec in table.fields
        for text in spec.labels
        if " " in text  # several words: not a plain value such as "Security"
    }
    written |= {label for label in theme.AREA_LABELS.values() if " " in label}
    copies = {
        f"{path.relative_to(CASEKIT.parent)}: {text!r}"
        for path in CASEKIT.rglob("*.py")
        for text in string_literals(path) & written
    }
    assert not copies, "labels copied out of the schema or the tables:\n" + "\n".join(
        sorted(copies)
    )


def test_a_scaffolded_case_keeps_labels_and_opens_entity_ids(tmp_path):
    from casekit.research.scaffold import scaffold

    schema = read_package(scaffold("new-case", tmp_path / "new-case"))
    builtin = read_package(DATA)
    record = schema.table("initiatives").field("in_almaty_record")
    original = builtin.table("initiatives").field("in_almaty_record")
    # every value keeps a label; those naming the Almaty record are made generic (issue 12)
    assert record.enum == original.enum and all(record.value_labels.values())
    assert not any("Almaty" in label for label in record.value_labels.values())
    kind = schema.table("events").field("kind")
    assert kind.value_labels == builtin.table("events").field("kind").value_labels
    for table, column in [
        ("meetings", "meeting_id"),
        ("formats", "format_id"),
        ("countries", "iso3"),
    ]:
        spec = schema.table(table).field(column)
        assert spec.enum is None and spec.pattern == builtin.table(table).field(column).pattern
    assert schema.table("participants").field("meeting_id").enum is None  # its key is open
    assert (
        schema.table("events").field("area_id").enum == builtin.table("areas").field("area_id").enum
    )
