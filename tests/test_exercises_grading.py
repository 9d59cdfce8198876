"""Grading: a hostile corpus of submissions, and the ``casekit grade`` command."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.exercises import ExerciseSet, grade

FIXTURES = Path(__file__).resolve().parent / "exercise_fixtures"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())


@pytest.fixture(scope="module")
def report():
    return grade([FIXTURES / "submissions"], [FIXTURES / "keys"])


def test_every_file_in_the_corpus_is_graded_or_listed_with_its_reason(report):
    outcome = {Path(g.path).name: "graded" for g in report.graded}
    outcome.update({Path(p.path).name: p.problem for p in report.problems})
    assert outcome == EXPECTED
    assert all(p.reason for p in report.problems)


def test_scores_are_recomputed_and_claims_ignored(report):
    by_student = {g.student: g for g in report.graded}
    assert by_student["alice"].total == 4 and by_student["alice"].possible == 4
    assert by_student["carol"].total == 0  # claims 100 / "A" / self_check correct
    assert "bob" not in by_student  # two different submissions: a conflict, not graded
    assert [(c.student, len(c.paths)) for c in report.conflicts] == [("bob", 2)]
    assert by_student["dave"].statuses["document"] == "invalid"
    assert by_student["dave"].statuses["population"] == "invalid"
    assert by_student["erin"].statuses["population"] == "invalid"


def test_nothing_in_a_submission_is_executed(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    grade([FIXTURES / "submissions" / "odd_answers.json"], [FIXTURES / "keys"])
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_item_analysis_difficulty_and_most_chosen_wrong_answer(report):
    items = {r["question"]: r for r in report.items()}
    # four graded submissions (bob's two different ones are a conflict, not graded)
    assert items["document"]["difficulty"] == pytest.approx(1 / 4)
    assert items["document"]["most_common_wrong"] in {"A Joint Statement", "The Almaty Declaration"}
    assert items["city"]["answered"] == 3
    assert items["reflect"]["difficulty"] is None and "words" in items["reflect"]["class_view"]


def test_duplicate_reasons_name_the_file_that_was_graded(report):
    reasons = {Path(p.path).name: p.reason for p in report.problems}
    assert (
        reasons["bob_copy.json"].startswith("an identical copy of")
        and "bob.json" in reasons["bob_copy.json"]
    )
    assert (
        "bob.json" in reasons["bob_older.json"] and "different answers" in reasons["bob_older.json"]
    )
    assert "edited after export" in reasons["edited_after_export.json"]
    assert "fingerprint" in reasons["other_version.json"]
    assert "bonus" in reasons["unknown_question.json"]


def test_oversized_symlinked_and_deeply_nested_files(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(FIXTURES / "submissions" / "alice.json", folder / "alice.json")
    (folder / "huge.json").write_bytes(b" " * 2_000_001)
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    os.symlink("/etc/passwd", folder / "link.json")
    result = grade([folder], [FIXTURES / "keys"], max_bytes=2_000_000)
    problems = {Path(p.path).name: (p.problem, p.reason) for p in result.problems}
    assert problems["huge.json"][0] == "oversized" and "2,000,001 bytes" in problems["huge.json"][1]
    assert problems["deep.json"][0] == "malformed"
    assert problems["link.json"][0] == "skipped" and "symbolic link" in problems["link.json"][1]
    assert [g.student for g in result.graded] == ["alice"]


def test_reports_are_written_and_spreadsheet_safe(report, tmp_path):
    written = {p.name for p in report.write(tmp_path)}
    assert {
        "gradebook.csv",
        "items.csv",
        "problems.csv",
        "summary.md",
        "reflections.csv",
        "item_analysis.vl.json",
    } <= written
    with open(tmp_path / "gradebook.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["student"] for r in rows] == ["alice", "bob", "carol", "dave", "erin"]
    assert rows[0]["percent"] == "100" and rows[0]["document"] == "1"  # whole numbers as integers
    with open(tmp_path / "reflections.csv", encoding="utf-8") as handle:
        reflections = list(csv.DictReader(handle))
    assert all(not r["text"].startswith("=") for r in reflections)
    summary = (tmp_path / "summary.md").read_text()
    assert (
        "scores claimed in files are ignored" in summary and "edited_after_export.json" in summary
    )
    spec = json.loads((tmp_path / "item_analysis.vl.json").read_text())
    assert spec["title"].startswith("Item analysis")


def test_cli_grade_writes_outputs_and_lists_problems(tmp_path, capsys):
    code = main(
        [
            "grade",
            str(FIXTURES / "submissions"),
            "--keys",
            str(FIXTURES / "keys"),
            "--out",
            str(tmp_path / "grades"),
            "--no-chart",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "graded 4 submission(s); 17 file(s) listed as problems" in out
    assert "tampered: content digest does not match" in out
    assert (tmp_path / "grades" / "gradebook.csv").exists()
    assert not (tmp_path / "grades" / "item_analysis.vl.json").exists()
    assert main(["grade", str(tmp_path), "--keys", str(tmp_path / "nokeys")]) == 2


def test_export_then_grade_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEKIT_ANSWERS_DIR", str(tmp_path / "answers"))
    ex = ExerciseSet("round_trip")
    ex.single_choice("doc", "Adopted?", ["Communiqué", "Declaration"], answer="Communiqué")
    ex.multiple_select(
        "who", "Ministers?", ["China", "Kazakhstan", "Turkmenistan"], answer=["China", "Kazakhstan"]
    )
    keys = tmp_path / "round_trip.keys.json"
    keys.write_text(json.dumps(ex.keys_document()))
    ex.submit("doc", "Declaration")
    ex.submit("doc", "Communiqué")
    ex.submit("who", ["China"])
    path = ex.export("s1", tmp_path / "s1.json")
    result = grade([path], [keys])
    assert result.problems == []
    assert result.graded[0].scores == {"doc": 1.0, "who": 0.5}
