"""The small public contracts between a question, where its answers go and how it is shown.

A :class:`~casekit.exercises.base.Question` knows nothing of ``ExerciseSet`` or of
ipywidgets: it is bound to an :class:`AnswerStore` (``question.bind(store)``) and shown by
an :class:`AnswerView`. ``ExerciseSet`` is the store casekit ships, ``QuestionView`` the
view; a view needs of a question only what :class:`ShownQuestion` lists. This module
imports nothing of casekit but :mod:`casekit.exercises.feedback`, so every side can use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from casekit.exercises.feedback import Feedback

#: What a question's ``build_controls()`` returns: the widgets, a getter and a setter.
ControlSet = tuple[list[Any], Callable[[], Any], Callable[[Any], None]]


class AnswerStore(Protocol):
    """Where a bound question's answers are recorded and restored from."""

    def submit(self, question: Any, answer: Any) -> Feedback:
        """Check ``answer`` to ``question``, record it, and return the feedback."""

    def restore(self, question_id: str) -> tuple[Any, Feedback] | None:
        """Return the last recorded answer and its feedback, or None."""

    def note(self, question_id: str, feedback: Feedback) -> None:
        """Remember the latest feedback given for ``question_id`` (saved or not)."""


class AnswerView(Protocol):
    """What displays a question: its widget box, and a way to show new feedback."""

    box: Any

    def show(self, feedback: Feedback) -> None:
        """Display ``feedback`` (and whether the answer was saved)."""


class ShownQuestion(Protocol):
    """What a view needs of a question (every question kind has it)."""

    kind_label: ClassVar[str]
    autograded: ClassVar[bool]
    answered_in_code: ClassVar[bool]
    id: str
    title: str
    prompt: str
    hints: tuple[str, ...]
    max_attempts: int

    @property
    def store(self) -> AnswerStore | None:
        """The store the question records answers in, or None."""

    @property
    def check_verb(self) -> str:
        """The label of the button that checks (or records) an answer."""

    def build_controls(self) -> ControlSet:
        """Return the widgets, a getter and a setter."""

    def check(self, answer: Any) -> Feedback:
        """Check ``answer`` without saving it."""

    def hint(self, number: int = 1) -> str:
        """Return hint ``number``."""
