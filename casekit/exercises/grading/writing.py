"""Writing a grading run's files: all or none, every CSV safe to open in a spreadsheet."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.exercises.grading.dedup import Conflict
from casekit.exercises.grading.keyfiles import KeySet
from casekit.exercises.grading.scoring import GradedSubmission
from casekit.outputs import staged_outputs, write_csv

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


@dataclass
class RunFiles:
    """What one grading run writes: CSV tables, text files and an optional chart."""

    tables: dict[str, tuple[list[dict[str, Any]], list[str]]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    chart: Any = None


def _question_columns(keys: dict[str, KeySet]) -> list[str]:
    qids: list[str] = []
    for notebook in sorted(keys):
        questions = keys[notebook].questions
        qids += [qid for qid, question in questions.items() if question.autograded]
    return qids


def gradebook_rows(
    keys: dict[str, KeySet], graded: list[GradedSubmission], conflicts: list[Conflict]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the gradebook's rows and columns: one row per student and notebook.

    A student with conflicting submissions gets a row with no scores and a ``flag``.
    """
    qids = _question_columns(keys)
    columns = ["student", "notebook", "file", "exported_at", *qids]
    columns += ["total", "possible", "percent", "flag"]
    rows: list[dict[str, Any]] = []
    for g in graded:
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
    for c in conflicts:
        rows.append(
            {"student": c.student, "notebook": c.notebook, "file": "; ".join(c.paths)}
            | {"flag": c.flag}
        )
    rows.sort(key=lambda r: (r["notebook"], r["student"]))
    return rows, columns


def reflection_rows(
    keys: dict[str, KeySet], graded: list[GradedSubmission]
) -> list[dict[str, Any]]:
    """Return the free texts graded submissions give the instructor to read."""
    rows = []
    for g in graded:
        for qid, q in keys[g.notebook].questions.items():
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


def _write_files(files: RunFiles, stage: Path) -> list[str]:
    names = []
    for name, (rows, columns) in files.tables.items():
        write_csv(stage / name, rows, columns)
        names.append(name)
    for name, text in files.texts.items():
        (stage / name).write_text(text, encoding="utf-8")
        names.append(name)
    if files.chart is not None:
        names += _write_chart(files.chart, stage / "item_analysis")
    return names


def write_run(files: RunFiles, out: Path) -> list[Path]:
    """Write a grading run's files into ``out``, all or none; return their paths.

    Files of :data:`GRADE_FILES` that this run does not write are removed afterwards, so
    ``out`` never mixes two runs.
    """
    with staged_outputs(out) as stage:
        names = _write_files(files, stage)
    for stale in set(GRADE_FILES) - set(names):
        with contextlib.suppress(OSError):
            (out / stale).unlink(missing_ok=True)
    return [out / name for name in names]
