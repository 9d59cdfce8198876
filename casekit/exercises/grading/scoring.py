"""Scoring one submission: every answer re-checked with the question's own ``check``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casekit.exercises.grading.keyfiles import KeySet


@dataclass
class GradedSubmission:
    """Scores for one submission, recomputed from its answers."""

    path: str
    student: str
    notebook: str
    exported_at: str
    scores: dict[str, float | None]
    statuses: dict[str, str]
    answers: dict[str, Any]
    total: float
    possible: float


def score_submission(doc: dict[str, Any], path: str, keyset: KeySet) -> GradedSubmission:
    """Grade one valid submission document; any score the file claims is ignored."""
    scores: dict[str, float | None] = {}
    statuses: dict[str, str] = {}
    answers: dict[str, Any] = {}
    total = possible = 0.0
    for qid, q in keyset.questions.items():
        entry = doc["answers"].get(qid)
        answer = entry.get("answer") if entry else None
        answers[qid] = answer
        try:
            feedback = q.check(answer)
            status, score = feedback.status, feedback.score
        except Exception:  # a check must never stop grading; count it as unreadable
            status, score = "invalid", 0.0
        statuses[qid] = status
        if q.autograded:
            scores[qid] = (score or 0.0) * q.points
            total += scores[qid] or 0.0
            possible += q.points
    return GradedSubmission(
        path,
        doc["student"],
        doc["notebook"],
        str(doc.get("exported_at", "")),
        scores,
        statuses,
        answers,
        total,
        possible,
    )
