"""Downloads: what ``casekit grade`` writes, gradebooks Canvas and Moodle import, reflections.

One grading engine: the store's latest answers become ordinary submission documents
(one per student and exercise set, the student being the hub user) and go through
:func:`casekit.exercises.grading.grade`, exactly as exported files do; the numbers are the
same as ``casekit grade`` gives for the same answers.

Every cell is safe to open in a spreadsheet: text that starts with ``= + - @``, a tab or a
carriage return is prefixed with ``'``; line breaks become spaces; whole numbers are
written as integers.

Canvas (``Student,ID,SIS Login ID,Section``, then one column per exercise set and a
``Points Possible`` row) and Moodle (``Username`` then one column per exercise set, ``-``
for no grade) follow the layouts each platform's importer reads; neither was tried
against a live platform.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from casekit.classroom.store import Store
from casekit.exercises import submission
from casekit.exercises.grading import GradeReport, KeySet, SubmissionProblem, grade
from casekit.outputs import write_csv_to

#: Files of ``casekit grade`` the service offers, by download name.
GRADE_FILES = ("gradebook.csv", "items.csv", "problems.csv", "summary.md")


def _export_value(value: Any) -> Any:
    """Booleans as ``true``/``false`` and scores to four decimals, as the platforms read them."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return round(value, 4)
    return value


def to_csv(header: list[str], rows: list[list[Any]]) -> str:
    r"""Return CSV text (``\r\n`` line ends, as spreadsheets write) with every cell made safe."""
    buffer = io.StringIO()
    exported = ([_export_value(v) for v in row] for row in rows)
    write_csv_to(buffer, exported, header, lineterminator="\r\n")
    return buffer.getvalue()


def submissions_from_store(
    store: Store, keys: dict[str, KeySet]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Return one submission document per student and exercise set that has a key file.

    Returns
    -------
    (list of dict, list of str)
        The documents, and the hub names that are not valid submission ids (left out).
    """
    attempts = store.attempts()
    per: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for a in store.latest():
        keyset = keys.get(a.notebook)
        if keyset is None or a.question not in keyset.questions:
            continue
        per.setdefault((a.user, a.notebook), {})[a.question] = {
            "answer": a.answer,
            "saved_at": a.saved_at,
            "attempts": attempts.get((a.user, a.notebook, a.question), 0),
        }
    documents, unusable = [], []
    for (user, notebook), answers in sorted(per.items()):
        try:
            submission.check_student_id(user)
        except ValueError:
            unusable.append(user)
            continue
        documents.append(
            submission.build(
                student=user,
                notebook=notebook,
                fingerprint=keys[notebook].fingerprint,
                casekit_version="casekit-service",
                exported_at=max(entry["saved_at"] for entry in answers.values()),
                answers=answers,
            )
        )
    return documents, sorted(set(unusable))


def grade_store(store: Store, keys: dict[str, KeySet]) -> GradeReport:
    """Grade the store's latest answers with ``casekit grade``'s engine.

    A student whose hub name is not a valid submission id is listed in the report's
    problems, like a bad file.
    """
    documents, unusable = submissions_from_store(store, keys)
    with tempfile.TemporaryDirectory(prefix="casekit-grade-") as tmp:
        paths: list[str | Path] = []
        for i, doc in enumerate(documents):
            paths.append(submission.write(doc, Path(tmp) / f"{i:06d}.json"))
        report = grade(paths, keys) if paths else GradeReport(keys)
    for g in report.graded:
        g.path = f"hub:{g.student}/{g.notebook}"
    report.problems = [SubmissionProblem("hub", p.problem, p.reason) for p in report.problems]
    report.problems += [
        SubmissionProblem(f"hub:{user}", "malformed", "the hub name is not a usable student id")
        for user in unusable
    ]
    return report


def write_grade_files(report: GradeReport, out: Path) -> dict[str, Path]:
    """Write ``casekit grade``'s files into ``out`` and return them by name (no chart)."""
    written = report.write(out, chart=False)
    return {p.name: p for p in written}


def _totals(report: GradeReport) -> tuple[list[str], list[str], dict[tuple[str, str], float]]:
    notebooks = sorted(report.keys)
    students = sorted({g.student for g in report.graded})
    totals = {(g.student, g.notebook): g.total for g in report.graded}
    return notebooks, students, totals


def possible_points(keyset: KeySet) -> float:
    """Return the points an exercise set is worth (its autograded questions)."""
    return sum(q.points for q in keyset.questions.values() if q.autograded)


def canvas_csv(report: GradeReport) -> str:
    """Return a gradebook for Canvas's Grades > Import.

    Columns ``Student,ID,SIS Login ID,Section`` (the hub name as student and login; the
    Canvas ID left blank), then one column per exercise set named by its id, which Canvas
    offers to create as a new assignment; a ``Points Possible`` row gives each set's points.
    A student who did not start a set gets a blank cell (no grade).
    """
    notebooks, students, totals = _totals(report)
    header = ["Student", "ID", "SIS Login ID", "Section", *notebooks]
    rows: list[list[Any]] = [
        ["Points Possible", "", "", "", *(possible_points(report.keys[n]) for n in notebooks)]
    ]
    for student in students:
        scores = [totals.get((student, n), "") for n in notebooks]
        rows.append([student, "", student, "", *scores])
    return to_csv(header, rows)


def moodle_csv(report: GradeReport) -> str:
    """Return a gradebook for Moodle's CSV grade import.

    Columns ``Username`` (map it to "username" on Moodle's preview page), then one column
    per exercise set (map each to a new or existing grade item); ``-`` means no grade.
    """
    notebooks, students, totals = _totals(report)
    header = ["Username", *notebooks]
    rows = [[s, *(totals.get((s, n), "-") for n in notebooks)] for s in students]
    return to_csv(header, rows)


def reflections_csv(rows: list[dict[str, Any]]) -> str:
    """Return the reflections (from :func:`casekit.classroom.analysis.reflections`) as CSV."""
    header = ["student", "notebook", "question", "words", "saved_at", "mark", "note", "text"]
    body = []
    for r in rows:
        mark = r.get("mark") or {}
        body.append(
            [
                r["user"],
                r["notebook"],
                r["question"],
                r["words"],
                r["saved_at"],
                mark.get("mark", ""),
                mark.get("note", ""),
                r["text"],
            ]
        )
    return to_csv(header, body)
