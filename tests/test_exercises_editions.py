"""Editions: the student edition is derived from the solution edition, and kept up to date."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from casekit.cli import main
from casekit.exercises.editions import (
    EditionError,
    build_editions,
    notebook_text,
    seal_question_keys,
    strip_solution_code,
    student_edition,
)
from casekit.exercises.keys import NOTICE, unseal

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"


def test_solution_lines_and_blocks_are_removed():
    source = "\n".join(
        [
            "answer_a = 'x'  # SOLUTION",
            "print('kept')",
            "secret()  # SOLUTION",
            "result = None",
            "    ### BEGIN SOLUTION",
            "    result = compute()",
            "    ### END SOLUTION",
            "check(result)",
        ]
    )
    assert strip_solution_code(source) == "\n".join(
        [
            "answer_a = None  # your answer",
            "print('kept')",
            "result = None",
            "    # your code here",
            "check(result)",
        ]
    )
    with pytest.raises(EditionError, match="line 1: END SOLUTION without BEGIN"):
        strip_solution_code("### END SOLUTION")
    with pytest.raises(EditionError, match="BEGIN SOLUTION without END"):
        strip_solution_code("### BEGIN SOLUTION\nx = 1")


def test_question_keys_are_sealed_in_place():
    source = """q = ex.single_choice(
    "doc",
    "Adopted?",
    options=["Communiqué", "Declaration"],
    answer="Communiqué",  # the key
    feedback={"Declaration": "No such document."},
    hints=["Russian title."],
    explanation="Primary sources.",
)
other = ex.numeric("n", "How many?", answer=12, tolerance=0)
"""
    sealed = seal_question_keys(source)
    assert "answer=" not in sealed and "No such document" not in sealed and "Primary" not in sealed
    assert 'hints=["Russian title."],' in sealed and "options=" in sealed
    compile(sealed, "cell", "exec")
    lines = sealed.splitlines()
    key_line = next(line for line in lines if line.strip().startswith("key="))
    token = key_line.split('"')[1]
    assert unseal(token, "doc") == {
        "answer": "Communiqué",
        "feedback": {"Declaration": "No such document."},
        "explanation": "Primary sources.",
    }
    inline = next(line for line in lines if line.startswith("other"))
    assert (
        inline.startswith('other = ex.numeric("n", "How many?", key="ck1:')
        and "tolerance=0" in inline
    )
    with pytest.raises(EditionError, match="must be literals"):
        seal_question_keys('ex.short_text("s", "p", answer=compute())')


def test_committed_student_edition_is_up_to_date():
    for solution_path in sorted(SOLUTIONS.glob("*.ipynb")):
        solution = nbformat.read(solution_path, as_version=4)
        expected = notebook_text(student_edition(solution, solution_path.name))
        committed = (ROOT / "exercises" / solution_path.name).read_text(encoding="utf-8")
        assert committed == expected, (
            f"run `casekit editions` to refresh exercises/{solution_path.name}"
        )


def test_student_edition_has_no_answers_outputs_or_plain_keys():
    solution = nbformat.read(SOLUTIONS / "01_almaty_meeting.ipynb", as_version=4)
    student = nbformat.read(ROOT / "exercises" / "01_almaty_meeting.ipynb", as_version=4)
    text = json.dumps(student)
    keys = json.loads((SOLUTIONS / "01_almaty_meeting.keys.json").read_text())
    for spec in keys["questions"]:
        for field in ("feedback", "explanation"):
            if isinstance(spec.get(field), str):
                assert spec[field] not in text
    assert "Parahat Durdyev" not in text and "SOLUTION" not in text
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in student.cells
        if c.cell_type == "code"
    )
    assert "widgets" not in student.metadata
    assert "self-check, not a secret" in text and "not a secret" in NOTICE
    assert sum(c.cell_type == "code" for c in solution.cells) == sum(
        c.cell_type == "code" for c in student.cells
    )
    assert all(
        c.get("outputs") for c in solution.cells if c.cell_type == "code" and "submit(" in c.source
    )  # the solution edition is stored with outputs


def test_cells_tagged_solution_are_dropped():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("Model answer", metadata={"tags": ["solution"]}),
            nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["nbval-ignore-output"]}),
        ]
    )
    out = student_edition(nb, "t.ipynb")
    assert [c.source for c in out.cells] == ["x = 1"]
    assert out.cells[0].metadata["tags"] == ["nbval-ignore-output"]


@pytest.mark.slow  # executes notebooks in kernels
def test_editions_check_validates_both_editions_and_finds_them_current():
    """Runs both editions in kernels: the solution answers everything, the student nothing."""
    reports = build_editions(
        sorted(SOLUTIONS.glob("*.ipynb")), ROOT / "exercises", check=True, store_outputs=True
    )  # also proves the stored outputs, keys file and student edition are all current
    for report in reports:
        assert report.ok, report.problems


@pytest.mark.slow  # executes notebooks in kernels
def test_editions_reports_a_solution_that_does_not_pass(tmp_path):
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                'from casekit.exercises import ExerciseSet\nex = ExerciseSet("bad")\n'
                'ex.short_text("city", "Seat?", answer="Xi\'an")\n'
                'ex["city"].submit("Almaty")  # SOLUTION'
            ),
            nbformat.v4.new_code_cell(
                'ex.short_text("two", "Second?", answer="b")\nex["two"].submit("b")'
            ),
        ]
    )
    nbformat.write(nb, solutions / "bad.ipynb")
    source = str(solutions / "bad.ipynb")
    assert main(["editions", source, "--out-dir", str(tmp_path), "--check", "--no-validate"]) == 1
    assert main(["editions", source, "--out-dir", str(tmp_path), "--no-validate"]) == 0
    assert main(["editions", source, "--out-dir", str(tmp_path), "--check", "--no-validate"]) == 0
    assert 'ex["city"].submit' not in (tmp_path / "bad.ipynb").read_text()
    report = build_editions([solutions / "bad.ipynb"], tmp_path, check=True)[0]
    problems = " ".join(report.problems)
    assert "question 'city' is not answered correctly in the solution edition" in problems
    assert "the student edition answers ['two'] already" in problems
