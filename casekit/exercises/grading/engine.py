"""``grade``: find, read, check, deduplicate and score submissions against key files."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from casekit.exercises.grading.dedup import Candidate, resolve
from casekit.exercises.grading.keyfiles import KeySet, load_keys
from casekit.exercises.grading.reading import (
    DEFAULT_MAX_BYTES,
    SubmissionProblem,
    check_submission,
    find_submissions,
    read_submission,
)
from casekit.exercises.grading.report import GradeReport
from casekit.exercises.grading.scoring import score_submission


def grade(
    submissions: list[str | Path],
    keys: dict[str, KeySet] | list[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> GradeReport:
    """Grade submission files (or folders of them) against key files.

    Parameters
    ----------
    submissions : list of paths
        Submission files or folders (searched recursively for ``*.json``; symbolic links
        are never followed).
    keys : dict or list of paths
        Loaded key sets, or ``*.keys.json`` files / folders holding them.
    max_bytes : int
        Larger files are listed as oversized and not read.

    Returns
    -------
    GradeReport
        Graded submissions, conflicts (one student, different submissions: none graded)
        and every file not graded with the reason.

    Raises
    ------
    ValueError
        If the key files cannot be found or read (the message names the file).
    """
    keysets = keys if isinstance(keys, dict) else load_keys(list(keys))
    report = GradeReport(keysets)
    files, report.problems = find_submissions(submissions)
    candidates: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for path in files:
        doc = read_submission(path, max_bytes)
        if isinstance(doc, SubmissionProblem):
            report.problems.append(doc)
            continue
        problem = check_submission(doc, str(path), keysets)
        if problem is not None:
            report.problems.append(problem)
            continue
        candidates[(doc["student"], doc["notebook"])].append(Candidate(doc, str(path)))
    for (student, notebook), group in sorted(candidates.items()):
        outcome = resolve(student, notebook, group)
        report.problems += outcome.problems
        if outcome.conflict is not None:
            report.conflicts.append(outcome.conflict)
        if outcome.graded is not None:
            chosen = outcome.graded
            report.graded.append(score_submission(chosen.doc, chosen.path, keysets[notebook]))
    return report
