"""Finding and reading submission files: only regular files inside the folders named.

Nothing here runs what a student wrote. Every file that is not graded is listed as a
:class:`SubmissionProblem` with the reason: missing paths, symbolic links (never followed),
``.zip`` archives and notebooks (not submissions), oversized, unreadable, malformed or
tampered files.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.exercises import submission
from casekit.exercises.grading.keyfiles import SYMLINK_REASON
from casekit.exercises.keys import digest

if TYPE_CHECKING:  # pragma: no cover
    from casekit.exercises.grading.keyfiles import KeySet

DEFAULT_MAX_BYTES = 1_000_000

#: Files a student might hand in instead of a submission, and what to do about them.
SKIPPED_SUFFIXES = {
    ".zip": "a .zip archive, not read: unpack it (casekit reads .json submission files)",
    ".ipynb": "a notebook, not a submission: the student exports one with ex.export(...)",
}


@dataclass(frozen=True)
class SubmissionProblem:
    """A submission that was not graded (or graded with a caveat), and why."""

    path: str
    problem: str
    reason: str


def _classify(path: Path, files: list[Path], problems: list[SubmissionProblem]) -> None:
    name = path.name.lower()
    if name.endswith(".keys.json"):
        return  # the instructor's key files may sit beside the submissions
    if name.endswith(".json"):
        files.append(path)
    elif path.suffix.lower() in SKIPPED_SUFFIXES:
        problems.append(
            SubmissionProblem(str(path), "skipped", SKIPPED_SUFFIXES[path.suffix.lower()])
        )


def _walk(root: Path, files: list[Path], problems: list[SubmissionProblem]) -> None:
    """Collect the submission files under ``root`` without following symbolic links."""
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            reason = f"cannot list the folder: {exc.strerror or exc}"
            problems.append(SubmissionProblem(str(folder), "unreadable", reason))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                problems.append(SubmissionProblem(str(path), "skipped", SYMLINK_REASON))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif entry.is_file(follow_symlinks=False):
                _classify(path, files, problems)


def find_submissions(paths: list[str | Path]) -> tuple[list[Path], list[SubmissionProblem]]:
    """Return the submission files named or found in the folders named, and what was skipped.

    Folders are searched recursively for ``*.json`` (key files excepted); symbolic links
    inside them are listed as skipped and never followed; ``.zip`` and ``.ipynb`` files are
    listed as skipped with the reason; a path that does not exist, or a folder with no
    submission in it, is listed too.
    """
    files: list[Path] = []
    problems: list[SubmissionProblem] = []
    for p in map(Path, paths):
        if not p.exists() and not p.is_symlink():
            problems.append(SubmissionProblem(str(p), "missing", "does not exist"))
        elif p.is_dir():
            found: list[Path] = []
            _walk(p, found, problems)
            files += sorted(found)
            if not found:
                reason = "no submissions found (no .json files in the folder)"
                problems.append(SubmissionProblem(str(p), "no submissions", reason))
        else:
            files.append(p)
    return files, problems


def _read_bytes(path: Path, max_bytes: int) -> bytes | SubmissionProblem:
    name = str(path)
    try:
        if path.is_symlink():
            return SubmissionProblem(name, "skipped", SYMLINK_REASON)
        if not path.is_file():
            return SubmissionProblem(name, "malformed", "not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            return SubmissionProblem(
                name, "oversized", f"{size:,} bytes; the limit is {max_bytes:,}"
            )
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return SubmissionProblem(name, "malformed", f"cannot read the file: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return SubmissionProblem(name, "oversized", f"more than {max_bytes:,} bytes")
    return data


def read_submission(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """Return the JSON object in ``path``, or a :class:`SubmissionProblem` saying why not."""
    data = _read_bytes(path, max_bytes)
    if isinstance(data, SubmissionProblem):
        return data
    name = str(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SubmissionProblem(name, "malformed", f"not UTF-8 text (byte {exc.start})")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return SubmissionProblem(
            name, "malformed", f"not valid JSON: {exc.msg} at line {exc.lineno}"
        )
    except RecursionError:
        return SubmissionProblem(name, "malformed", "not valid JSON (nested too deeply)")
    except ValueError as exc:  # e.g. an integer too long to convert
        return SubmissionProblem(name, "malformed", f"not readable JSON: {str(exc)[:120]}")
    if not isinstance(doc, dict):
        return SubmissionProblem(name, "malformed", "the file is not a JSON object")
    return doc


def _format_problem(doc: dict[str, Any]) -> str | None:
    """Return why ``doc`` is not a well-formed submission, or None."""
    if doc.get("format") != submission.FORMAT:
        return f"not a casekit submission (format={doc.get('format')!r})"
    if doc.get("format_version") != submission.FORMAT_VERSION:
        return f"unsupported format_version {doc.get('format_version')!r}"
    required = ("student", "notebook", "answers", "questions_fingerprint", "digest")
    missing = [k for k in required if k not in doc]
    if missing:
        return f"missing fields: {', '.join(missing)}"
    try:
        submission.check_student_id(doc["student"])
    except ValueError as exc:
        return str(exc)[:160]
    answers = doc["answers"]
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) and "answer" in v for k, v in answers.items()
    ):
        return "answers must map question ids to {'answer': ...}"
    if not isinstance(doc.get("exported_at", ""), str):
        return "exported_at must be text"
    return None


def _key_problem(doc: dict[str, Any], keyset: KeySet) -> SubmissionProblem | None:
    """Return why ``doc`` does not match its notebook's key file (tampered), or None."""
    body = {k: v for k, v in doc.items() if k != "digest"}
    if doc["digest"] != digest(body):
        reason = "content digest does not match: the file was edited after export"
        return SubmissionProblem("", "tampered", reason)
    if doc["questions_fingerprint"] != keyset.fingerprint:
        reason = (
            "questions fingerprint differs from the key file: "
            "an edited notebook or another version of it"
        )
        return SubmissionProblem("", "tampered", reason)
    unknown = sorted(set(doc["answers"]) - set(keyset.questions))
    if unknown:
        reason = f"answers to unknown questions: {', '.join(unknown)[:120]}"
        return SubmissionProblem("", "tampered", reason)
    return None


def check_submission(
    doc: dict[str, Any], path: str, keys: dict[str, KeySet]
) -> SubmissionProblem | None:
    """Return why ``doc`` cannot be graded against ``keys`` (malformed, unknown, tampered)."""
    reason = _format_problem(doc)
    if reason is not None:
        return SubmissionProblem(path, "malformed", reason)
    notebook = doc["notebook"]
    if not isinstance(notebook, str) or notebook not in keys:
        shown = notebook if isinstance(notebook, str) else type(notebook).__name__
        return SubmissionProblem(
            path, "unknown notebook", f"no key file for notebook {shown[:64]!r}"
        )
    problem = _key_problem(doc, keys[notebook])
    if problem is not None:
        return SubmissionProblem(path, problem.problem, problem.reason)
    return None
