"""casekit.scaffold(): an empty case with the same schema that validates clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import casekit
from casekit.package.problems import ValidationError
from casekit.package.schema import read_package
from casekit.research.scaffold import SHARED_TABLES, ScaffoldError, scaffold
from casekit.resources import data_root as builtin_root
from tests.helpers import read_rows, set_cell, write_rows

BUILTIN = read_package(builtin_root())


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return scaffold("sco-fmm-2024", tmp_path / "sco-fmm-2024", title="SCO foreign ministers 2024")


def test_empty_case_validates_and_loads(case):
    report = casekit.validate(case)
    assert report.ok, str(report)
    loaded = casekit.load(case)
    assert loaded.name == "sco-fmm-2024"
    assert loaded.table_names == tuple(BUILTIN.tables)
    for name in loaded.table_names:
        expected = 0 if name not in (*SHARED_TABLES, "sources") else len(loaded[name])
        assert len(loaded[name]) == expected
    assert len(loaded.areas) == 9 and len(loaded.countries) == 6


def test_same_tables_columns_types_and_keys(case):
    schema = read_package(case)
    assert schema.title == "SCO foreign ministers 2024"
    for name, table in BUILTIN.tables.items():
        mine = schema.tables[name]
        assert mine.field_names == table.field_names
        assert [f.type for f in mine.fields] == [f.type for f in table.fields]
        assert mine.primary_key == table.primary_key
        assert mine.foreign_keys == table.foreign_keys


def test_csvs_have_headers_only_except_shared_vocabularies(case):
    for name, table in BUILTIN.tables.items():
        rows = read_rows(case / table.path)
        assert rows[0] == list(table.field_names)
        if name in SHARED_TABLES:
            assert rows == read_rows(builtin_root() / table.path)
        elif name != "sources":
            assert len(rows) == 1, name


def test_sources_hold_exactly_what_the_country_rows_cite(case):
    countries = read_rows(case / "countries.csv")
    header = countries[0]
    cited = {
        row[i]
        for row in countries[1:]
        for i, column in enumerate(header)
        if column.endswith("source_id") and row[i]
    }
    sources = {row[0] for row in read_rows(case / "sources.csv")[1:]}
    assert sources == cited and cited


def test_shared_vocabularies_stay_closed_and_case_entities_open(case):
    schema = read_package(case)
    assert schema.table("events").field("confidence").enum == ("verified", "partly", "unverified")
    assert schema.table("events").field("area_id").enum is not None
    meeting_id = schema.table("meetings").field("meeting_id")
    assert meeting_id.enum is None
    assert meeting_id.pattern == BUILTIN.table("meetings").field("meeting_id").pattern
    assert schema.table("participants").field("locator").pattern is None
    assert schema.table("claims").field("para").maximum is None
    assert schema.table("claims").field("source_id").enum is None


def test_readme_stub_names_the_case_and_asks_for_scope_and_sources(case):
    text = (case / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# SCO foreign ministers 2024")
    for heading in ("## Scope", "## Sources", "## Coders", f"casekit validate {case}"):
        assert heading in text


def test_descriptor_is_renamed_and_keeps_the_licence(case):
    raw = json.loads((case / "datapackage.json").read_text(encoding="utf-8"))
    assert raw["name"] == "sco-fmm-2024"
    assert raw["sources"] == [] and raw["contributors"] == []
    assert raw["licenses"] == BUILTIN.raw["licenses"]
    assert "Almaty" not in raw["description"]


def test_a_new_meeting_id_is_accepted_and_a_wrong_form_is_not(case):
    write_rows(
        case / "meetings.csv",
        [
            read_rows(case / "meetings.csv")[0],
            [
                "sco-fmm-2024",
                "foreign_ministers",
                "",
                "A meeting",
                "2024-05-21",
                "",
                "day",
                "",
                "",
                "",
                "",
                "held",
                "src-kalpak",
                "p. 1",
                "verified",
                "",
                "",
            ],
        ],
    )
    assert casekit.validate(case).ok
    set_cell(case / "meetings.csv", 1, "meeting_id", "SCO FMM")
    report = casekit.validate(case)
    assert [(p.table, p.row, p.column, p.rule) for p in report] == [
        ("meetings", 1, "meeting_id", "pattern")
    ]


def test_broken_case_folder_reports_table_row_column_and_hint(case):
    set_cell(case / "countries.csv", 2, "iso3", "kgz")
    (case / "documents.csv").write_bytes(b"document_id,meeting_id\n")
    (case / "events.csv").write_bytes("event_id,title\n\xe9v\n".encode("latin-1"))
    report = casekit.validate(case)
    got = {(p.table, p.rule) for p in report}
    assert ("countries", "pattern") in got
    assert ("documents", "missing-column") in got
    assert ("events", "encoding") in got
    assert all(p.hint for p in report)
    with pytest.raises(ValidationError) as exc:
        casekit.load(case)
    assert len(exc.value.problems) == len(report)


def test_missing_descriptor_is_a_clear_error(case):
    (case / "datapackage.json").unlink()
    report = casekit.validate(case)
    assert [p.rule for p in report] == ["descriptor"]
    assert "scaffold" in report.problems[0].hint


def test_never_overwrites(case, tmp_path):
    before = (case / "README.md").read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not empty"):
        scaffold("other", case)
    assert (case / "README.md").read_text(encoding="utf-8") == before
    file = tmp_path / "file.txt"
    file.write_text("keep me", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is a file"):
        scaffold("other", file)
    assert file.read_text(encoding="utf-8") == "keep me"


def test_existing_empty_folder_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    assert casekit.validate(str(scaffold("x-1", tmp_path / "empty"))).ok


@pytest.mark.parametrize("name", ["", "My Case", "case/1", "-dash", "Ünïcode"])
def test_bad_names_are_refused(tmp_path, name):
    with pytest.raises(ScaffoldError, match="cannot name a case"):
        scaffold(name, tmp_path / "c")
    assert not (tmp_path / "c").exists()


def test_broken_source_case_is_reported(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid JSON"):
        scaffold("x", tmp_path / "new", source=source)
    assert not (tmp_path / "new").exists()


def test_scaffold_from_a_scaffolded_case(case, tmp_path):
    again = scaffold("second", tmp_path / "second", source=case)
    assert casekit.validate(again).ok


def test_command_line(tmp_path, capsys):
    from casekit.cli import main

    assert main(["scaffold", "my-case", str(tmp_path / "c")]) == 0
    assert "casekit validate" in capsys.readouterr().out
    assert main(["scaffold", "my-case", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "not empty" in err and "Traceback" not in err
    assert main(["validate", str(tmp_path / "c")]) == 0
