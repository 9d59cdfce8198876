"""Issue 12 in grading and editions: hostile files, lost outputs, tracebacks.

Every test here failed before its fix: symbolic links followed or called malformed,
``.zip``/``.ipynb`` silently ignored, a mistyped path overwriting the gradebook, a
conflict settled by the ``exported_at`` a file carries, runs writing half their files,
tracebacks for unwritable folders and unreadable key files.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.cli import main
from casekit.exercises import ExerciseSet, grade
from casekit.exercises.editions import build_editions
from casekit.outputs import OutputError

FIXTURES = Path(__file__).resolve().parent / "exercise_fixtures"
KEYS = FIXTURES / "keys"
ALICE = FIXTURES / "submissions" / "alice.json"


def _problems(report):
    return {Path(p.path).name: (p.problem, p.reason) for p in report.problems}


def _one_line_error(capsys):
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1, captured.err
    return lines[0]


# -- containment: only regular files inside the folders named ---------------------------
def test_a_symlinked_folder_inside_submissions_is_listed_and_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(ALICE, outside / "alice.json")
    subs = tmp_path / "subs"
    subs.mkdir()
    os.symlink(outside, subs / "elsewhere")
    os.symlink(ALICE, subs / "alice_link.json")
    report = grade([subs], [KEYS])
    assert report.graded == []
    problems = _problems(report)
    for name in ("elsewhere", "alice_link.json"):
        assert problems[name][0] == "skipped" and "symbolic link" in problems[name][1]


def test_zip_and_notebook_files_are_listed_as_skipped_with_the_reason(tmp_path):
    subs = tmp_path / "subs"
    (subs / "week1").mkdir(parents=True)
    shutil.copy(ALICE, subs / "alice.json")
    (subs / "week1" / "bob.zip").write_bytes(b"PK\x03\x04")
    (subs / "week1" / "Carol.IPYNB").write_text("{}")
    (subs / "notes.txt").write_text("not a submission")
    report = grade([subs], [KEYS])
    assert [g.student for g in report.graded] == ["alice"]
    problems = _problems(report)
    assert problems["bob.zip"][0] == "skipped" and "unpack" in problems["bob.zip"][1]
    assert problems["Carol.IPYNB"][0] == "skipped" and "export" in problems["Carol.IPYNB"][1]
    assert "notes.txt" not in problems


def test_a_symlinked_key_file_is_refused_with_a_one_line_message(tmp_path, capsys):
    keys = tmp_path / "keys"
    keys.mkdir()
    os.symlink(KEYS / "quiz.keys.json", keys / "quiz.keys.json")
    with pytest.raises(ValueError, match="symbolic link"):
        grade([ALICE], [keys])
    assert main(["grade", str(ALICE), "--keys", str(keys), "--out", str(tmp_path / "g")]) == 2
    assert "symbolic link" in _one_line_error(capsys)
    assert not (tmp_path / "g").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b"[1, 2]", "not a casekit key document"),
        (b'{"notebook": "quiz", "questions": [{"kind": "nope", "id": "q"}]}', "unknown question"),
        (b'{"notebook": "quiz", "questions": [{"kind": "numeric"}]}', "key file"),
        (b'{"format": "casekit-keys-bundle", "sets": 3}', "list of sets"),
    ],
)
def test_corrupt_key_files_give_one_line_not_a_traceback(tmp_path, capsys, content, reason):
    keys = tmp_path / "bad.keys.json"
    keys.write_bytes(content)
    assert main(["grade", str(ALICE), "--keys", str(keys), "--out", str(tmp_path / "g")]) == 2
    line = _one_line_error(capsys)
    assert reason in line and "bad.keys.json" in line


# -- a run that grades nothing writes nothing --------------------------------------------
@pytest.fixture
def previous_run(tmp_path):
    out = tmp_path / "grades"
    assert (
        main(["grade", str(FIXTURES / "submissions"), "--keys", str(KEYS), "--out", str(out)]) == 0
    )
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


def test_a_mistyped_path_writes_nothing_and_says_it_does_not_exist(previous_run, capsys):
    out, before = previous_run
    capsys.readouterr()
    assert main(["grade", str(out.parent / "sbus"), "--keys", str(KEYS), "--out", str(out)]) == 1
    assert _one_line_error(capsys).endswith("sbus: does not exist")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_empty_folder_writes_nothing_and_says_no_submissions_found(previous_run, capsys):
    out, before = previous_run
    empty = out.parent / "empty"
    empty.mkdir()
    capsys.readouterr()
    assert main(["grade", str(empty), "--keys", str(KEYS), "--out", str(out)]) == 1
    assert "no submissions found" in _one_line_error(capsys)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_mistyped_keys_path_says_it_does_not_exist(tmp_path, capsys):
    assert main(["grade", str(ALICE), "--keys", str(tmp_path / "kyes")]) == 2
    assert _one_line_error(capsys).endswith("kyes: does not exist")


def test_an_unwritable_output_is_reported_before_any_work(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "grades"
    blocker.write_text("a file where the output folder should be")
    called = []
    monkeypatch.setattr("casekit.exercises.grading.engine.load_keys", called.append)
    assert main(["grade", str(ALICE), "--keys", str(KEYS), "--out", str(blocker)]) == 2
    assert "is a file, not a folder" in _one_line_error(capsys)
    assert called == []  # no key file read, nothing graded


def test_a_run_that_fails_while_writing_leaves_the_previous_files(previous_run, monkeypatch):
    out, before = previous_run
    from casekit.exercises.grading import writing

    real_write_csv = writing.write_csv

    def disk_full_after_the_gradebook(path, rows, columns):
        if Path(path).name != "gradebook.csv":
            raise OSError(28, "No space left on device")
        return real_write_csv(path, rows, columns)

    monkeypatch.setattr(writing, "write_csv", disk_full_after_the_gradebook)
    with pytest.raises(OSError):
        grade([ALICE], [KEYS]).write(out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in out.parent.iterdir() if p.name.endswith(".partial")] == []


def test_a_new_run_never_leaves_files_of_an_older_run_beside_its_own(previous_run, tmp_path):
    out, before = previous_run
    assert {"reflections.csv", "item_analysis.vl.json"} <= set(before)
    path, keys = _export(tmp_path, "s1", "Communiqué", "s1.json")  # a set with no reflection
    written = {p.name for p in grade([path], [keys]).write(out, chart=False)}
    assert {p.name for p in out.iterdir()} == written
    assert "reflections.csv" not in written and "item_analysis.vl.json" not in written


def test_grade_writes_through_one_spreadsheet_safe_csv_writer(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(ALICE, tmp_path / "=HYPERLINK(1).json")
    report = grade(["=HYPERLINK(1).json", "-2+3.json"], [KEYS])
    report.write(tmp_path / "out", chart=False)
    with open(tmp_path / "out" / "gradebook.csv", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["file"] == "'=HYPERLINK(1).json" and row["total"] == "4"
    problems = (tmp_path / "out" / "problems.csv").read_text(encoding="utf-8")
    assert "'-2+3.json,missing,does not exist" in problems


# -- conflicts ---------------------------------------------------------------------------
def _export(tmp_path, student, answer, name):
    ex = ExerciseSet("conflict_set", answers_dir=tmp_path / f"answers_{name}")
    ex.single_choice("doc", "Adopted?", ["Communiqué", "Declaration"], answer="Communiqué")
    ex.submit("doc", answer)
    keys = tmp_path / "conflict_set.keys.json"
    keys.write_text(json.dumps(ex.keys_document()))
    return ex.export(student, tmp_path / "subs" / name), keys


def test_two_different_submissions_from_one_student_are_a_conflict(tmp_path):
    first, keys = _export(tmp_path, "s1", "Declaration", "a_first.json")
    second, _ = _export(tmp_path, "s1", "Communiqué", "b_second.json")
    doc = json.loads(second.read_text())  # the later export claims the later time
    assert doc["exported_at"] >= json.loads(first.read_text())["exported_at"]
    report = grade([tmp_path / "subs"], [keys])
    assert report.graded == []  # not settled by the exported_at a file carries
    problems = _problems(report)
    assert problems["a_first.json"][0] == problems["b_second.json"][0] == "conflict"
    assert "b_second.json" in problems["a_first.json"][1]
    written = report.write(tmp_path / "out", chart=False)
    with open(written[0], encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["student"] == "s1" and row["total"] == "" and row["flag"].startswith("conflict")
    assert "a_first.json" in row["file"] and "b_second.json" in row["file"]


def test_the_same_answers_exported_twice_are_a_duplicate_not_a_conflict(tmp_path):
    _, keys = _export(tmp_path, "s1", "Communiqué", "a.json")
    _export(tmp_path, "s1", "Communiqué", "b.json")
    report = grade([tmp_path / "subs"], [keys])
    assert [g.student for g in report.graded] == ["s1"] and report.conflicts == []
    assert _problems(report)["b.json"][0] == "duplicate"


# -- hostile answers: a clear problem or a grade, never an exception ---------------------
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=st.dictionaries(
        st.sampled_from(["document", "ministers", "population", "city", "reflect"]), JSON
    )
)
def test_any_answers_are_graded_or_listed_never_raise(tmp_path_factory, answers):
    from casekit.exercises import submission
    from casekit.exercises.grading import load_keys

    keyset = load_keys([KEYS])["quiz"]
    doc = submission.build(
        student="fuzz",
        notebook="quiz",
        fingerprint=keyset.fingerprint,
        casekit_version="0",
        exported_at="2026-11-20T10:00:00.000+00:00",
        answers={qid: {"answer": value} for qid, value in answers.items()},
    )
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "fuzz.json").write_text(json.dumps(doc))
    report = grade([folder], [KEYS])
    assert len(report.graded) + len(report.problems) == 1
    report.summary()
    report.write(folder / "out", chart=False)


# -- editions ------------------------------------------------------------------------------
def _solution(folder: Path, answer: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                'from casekit.exercises import ExerciseSet\nex = ExerciseSet("ed")\n'
                'ex.short_text("city", "Seat?", answer="Xi\'an")\n'
                f'ex["city"].submit({answer!r})  # SOLUTION'
            )
        ]
    )
    path = folder / "ed.ipynb"
    nbformat.write(nb, path)
    return path


def test_editions_into_an_unwritable_folder_is_one_line_before_any_work(tmp_path, capsys):
    source = _solution(tmp_path / "solutions", "Xi'an")
    blocker = tmp_path / "out"
    blocker.write_text("a file")
    with pytest.raises(OutputError):
        build_editions([source], blocker)
    assert main(["editions", str(source), "--out-dir", str(blocker)]) == 2
    assert "is a file, not a folder" in _one_line_error(capsys)


@pytest.mark.slow  # executes notebooks in kernels
def test_editions_that_fail_overwrite_nothing(tmp_path, capsys):
    good = _solution(tmp_path / "solutions", "Xi'an")
    assert main(["editions", str(good), "--out-dir", str(tmp_path)]) == 0
    before = {p: p.read_bytes() for p in (tmp_path / "ed.ipynb", good.with_suffix(".keys.json"))}
    bad = _solution(tmp_path / "solutions", "Almaty")  # the solution no longer passes
    capsys.readouterr()
    assert main(["editions", str(bad), "--out-dir", str(tmp_path)]) == 1
    assert "nothing written" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in before} == before


def test_editions_of_a_missing_path_or_an_empty_folder_is_one_line(tmp_path, capsys):
    missing = tmp_path / "missing.ipynb"
    assert main(["editions", str(missing), "--out-dir", str(tmp_path)]) == 2
    assert _one_line_error(capsys) == f"casekit editions: {missing}: does not exist"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["editions", str(empty), "--out-dir", str(tmp_path)]) == 2
    assert "no solution notebooks found" in _one_line_error(capsys)


def test_editions_of_a_corrupt_notebook_say_so_and_write_nothing(tmp_path, capsys):
    corrupt = tmp_path / "corrupt.ipynb"
    corrupt.write_bytes(b"\x00{not json")
    good = _solution(tmp_path / "solutions", "Xi'an")
    args = ["editions", str(corrupt), str(good), "--out-dir", str(tmp_path), "--no-validate"]
    assert main(args) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert f"{corrupt}: cannot read the notebook" in out.out
    assert not (tmp_path / "ed.ipynb").exists()  # the good one waits for the bad one
