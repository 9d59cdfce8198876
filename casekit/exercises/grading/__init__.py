"""Grade many submissions against the instructor's key files.

Grading reads JSON and never runs anything a student wrote. Correctness is recomputed
from each answer with the same ``check`` the notebook used; any score a file claims is
ignored. Files that are malformed, oversized, duplicated, conflicting or tampered with are
listed with the reason and never stop the others. One module per step:

- :mod:`~casekit.exercises.grading.keyfiles`: the instructor's key files;
- :mod:`~casekit.exercises.grading.reading`: finding (no symbolic links followed) and
  reading submissions, and checking their format, digest and fingerprint;
- :mod:`~casekit.exercises.grading.dedup`: copies, re-exports and conflicts;
- :mod:`~casekit.exercises.grading.scoring`: one submission's scores;
- :mod:`~casekit.exercises.grading.analysis`: item analysis and the summary;
- :mod:`~casekit.exercises.grading.report` and :mod:`~casekit.exercises.grading.writing`:
  the report and its files, written all or none;
- :mod:`~casekit.exercises.grading.engine`: :func:`grade`, which runs the steps.
"""

from __future__ import annotations

from casekit.exercises.grading.dedup import Conflict
from casekit.exercises.grading.engine import grade
from casekit.exercises.grading.keyfiles import KeySet, load_keys
from casekit.exercises.grading.reading import DEFAULT_MAX_BYTES, SubmissionProblem
from casekit.exercises.grading.report import GradeReport
from casekit.exercises.grading.scoring import GradedSubmission

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Conflict",
    "GradeReport",
    "GradedSubmission",
    "KeySet",
    "SubmissionProblem",
    "grade",
    "load_keys",
]
