"""Exercise notebooks: the structure every solution edition in exercises/solutions/ keeps.

Static checks only (no kernel): the notebooks themselves run under nbval, and
tests/test_exercises_editions.py proves that the committed student editions are up to date.
"""

from __future__ import annotations

import ast
import json
import re
from functools import cache, lru_cache
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"
EXERCISES = sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))
LESSONS = ROOT / "notebooks"

# The question kinds of casekit.exercises, grouped as the module plan counts them.
KIND_GROUPS = {
    "single_choice": "choice",
    "multiple_select": "choice",
    "categorize": "categorize",
    "order": "order",
    "numeric": "numeric or code",
    "code_check": "numeric or code",
    "short_text": "short text",
    "rating": "rating",
    "reflection": "reflection",
}
COUNTED_GROUPS = {"choice", "categorize", "order", "numeric or code", "rating", "reflection"}
NOT_MARKED = {"rating", "reflection"}
MAX_SOLUTION_BYTES = 80_000


def _id(path: Path) -> str:
    return path.stem


@cache
def _notebook(path: Path):
    return nbformat.read(path, as_version=4)


def _questions(path: Path) -> list[tuple[str, str]]:
    """(id, kind) of every ``ex.<kind>("id", ...)`` call in the solution edition, in order."""
    found = []
    for cell in _notebook(path).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "ex"
                and node.func.attr in KIND_GROUPS
            ):
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Constant), f"{path.name}: question ids are literals"
                found.append((first.value, node.func.attr))
    return found


def _keys(path: Path) -> dict:
    return json.loads(path.with_suffix(".keys.json").read_text(encoding="utf-8"))


def _text(path: Path) -> str:
    return "\n".join(cell.source for cell in _notebook(path).cells)


def test_one_exercise_notebook_per_lesson():
    """Lessons 01 to 07 each have an exercise notebook with the same number."""
    numbers = {p.name[:2] for p in EXERCISES}
    lessons = {p.name[:2] for p in LESSONS.glob("0[1-7]_*.ipynb")}
    assert lessons <= numbers, f"lessons without exercises: {sorted(lessons - numbers)}"


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_pairs_with_a_lesson_and_says_how_it_works(path):
    lesson = list(LESSONS.glob(f"{path.name[:2]}_*.ipynb"))
    assert lesson, f"{path.name}: no lesson notebooks/{path.name[:2]}_*.ipynb to pair with"
    intro = _notebook(path).cells[0]
    assert intro.cell_type == "markdown" and intro.source.startswith("# Exercises")
    text = intro.source.lower()
    assert "lesson" in text and "minutes" in text, "the intro names the lesson and the time"
    assert "self-check, not a secret" in text, "the intro says the checks are self-checks"
    count = re.search(r"\b(five|six|seven|eight|nine|ten|eleven|twelve) questions", text)
    assert count, "the intro says how many questions there are"
    words = ["five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    assert words.index(count.group(1)) + 5 == len(_questions(path)), "the intro's count is wrong"


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_five_to_twelve_questions_of_at_least_four_kinds_with_unique_ids(path):
    questions = _questions(path)
    ids = [qid for qid, _ in questions]
    assert 5 <= len(questions) <= 12, f"{path.name}: {len(questions)} questions"
    assert len(set(ids)) == len(ids), f"{path.name}: duplicate ids {ids}"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", qid) for qid in ids), ids
    groups = {KIND_GROUPS[kind] for _, kind in questions} & COUNTED_GROUPS
    assert len(groups) >= 4, f"{path.name}: only {sorted(groups)}"


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_every_question_is_answered_by_a_submit_cell(path):
    text = _text(path)
    for qid, _ in _questions(path):
        assert f'ex["{qid}"].submit(' in text, f"{path.name}: no submit cell for {qid!r}"


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_key_file_matches_the_questions(path):
    keys = _keys(path)
    assert keys["notebook"] == path.stem
    assert [(q["id"], q["kind"]) for q in keys["questions"]] == _questions(path), (
        f"run `casekit editions` to refresh {path.with_suffix('.keys.json').name}"
    )


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_every_question_explains_and_wrong_choices_get_feedback(path):
    for spec in _keys(path)["questions"]:
        where = f"{path.name}:{spec['id']}"
        assert spec.get("explanation"), f"{where}: no explanation"
        if spec["kind"] in NOT_MARKED:
            continue
        assert spec.get("feedback"), f"{where}: no feedback naming a misconception"
        if spec["kind"] in ("single_choice", "multiple_select"):
            right = {spec["answer"]} if isinstance(spec["answer"], str) else set(spec["answer"])
            wrong = set(spec["options"]) - right
            assert wrong <= set(spec["feedback"]), f"{where}: wrong options without feedback"


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_data_comes_only_from_casekit(path):
    text = _text(path)
    assert not re.search(r"read_csv|read_json|open\(", text), f"{path.name} reads files itself"
    if re.search(r"\bcase\.", text):
        assert "case = casekit.load()" in text


@lru_cache(maxsize=1)
def _row_ids() -> frozenset[str]:
    import casekit

    case = casekit.load()
    ids: set[str] = set()
    for name in case.table_names:
        frame = case.table(name)
        ids.update(frame.iloc[:, 0].astype(str))
    return frozenset(ids)


ROW_ID = re.compile(r"\b(?:(?:ini|chk|evt|doc|clm|prt|src)-[0-9]{3}|fmm-0[0-9]|c5-[a-z]{2,3})\b")


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_row_ids_cited_exist_in_the_data(path):
    cited = set(ROW_ID.findall(_text(path)))
    missing = sorted(cited - _row_ids())
    assert not missing, f"{path.name} cites rows that are not in the data: {missing}"


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_ends_with_progress_and_export(path):
    cells = [c for c in _notebook(path).cells if c.cell_type == "code"]
    assert cells[-2].source.strip() == "ex.progress()"
    assert "nbval-ignore-output" in cells[-2].metadata.get("tags", [])
    assert "student_id = None" in cells[-1].source and "ex.export(student_id)" in cells[-1].source


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_student_edition_hides_the_answers_and_both_stay_small(path):
    student_path = ROOT / "exercises" / path.name
    student = nbformat.read(student_path, as_version=4)
    text = json.dumps(student, ensure_ascii=False)
    assert "SOLUTION" not in text
    for spec in _keys(path)["questions"]:
        if isinstance(spec.get("explanation"), str):
            assert spec["explanation"] not in text, f"{path.name}:{spec['id']} explanation shown"
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")
    assert path.stat().st_size < MAX_SOLUTION_BYTES
    assert student_path.stat().st_size < MAX_SOLUTION_BYTES
