"""Writing a grading run's files: all or none, every CSV safe to open in a spreadsheet."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.exercises.grading.analysis import ITEM_COLUMNS
from casekit.outputs import staged_outputs, write_csv

if TYPE_CHECKING:  # pragma: no cover
    from casekit.exercises.grading.report import GradeReport

#: Every file a grading run may write; those a run does not write are removed after it.
GRADE_FILES = (
    "gradebook.csv",
    "items.csv",
    "problems.csv",
    "reflections.csv",
    "summary.md",
    "item_analysis.vl.json",
    "item_analysis.svg",
)


def _question_columns(report: GradeReport) -> list[str]:
    qids: list[str] = []
    for notebook in sorted(report.keys):
        questions = report.keys[notebook].questions
        qids += [qid for qid, question in questions.items() if question.autograded]
    return qids


def gradebook_rows(report: GradeReport) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the gradebook's rows and columns: one row per student and notebook.

    A student with conflicting submissions gets a row with no scores and a ``flag``.
    """
    qids = _question_columns(report)
    columns = ["student", "notebook", "file", "exported_at", *qids]
    columns += ["total", "possible", "percent", "flag"]
    rows: list[dict[str, Any]] = []
    for g in report.graded:
        row: dict[str, Any] = {
            "student": g.student,
            "notebook": g.notebook,
            "file": g.path,
            "exported_at": g.exported_at,
        }
        for qid in qids:
            score = g.scores.get(qid)
            row[qid] = "" if score is None else round(score, 4)
        row.update(
            total=round(g.total, 4),
            possible=g.possible,
            percent=round(100 * g.total / g.possible, 1) if g.possible else "",
        )
        rows.append(row)
    for c in report.conflicts:
        rows.append(
            {"student": c.student, "notebook": c.notebook, "file": "; ".join(c.paths)}
            | {"flag": c.flag}
        )
    rows.sort(key=lambda r: (r["notebook"], r["student"]))
    return rows, columns


def reflection_rows(report: GradeReport) -> list[dict[str, Any]]:
    """Return the free texts graded submissions give the instructor to read."""
    rows = []
    for g in report.graded:
        for qid, q in report.keys[g.notebook].questions.items():
            text = q.collected_text(g.answers.get(qid))
            if text is not None:
                rows.append(
                    {"student": g.student, "notebook": g.notebook, "question": qid, "text": text}
                )
    return rows


def _write_chart(chart: Any, stem: Path) -> list[str]:
    spec = stem.with_suffix(".vl.json")
    spec.write_text(chart.to_json(indent=1) + "\n", encoding="utf-8")
    written = [spec.name]
    try:
        import vl_convert as vlc

        svg = stem.with_suffix(".svg")
        svg.write_text(vlc.vegalite_to_svg(chart.to_dict()), encoding="utf-8")
        written.append(svg.name)
    except ImportError:  # pragma: no cover - the export extra is optional
        pass
    return written


def _write_files(report: GradeReport, stage: Path, chart: bool) -> list[str]:
    rows, columns = gradebook_rows(report)
    write_csv(stage / "gradebook.csv", rows, columns)
    items = report.items()
    write_csv(stage / "items.csv", items, ITEM_COLUMNS)
    problems = [p.__dict__ for p in report.problems]
    write_csv(stage / "problems.csv", problems, ["path", "problem", "reason"])
    names = ["gradebook.csv", "items.csv", "problems.csv"]
    reflections = reflection_rows(report)
    if reflections:
        write_csv(
            stage / "reflections.csv", reflections, ["student", "notebook", "question", "text"]
        )
        names.append("reflections.csv")
    (stage / "summary.md").write_text(report.summary(), encoding="utf-8")
    names.append("summary.md")
    if chart and any(r["difficulty"] is not None for r in items):
        names += _write_chart(report.chart(), stage / "item_analysis")
    return names


def write_report(report: GradeReport, out: Path, *, chart: bool = True) -> list[Path]:
    """Write a grading run's files into ``out``, all or none; return their paths."""
    with staged_outputs(out) as stage:
        names = _write_files(report, stage, chart)
    for stale in set(GRADE_FILES) - set(names):
        with contextlib.suppress(OSError):
            (out / stale).unlink(missing_ok=True)
    return [out / name for name in names]
