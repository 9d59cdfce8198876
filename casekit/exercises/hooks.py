"""Listeners told when an exercise set starts and after each answer is saved in its ledger.

The ledger is always the first write: a listener runs only after an answer is in it, and
one that fails is ignored, so a listener can never lose or block an answer. A listener is
any object with two methods:

``started(exercise_set)``
    Runs when an :class:`~casekit.exercises.exercise_set.ExerciseSet` is created.
``saved(exercise_set, record, feedback)``
    Runs after ``record`` (the ledger line as stored) was appended; it may return a
    changed :class:`~casekit.exercises.feedback.Feedback` (e.g. with a line saying where
    the answer went), or None to leave it as it is.

Listeners come from the ``casekit.answer_listeners`` entry point group (loaded once per
process; ``casekit.classroom`` registers the one that sends answers to a class service
on JupyterHub) and from :data:`LISTENERS`.
"""

from __future__ import annotations

import contextlib
from typing import Any

GROUP = "casekit.answer_listeners"
#: The listeners in use (entry points are added on first use).
LISTENERS: list[Any] = []
_state = {"loaded": False}


def listeners() -> list[Any]:
    """Return the listeners, loading the entry points the first time."""
    if not _state["loaded"]:
        _state["loaded"] = True
        from importlib.metadata import entry_points

        for point in entry_points(group=GROUP):
            with contextlib.suppress(Exception):  # a broken plug-in must not stop exercises
                LISTENERS.append(point.load())
    return list(LISTENERS)


def started(exercise_set: Any) -> None:
    """Tell every listener that ``exercise_set`` was created."""
    for listener in listeners():
        with contextlib.suppress(Exception):
            listener.started(exercise_set)


def saved(exercise_set: Any, record: dict[str, Any], feedback: Any) -> Any:
    """Tell every listener that ``record`` was saved; return the (possibly changed) feedback."""
    for listener in listeners():
        with contextlib.suppress(Exception):
            feedback = listener.saved(exercise_set, record, feedback) or feedback
    return feedback
