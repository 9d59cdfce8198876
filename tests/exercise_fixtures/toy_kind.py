"""A toy question kind defined outside casekit: one module and one ``register`` call.

``tests/test_exercises_registry.py`` imports it (and so does the notebook it builds, in its
own kernel) to prove that the registry alone gives a new kind a factory on
``ExerciseSet``, a view, a student edition with a sealed key, and grading.
"""

from __future__ import annotations

from typing import Any

from casekit.exercises.base import ControlSet, Question
from casekit.exercises.feedback import Feedback
from casekit.exercises.kinds import register
from casekit.exercises.normalise import AnswerError

_WORDS = {"yes": True, "no": False, "true": True, "false": False}


class YesNo(Question):
    """Answer yes or no.

    Parameters
    ----------
    answer : bool
        The right answer.
    feedback : str, optional
        Said after a wrong answer.
    """

    kind = "yes_no"
    kind_label = "yes or no"
    blank_message = "choose yes or no, then check"

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        if not isinstance(answer, bool):
            raise ValueError(f"question {self.id!r}: answer must be True or False")
        self.answer = answer
        self.feedback = None if feedback is None else str(feedback)

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": self.answer, "feedback": self.feedback}

    def _value(self, answer: Any) -> bool:
        if isinstance(answer, bool):
            return answer
        if isinstance(answer, str) and answer.strip().casefold() in _WORDS:
            return _WORDS[answer.strip().casefold()]
        raise AnswerError("answer yes or no")

    def _check(self, answer: Any) -> Feedback:
        if self._value(answer) == self.answer:
            return Feedback("correct", "yes." if self.answer else "no.", score=1.0)
        return Feedback("incorrect", self.feedback or "not quite.", score=0.0)

    def record_form(self, answer: Any) -> Any:
        """Return ``True``/``False`` for any accepted spelling."""
        try:
            return self._value(answer)
        except AnswerError:
            return super().record_form(answer)

    def build_controls(self) -> ControlSet:
        """Return two radio buttons, yes and no."""
        import ipywidgets as widgets

        radio = widgets.RadioButtons(options=["yes", "no"], value=None, description="Answer:")

        def set_answer(value: Any) -> None:
            radio.value = {True: "yes", False: "no"}.get(value)

        return [radio], lambda: radio.value, set_answer


register(YesNo)
