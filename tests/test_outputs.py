import csv

import pytest

from casekit.outputs import OutputError, safe_cell, staged_outputs, write_csv


def test_failed_run_leaves_previous_outputs(tmp_path):
    out = tmp_path / "grades"
    out.mkdir()
    (out / "gradebook.csv").write_text("old\n")
    with pytest.raises(RuntimeError), staged_outputs(out) as stage:
        (stage / "gradebook.csv").write_text("new\n")
        raise RuntimeError("grading failed")
    assert (out / "gradebook.csv").read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades"]  # no staging left


def test_successful_run_replaces_its_files_and_keeps_others(tmp_path):
    out = tmp_path / "slides"
    out.mkdir()
    (out / "mine.pptx").write_text("user's own file")
    (out / "timeline.svg").write_text("old")
    with staged_outputs(out) as stage:
        (stage / "timeline.svg").write_text("new")
        (stage / "sub").mkdir()
        (stage / "sub" / "x.png").write_text("png")
    assert (out / "timeline.svg").read_text() == "new"
    assert (out / "mine.pptx").read_text() == "user's own file"
    assert (out / "sub" / "x.png").exists()


def test_unwritable_target_is_reported_before_work():
    ran = []
    # Not even root may create folders in /proc.
    with pytest.raises(OutputError, match="cannot write there"), staged_outputs("/proc/x/y"):
        ran.append(True)
    assert not ran


def test_target_that_is_a_file_is_reported_before_work(tmp_path):
    target = tmp_path / "gradebook.csv"
    target.write_text("x")
    ran = []
    with pytest.raises(OutputError, match="is a file"), staged_outputs(target):
        ran.append(True)
    assert not ran


def test_write_csv_neutralises_formulas_and_keeps_integers(tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [{"term": "=cmd", "row": 3.0, "share": 0.5}, {"term": "-2+3", "row": None}],
        ["term", "row", "share", "=HYPERLINK(1)"],
    )
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows == [
        ["term", "row", "share", "'=HYPERLINK(1)"],
        ["'=cmd", "3", "0.5", ""],
        ["'-2+3", "", "", ""],
    ]


def test_safe_cell_numpy_scalars():
    import numpy as np

    assert safe_cell(np.int64(7)) == 7
    assert safe_cell(np.float64(2.0)) == 2
    assert safe_cell(float("nan")) == ""
