"""One submission file per student and notebook: what ``export()`` writes and grading reads."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from casekit.exercises.keys import digest

FORMAT = "casekit-submission"
FORMAT_VERSION = 1
_STUDENT = re.compile(r"^[\w.@+-]{1,64}$", re.UNICODE)


def check_student_id(student: object) -> str:
    """Return ``student`` if it is a usable id (1-64 letters, digits, ``_ . @ + -``)."""
    if not isinstance(student, str) or not _STUDENT.match(student):
        raise ValueError(
            f"student id {student!r} is not valid: "
            "use 1-64 letters, digits, '_', '.', '@', '+' or '-'"
        )
    return student


def build(
    *,
    student: str,
    notebook: str,
    fingerprint: str,
    casekit_version: str,
    exported_at: str,
    answers: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """Return a submission document with its content digest."""
    body = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "student": check_student_id(student),
        "notebook": notebook,
        "questions_fingerprint": fingerprint,
        "casekit_version": casekit_version,
        "exported_at": exported_at,
        "answers": answers,
    }
    body["digest"] = digest(body)
    return body


def write(document: dict[str, Any], path: Path) -> Path:
    """Write ``document`` to ``path`` atomically (temporary file, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return path
