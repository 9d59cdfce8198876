"""Several files from one student for one notebook: copies, re-exports and conflicts.

Files whose answers are the same (byte-identical copies, or the same answers exported
again) are graded once, the others listed as duplicates. Files whose answers differ are a
**conflict**: none of them is graded, every one is listed, and the gradebook flags the
student. Nothing is settled by the ``exported_at`` time a file carries, which the student
controls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casekit.exercises.grading.reading import SubmissionProblem
from casekit.exercises.keys import canonical_json


@dataclass(frozen=True)
class Candidate:
    """A valid submission document and the file it came from."""

    doc: dict[str, Any]
    path: str

    @property
    def answers_key(self) -> bytes:
        """The submission's answers in canonical form (what makes two files the same)."""
        answers = self.doc["answers"]
        return canonical_json({qid: entry.get("answer") for qid, entry in answers.items()})


@dataclass(frozen=True)
class Conflict:
    """One student's different submissions for one notebook; none of them is graded."""

    student: str
    notebook: str
    paths: tuple[str, ...]

    @property
    def flag(self) -> str:
        """The gradebook's note for this student."""
        return f"conflict: {len(self.paths)} different submissions; keep one file and grade again"


@dataclass
class Resolution:
    """What one student's files for one notebook come to."""

    graded: Candidate | None
    problems: list[SubmissionProblem]
    conflict: Conflict | None = None


def _groups(candidates: list[Candidate]) -> list[list[Candidate]]:
    groups: dict[bytes, list[Candidate]] = {}
    for candidate in sorted(candidates, key=lambda c: c.path):
        groups.setdefault(candidate.answers_key, []).append(candidate)
    return list(groups.values())


def _duplicates(group: list[Candidate], conflicted: bool) -> list[SubmissionProblem]:
    first = group[0]
    raw = canonical_json(first.doc)
    outcome = "see the conflict listed for it" if conflicted else "graded that one"
    problems = []
    for other in group[1:]:
        same = "an identical copy of" if canonical_json(other.doc) == raw else "the same answers as"
        problems.append(
            SubmissionProblem(other.path, "duplicate", f"{same} {first.path}; {outcome}")
        )
    return problems


def resolve(student: str, notebook: str, candidates: list[Candidate]) -> Resolution:
    """Decide which of one student's files for one notebook is graded (at most one)."""
    groups = _groups(candidates)
    conflicted = len(groups) > 1
    problems = [p for group in groups for p in _duplicates(group, conflicted)]
    if not conflicted:
        return Resolution(groups[0][0], problems)
    paths = tuple(group[0].path for group in groups)
    for path in paths:
        others = ", ".join(p for p in paths if p != path)
        reason = (
            f"student {student!r} also submitted {others} for {notebook!r} with different "
            "answers; none is graded until all but one are removed"
        )
        problems.append(SubmissionProblem(path, "conflict", reason[:400]))
    return Resolution(None, problems, Conflict(student, notebook, paths))
