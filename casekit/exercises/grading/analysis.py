"""Item analysis and the Markdown summary of a grading run."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from casekit.exercises.base import Question
from casekit.exercises.grading.dedup import Conflict
from casekit.exercises.grading.keyfiles import KeySet
from casekit.exercises.grading.reading import SubmissionProblem
from casekit.exercises.grading.scoring import GradedSubmission

ITEM_COLUMNS = [
    "notebook",
    "question",
    "kind",
    "submissions",
    "answered",
    "correct",
    "difficulty",
    "most_common_wrong",
    "most_common_wrong_count",
    "class_view",
]


def _autograded_row(
    q: Question, subs: list[GradedSubmission], answered: list[GradedSubmission]
) -> dict[str, Any]:
    scores = [g.scores.get(q.id) or 0.0 for g in subs]
    wrong = Counter(
        q.describe_answer(g.answers.get(q.id))
        for g in answered
        if g.statuses.get(q.id) != "correct"
    )
    common = wrong.most_common(1)
    return {
        "difficulty": round(statistics.fmean(scores), 4) if scores else None,
        "correct": sum(1 for g in subs if g.statuses.get(q.id) == "correct"),
        "most_common_wrong": common[0][0] if common else "",
        "most_common_wrong_count": common[0][1] if common else 0,
    }


def item_rows(keys: dict[str, KeySet], graded: list[GradedSubmission]) -> list[dict[str, Any]]:
    """Return one row per question: difficulty and the most chosen wrong answer.

    For collected kinds (ratings, reflections) the row has the kind's ``class_view``
    instead of a difficulty.
    """
    rows = []
    for notebook, keyset in sorted(keys.items()):
        subs = [g for g in graded if g.notebook == notebook]
        for qid, q in keyset.questions.items():
            answered = [g for g in subs if g.statuses.get(qid) not in (None, "unanswered")]
            row: dict[str, Any] = {
                "notebook": notebook,
                "question": qid,
                "kind": q.kind,
                "submissions": len(subs),
                "answered": len(answered),
            }
            if q.autograded:
                row.update(_autograded_row(q, subs, answered))
            else:
                row.update(
                    difficulty=None,
                    correct=None,
                    most_common_wrong="",
                    most_common_wrong_count=0,
                    class_view=q.class_view([g.answers.get(qid) for g in answered]),
                )
            rows.append(row)
    return rows


def _score_lines(keys: dict[str, KeySet], graded: list[GradedSubmission]) -> list[str]:
    lines = []
    for notebook in sorted(keys):
        percents = [
            100 * g.total / g.possible for g in graded if g.notebook == notebook and g.possible
        ]
        if percents:
            lines.append(
                f"- {notebook}: mean {statistics.fmean(percents):.1f} %, "
                f"median {statistics.median(percents):.1f} % ({len(percents)} students)"
            )
    return lines


def _item_lines(items: list[dict[str, Any]]) -> list[str]:
    lines = [
        "## Items",
        "",
        "| question | kind | answered | difficulty | most chosen wrong answer |",
        "|---|---|---|---|---|",
    ]
    for row in items:
        difficulty = "" if row["difficulty"] is None else f"{row['difficulty']:.2f}"
        wrong = row["most_common_wrong"] or row.get("class_view", "")
        if row["most_common_wrong_count"]:
            wrong = f"{wrong} ({row['most_common_wrong_count']})"
        wrong = wrong.replace("|", "\\|")
        lines.append(
            f"| {row['question']} | {row['kind']} | {row['answered']} | {difficulty} | {wrong} |"
        )
    return lines


def summary_markdown(
    keys: dict[str, KeySet],
    graded: list[GradedSubmission],
    problems: list[SubmissionProblem],
    conflicts: list[Conflict],
) -> str:
    """Return a short Markdown summary: counts, scores, items, conflicts and problems."""
    lines = ["# Grading summary", ""]
    lines.append(f"- Submissions graded: {len(graded)}")
    lines.append(f"- Files listed as problems (not graded): {len(problems)}")
    if conflicts:
        lines.append(f"- Students with conflicting submissions (not graded): {len(conflicts)}")
    lines += _score_lines(keys, graded)
    lines += [
        "",
        "Scores are recomputed from the answers; scores claimed in files are ignored.",
        "",
    ]
    lines += _item_lines(item_rows(keys, graded))
    if conflicts:
        lines += ["", "## Conflicts: keep one file per student and grade again", ""]
        lines += [
            f"- {c.student} ({c.notebook}): " + ", ".join(f"`{p}`" for p in c.paths)
            for c in conflicts
        ]
    if problems:
        lines += ["", "## Files not graded", ""]
        lines += [f"- `{p.path}`: {p.problem}: {p.reason}" for p in problems]
    return "\n".join(lines) + "\n"
