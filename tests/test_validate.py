"""validate() and load() on broken data: every problem reported at once, clearly."""

import pytest

import casekit
from casekit import ValidationError
from tests.helpers import copy_data, drop_column, edit_rows, set_cell


@pytest.fixture
def data(tmp_path):
    return copy_data(tmp_path)


def problems_of(folder):
    report = casekit.validate(folder)
    with pytest.raises(ValidationError) as caught:
        casekit.load(folder)
    assert [str(p) for p in caught.value.problems] == [str(p) for p in report.problems]
    return report


def test_shipped_data_is_valid():
    report = casekit.validate()
    assert report.ok, str(report)
    assert "valid" in str(report)


def test_validate_accepts_a_loaded_case():
    assert casekit.validate(casekit.load()).ok


def test_missing_column(data):
    drop_column(data / "meetings.csv", "city")
    [problem] = problems_of(data).problems
    assert (problem.table, problem.column, problem.rule) == ("meetings", "city", "missing-column")
    assert "add the column" in problem.hint


def test_extra_column_is_named_with_a_suggestion(data):
    edit_rows(
        data / "areas.csv", lambda rows: [[*rows[0], "lable"]] + [[*r, "x"] for r in rows[1:]]
    )
    [problem] = problems_of(data).problems
    assert (problem.rule, problem.column) == ("extra-column", "lable")
    assert "did you mean 'label'" in problem.hint


def test_wrong_type_and_bad_date_point_at_row_and_column(data):
    set_cell(data / "meetings.csv", 2, "number", "two")
    set_cell(data / "meetings.csv", 3, "start_date", "2022-13-45")
    report = problems_of(data)
    by_column = {p.column: p for p in report}
    assert by_column["number"].rule == "type" and by_column["number"].row == 2
    assert "'two' is not a whole number" in by_column["number"].message
    assert by_column["start_date"].rule == "type" and by_column["start_date"].row == 3
    assert "YYYY-MM-DD" in by_column["start_date"].hint


def test_duplicate_primary_key(data):
    rows = []
    edit_rows(data / "countries.csv", lambda r: rows.extend(r) or [*r, r[1]])
    [problem] = problems_of(data).problems
    assert (problem.table, problem.rule, problem.row) == ("countries", "duplicate-key", len(rows))
    assert "already used in row 1" in problem.message


def test_dangling_foreign_key_suggests_the_closest_id(data):
    set_cell(data / "participants.csv", 1, "meeting_id", "fmm-6")
    report = problems_of(data)
    [problem] = [p for p in report if p.rule == "foreign-key"]
    assert (problem.table, problem.row, problem.column) == ("participants", 1, "meeting_id")
    assert "'fmm-6' is not a meeting_id in table 'meetings'" in problem.message
    assert "did you mean 'fmm-06'" in problem.hint or "did you mean 'fmm-01'" in problem.hint


def test_value_outside_the_allowed_set(data):
    set_cell(data / "meetings.csv", 1, "confidence", "Verified")
    report = problems_of(data)
    [problem] = [p for p in report if p.rule == "allowed-values"]
    assert "did you mean 'verified'" in problem.hint
    assert "allowed: verified, partly, unverified" in problem.hint


def test_empty_file(data):
    (data / "claims.csv").write_text("")
    [problem] = problems_of(data).problems
    assert (problem.table, problem.rule) == ("claims", "empty-file")
    assert "header" in problem.hint


def test_non_utf8_file_names_the_line(data):
    path = data / "countries.csv"
    raw = path.read_bytes().replace(b"Kazakhstan", "Kazakhst\xe4n".encode("latin-1"), 1)
    path.write_bytes(raw)
    [problem] = problems_of(data).problems
    assert problem.rule == "encoding" and problem.table == "countries"
    assert "line" in problem.message and "UTF-8" in problem.hint


def test_missing_descriptor(data):
    (data / "datapackage.json").unlink()
    [problem] = problems_of(data).problems
    assert problem.rule == "descriptor" and "no datapackage.json" in problem.message


def test_broken_descriptor_json(data):
    (data / "datapackage.json").write_text('{"resources": [}')
    [problem] = problems_of(data).problems
    assert "not valid JSON" in problem.message and "line 1" in problem.message


def test_missing_file_and_ragged_row(data):
    (data / "formats.csv").unlink()
    edit_rows(data / "areas.csv", lambda rows: [*rows, ["oops", "only two cells"]])
    rules = {(p.table, p.rule) for p in problems_of(data)}
    assert rules == {("formats", "missing-file"), ("areas", "row-length")}


def test_every_problem_is_reported_at_once(data):
    set_cell(data / "meetings.csv", 1, "confidence", "sure")
    set_cell(data / "events.csv", 2, "start_date", "26/04/2025")
    (data / "claims.csv").write_text("")
    report = problems_of(data)
    assert {"allowed-values", "type", "empty-file"} <= report.rules()
    frame = report.to_frame()
    assert list(frame.columns) == [
        "table",
        "row",
        "line",
        "column",
        "rule",
        "message",
        "hint",
        "path",
    ]
    assert len(frame) == len(report)


def test_error_message_is_readable_and_bounded(data):
    edit_rows(data / "events.csv", lambda rows: [rows[0]] + [[*r, "x"] for r in rows[1:]])
    with pytest.raises(ValidationError) as caught:
        casekit.load(data)
    message = str(caught.value)
    assert message.startswith(f"{len(caught.value.problems)} problems found")
    assert "more (see .problems)" in message
    assert message.count("\n") <= ValidationError.shown + 2


def test_missing_folder():
    report = casekit.validate("/nonexistent/casekit-folder")
    assert not report.ok and "does not exist" in report.problems[0].message


def test_unclosed_quote_is_a_located_syntax_error(data):
    path = data / "areas.csv"
    path.write_text(path.read_text(encoding="utf-8") + '"unclosed,quote\n', encoding="utf-8")
    [problem] = problems_of(data).problems
    assert (problem.table, problem.rule) == ("areas", "csv-syntax")
    assert "quote" in problem.hint and problem.line is not None


def test_line_numbers_count_cells_that_span_lines(data):
    rows = []
    edit_rows(data / "meetings.csv", lambda r: rows.extend(r) or r)
    notes = rows[0].index("notes")
    rows[1][notes] = "first line\nsecond line"
    rows[3][rows[0].index("confidence")] = "sure"
    from tests.helpers import write_rows

    write_rows(data / "meetings.csv", rows)
    [problem] = problems_of(data).problems
    assert (problem.column, problem.row, problem.line) == ("confidence", 3, 5)
    assert "row 3 (line 5)" in str(problem)


def _pad_events(data, copies):
    """Grow events.csv past the size where the fast reader takes over."""

    def grow(rows):
        ids = rows[0].index("event_id")
        extra = []
        for _ in range(copies):
            for row in rows[1:]:
                extra.append([*row[:ids], f"evt-{100_000 + len(extra)}", *row[ids + 1 :]])
        return rows + extra

    edit_rows(data / "events.csv", grow)
    assert (data / "events.csv").stat().st_size > 1_000_000


def test_large_files_load_like_small_ones(data):
    _pad_events(data, 120)
    case = casekit.load(data)
    assert len(case.events) == len(casekit.load().events) * 121
    assert case.events["start_date"].notna().all()
    assert str(case.events["kind"].dtype) == "category"


def test_large_files_still_report_short_and_quoted_rows(data):
    _pad_events(data, 120)
    edit_rows(data / "events.csv", lambda rows: [*rows[:50], rows[50][:-2], *rows[50:]])
    [problem] = [p for p in problems_of(data) if p.rule == "row-length"]
    assert (problem.table, problem.row, problem.line) == ("events", 50, 51)


def test_range_hints_name_only_the_bounds_that_exist(data):
    set_cell(data / "meetings.csv", 2, "number", "0")  # minimum 1, no maximum
    set_cell(data / "claims.csv", 1, "para", "12")  # paragraphs 1 to 11
    by_column = {p.column: p for p in problems_of(data)}
    assert by_column["number"].rule == "range"
    assert by_column["number"].hint == "the value must be at least 1"
    assert "None" not in str(by_column["number"])
    assert by_column["para"].hint == "allowed range: 1 to 11"
