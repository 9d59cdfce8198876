"""Hostile CSV content: a clear, located problem for each, never a traceback (issue 12, §3)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import casekit
from casekit import ValidationError
from tests.hostile import copy_case, edit_descriptor, resource

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return copy_case(tmp_path)


def problems_for(case: Path, table: str) -> list:
    report = casekit.validate(case)
    with pytest.raises(ValidationError) as caught:
        casekit.load(case)
    assert [str(p) for p in caught.value.problems] == [str(p) for p in report.problems]
    return [p for p in report.problems if p.table == table]


def test_bom_only_csv_is_an_empty_file(case):
    (case / "areas.csv").write_bytes(BOM)
    [problem] = problems_for(case, "areas")
    assert problem.rule == "empty-file" and "header" in problem.hint


def test_bom_and_blank_lines_only_csv_is_an_empty_file(case):
    (case / "areas.csv").write_bytes(BOM + b"\r\n\r\n")
    [problem] = problems_for(case, "areas")
    assert problem.rule == "empty-file"


def test_bom_only_lexicon_is_an_empty_file(tmp_path):
    (tmp_path / "lexicon.csv").write_bytes(BOM)
    with pytest.raises(ValidationError) as caught:
        casekit.load_lexicon(tmp_path / "lexicon.csv")
    assert [p.rule for p in caught.value.problems] == ["empty-file"]


def test_bom_only_csv_in_tables_and_cite(case):
    (case / "sources.csv").write_bytes(BOM)
    with pytest.raises(ValidationError):
        casekit.tables(case)
    with pytest.raises(ValidationError):
        casekit.cite("meetings", case)


def _with_huge_cell(case: Path, size: int, pad_rows: int = 0) -> None:
    path = case / "meetings.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    notes = rows[0].index("notes")
    rows[2][notes] = "x" * size
    rows += [[*rows[1][:0], f"pad-{i}", *rows[1][1:]] for i in range(pad_rows)]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture
def raised_csv_limit():
    """The process-wide csv limit as importing frictionless leaves it (restored after)."""
    previous = csv.field_size_limit(2_147_483_646)
    yield
    csv.field_size_limit(previous)


@pytest.mark.parametrize("pad_rows", [0, 6000], ids=["small-file", "large-file"])
@pytest.mark.parametrize("global_limit", ["default", "raised"])
def test_a_field_larger_than_the_reader_limit_says_so(case, pad_rows, global_limit, request):
    if global_limit == "raised":
        request.getfixturevalue("raised_csv_limit")
    limit = 131_072  # casekit's limit, whatever another library set the csv module's to
    _with_huge_cell(case, limit + 10, pad_rows)
    assert (pad_rows == 0) == ((case / "meetings.csv").stat().st_size < 1_000_000)
    problems = problems_for(case, "meetings")
    [problem] = [p for p in problems if p.rule == "field-too-large"]
    assert f"{limit:,}" in problem.message
    assert "quote" not in problem.message
    assert problem.line == 3


def test_nul_byte_is_reported_with_its_line(case):
    path = case / "areas.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b",", b"\x00,", 1)
    path.write_bytes(b"\n".join(lines))
    problems = problems_for(case, "areas")
    [problem] = [p for p in problems if p.rule == "nul-byte"]
    assert problem.line == 4 and "NUL" in problem.message


def test_end_date_before_start_date(case):
    path = case / "meetings.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    start, end = rows[0].index("start_date"), rows[0].index("end_date")
    rows[2][start], rows[2][end] = "2021-05-12", "2021-05-11"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    [problem] = problems_for(case, "meetings")
    assert (problem.rule, problem.row, problem.column) == ("date-order", 2, "end_date")
    assert "2021-05-11" in problem.message and "2021-05-12" in problem.message


@pytest.mark.parametrize("value", ["1_0", "NaN", "nan", "inf", "-Infinity", " 1", "1e", "٣"])
def test_custom_number_field_rejects_python_only_spellings(case, value):
    def change(d):
        areas = resource(d, "areas")
        areas["schema"]["fields"].append({"name": "weight", "type": "number"})

    edit_descriptor(case, change)
    path = case / "areas.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows = [[*rows[0], "weight"]] + [[*r, "2.5"] for r in rows[1:]]
    rows[1][-1] = value
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    [problem] = problems_for(case, "areas")
    assert (problem.rule, problem.column, problem.row) == ("type", "weight", 1)


def test_custom_number_field_accepts_ordinary_numbers(case):
    def change(d):
        resource(d, "areas")["schema"]["fields"].append({"name": "weight", "type": "number"})

    edit_descriptor(case, change)
    path = case / "areas.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    values = ["2.5", "-3", "+0.25", "1e3", ".5", "7.", "1E-2", "", "10"]
    rows = [[*rows[0], "weight"]] + [[*r, values[i % len(values)]] for i, r in enumerate(rows[1:])]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert casekit.validate(case).ok, str(casekit.validate(case))
    assert casekit.load(case).areas["weight"].dtype == "Float64"


def test_integer_field_rejects_non_ascii_digits(case):
    path = case / "areas.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("sort_order")] = "١"  # an Arabic-Indic one
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    [problem] = problems_for(case, "areas")
    assert (problem.rule, problem.column) == ("type", "sort_order")
