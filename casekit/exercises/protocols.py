"""The small public contracts between a question, where its answers go and how it is shown.

A :class:`~casekit.exercises.base.Question` knows nothing of :class:`ExerciseSet` or of
ipywidgets: it is bound to an :class:`AnswerStore` (``question.bind(store)``) and shown by
an :class:`AnswerView`. ``ExerciseSet`` is the store casekit ships; ``QuestionView`` the view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from casekit.exercises.base import Question
    from casekit.exercises.feedback import Feedback


class AnswerStore(Protocol):
    """Where a bound question's answers are recorded and restored from."""

    def submit(self, question: Question, answer: Any) -> Feedback:
        """Check ``answer``, record it, and return the feedback."""

    def restore(self, question_id: str) -> tuple[Any, Feedback] | None:
        """Return the last recorded answer and its feedback, or None."""

    def note(self, question_id: str, feedback: Feedback) -> None:
        """Remember the latest feedback given for ``question_id`` (saved or not)."""


class AnswerView(Protocol):
    """What displays a question: its widget box, and a way to show new feedback."""

    box: Any

    def show(self, feedback: Feedback) -> None:
        """Display ``feedback`` (and whether the answer was saved)."""
