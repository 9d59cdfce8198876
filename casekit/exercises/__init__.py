"""Self-checking exercises: question kinds, the answer ledger, editions and grading.

Questions check answers with no browser (``q.check(answer)``); inside an
:class:`ExerciseSet` every submitted answer is appended to a ledger beside the notebook
and restored when the question is shown again. Answer keys in student editions are
obfuscated for self-checking only: they are not a secret and not a grade.

Importing this package loads neither ipywidgets nor altair; names load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from casekit.exercises.kinds import BUILTIN as _KIND_MODULES

_LAZY: dict[str, str] = {
    **_KIND_MODULES,  # every question kind's class, from the registry
    "Feedback": "casekit.exercises.feedback",
    "Question": "casekit.exercises.base",
    "question_from_spec": "casekit.exercises.kinds",
    "register_kind": "casekit.exercises.kinds",
    "ExerciseSet": "casekit.exercises.exercise_set",
    "progress": "casekit.exercises.exercise_set",
    "Progress": "casekit.exercises.panel",
    "Ledger": "casekit.exercises.ledger",
    "normalise_text": "casekit.exercises.normalise",
    "parse_number": "casekit.exercises.normalise",
    "grade": "casekit.exercises.grading",
    "GradeReport": "casekit.exercises.grading",
    "build_editions": "casekit.exercises.editions",
    "student_edition": "casekit.exercises.editions",
}
_ALIASES = {"register_kind": "register"}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), _ALIASES.get(name, name))
        globals()[name] = value
        return value
    raise AttributeError(f"module 'casekit.exercises' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
