"""One registry of question kinds: a toy kind registered here gets everything a kind needs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

from casekit.exercises import ExerciseSet, grade, kinds
from casekit.exercises.editions import build_editions

FIXTURES = Path(__file__).resolve().parent / "exercise_fixtures"


@pytest.fixture(scope="module")
def toy():
    sys.path.insert(0, str(FIXTURES))
    try:
        import toy_kind
    finally:
        sys.path.remove(str(FIXTURES))
    return toy_kind.YesNo


def test_builtin_kinds_come_from_the_registry():
    import casekit.exercises as exercises

    table = kinds.kinds()
    assert set(kinds.BUILTIN) <= {cls.__name__ for cls in table.values()}
    for cls in table.values():
        assert callable(getattr(ExerciseSet, cls.factory()))
        assert cls.__name__ in kinds.call_names() and cls.factory() in kinds.call_names()
    for name in kinds.BUILTIN:
        assert name in exercises.__all__ and getattr(exercises, name).__name__ == name


def test_a_registered_kind_gets_a_factory_and_a_spec_round_trip(toy, tmp_path):
    ex = ExerciseSet("toy_factory", answers_dir=tmp_path)
    q = ex.yes_no("capital", "Is Astana the capital of Kazakhstan?", answer=True)
    assert isinstance(q, toy) and ex["capital"] is q and q.store is ex
    assert ex.submit("capital", "yes").correct and ex.results["capital"].correct
    rebuilt = kinds.question_from_spec(q.spec())
    assert isinstance(rebuilt, toy) and rebuilt.check("no").status == "incorrect"
    assert "yes_no" in kinds.kinds() and q.card().startswith("[yes or no] capital")
    with pytest.raises(ValueError, match="already taken"):
        kinds.register(type("Other", (toy,), {"kind": "yes_no"}))


def test_a_registered_kind_gets_a_view(toy, tmp_path):
    from casekit.exercises.views import build_view

    ex = ExerciseSet("toy_view", answers_dir=tmp_path)
    q = ex.yes_no("capital", "Is Astana the capital of Kazakhstan?", answer=True)
    view = build_view(q)
    assert view.check_button.description == "Check"
    view.controls[0].value = "yes"
    assert view.submit().correct and "✓ Correct" in view.feedback.value
    again = build_view(ex.yes_no("capital", "Is Astana the capital of Kazakhstan?", answer=True))
    assert again.controls[0].value == "yes"  # restored from the ledger


def _solution_notebook() -> nbformat.NotebookNode:
    cells = [
        nbformat.v4.new_code_cell(
            f"import sys\nsys.path.insert(0, {str(FIXTURES)!r})\nimport toy_kind\n"
            "from casekit.exercises import ExerciseSet\n"
            'ex = ExerciseSet("toy_edition")'
        ),
        nbformat.v4.new_code_cell(
            'ex.yes_no(\n    "capital",\n    "Is Astana the capital of Kazakhstan?",\n'
            '    answer=True,\n    feedback="It is.",\n)'
        ),
        nbformat.v4.new_code_cell('ex.submit("capital", "yes")  # SOLUTION'),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


@pytest.mark.slow  # executes notebooks in kernels
def test_a_registered_kind_gets_an_edition_round_trip_and_grading(toy, tmp_path, monkeypatch):
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    source = solutions / "toy_edition.ipynb"
    source.write_text(nbformat.writes(_solution_notebook()))
    report = build_editions([source], tmp_path)[0]
    assert report.ok, report.problems
    student = (tmp_path / "toy_edition.ipynb").read_text()
    assert 'key=\\"ck1:' in student and "answer=True" not in student and "It is." not in student
    keys = json.loads(report.keys.read_text())
    assert keys["questions"][0]["kind"] == "yes_no" and keys["questions"][0]["answer"] is True
    # a student answers in their own kernel and exports; the instructor grades
    monkeypatch.setenv("CASEKIT_ANSWERS_DIR", str(tmp_path / "answers"))
    ex = ExerciseSet("toy_edition")
    ex.yes_no("capital", "Is Astana the capital of Kazakhstan?", answer=True, feedback="It is.")
    ex.submit("capital", "no")
    wrong = ex.export("s1", tmp_path / "subs" / "s1.json")
    ex2 = ExerciseSet("toy_edition", answers_dir=tmp_path / "answers2")
    ex2.yes_no("capital", "Is Astana the capital of Kazakhstan?", answer=True, feedback="It is.")
    ex2.submit("capital", True)
    right = ex2.export("s2", tmp_path / "subs" / "s2.json")
    result = grade([wrong, right], [report.keys])
    assert result.problems == []
    assert {g.student: g.scores for g in result.graded} == {
        "s1": {"capital": 0.0},
        "s2": {"capital": 1.0},
    }
