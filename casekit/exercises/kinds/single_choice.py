"""Single choice: one right option out of several."""

from __future__ import annotations

from typing import Any

from casekit.exercises.base import ControlSet, Question, letters, option_index
from casekit.exercises.feedback import Feedback
from casekit.exercises.kinds.common import check_options, feedback_map
from casekit.exercises.normalise import AnswerError


class SingleChoice(Question):
    """One correct option out of several.

    Parameters
    ----------
    options : list of str
        The options, in the order shown.
    answer : str
        The correct option's text.
    feedback : dict, optional
        ``{wrong option: message naming the misconception}``.

    Students may answer with the option text or its letter (``"a"``, ``"b"``...).
    """

    kind = "single_choice"
    kind_label = "single choice"

    def __init__(self, id: str, prompt: str, options: list[str], **kwargs: Any) -> None:
        self.options = check_options(options, id)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        if answer not in self.options:
            raise ValueError(f"question {self.id!r}: answer {answer!r} is not one of the options")
        self.answer = answer
        self.feedback = feedback_map(feedback, self.options, self.id)

    def _params(self) -> dict[str, Any]:
        return {"options": list(self.options)}

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": self.answer, "feedback": self.feedback or None}

    def _check(self, answer: Any) -> Feedback:
        if isinstance(answer, (list, tuple, set)):
            if len(answer) != 1:
                raise AnswerError("choose exactly one option")
            answer = next(iter(answer))
        chosen = self.options[option_index(self.options, answer, self.id)]
        if chosen == self.answer:
            return Feedback("correct", f"{chosen}.", score=1.0)
        message = self.feedback.get(chosen, f"{chosen!r} is not the best answer.")
        return Feedback("incorrect", message, score=0.0)

    def record_form(self, answer: Any) -> Any:
        """Return the canonical JSON form of ``answer`` (as the ledger stores it)."""
        try:
            return self.options[option_index(self.options, answer, self.id)]
        except AnswerError:
            return super().record_form(answer)

    def build_controls(self) -> ControlSet:
        """Return radio buttons, one per option."""
        import ipywidgets as widgets

        from casekit.exercises.controls import WIDE

        radio = widgets.RadioButtons(
            options=list(self.options),
            value=None,
            description="Answer:",
            style=WIDE,
            layout=widgets.Layout(width="auto"),
        )

        def set_answer(value: Any) -> None:
            radio.value = value if value in self.options else None

        return [radio], lambda: radio.value, set_answer

    def _card_lines(self) -> list[str]:
        return [f"  {letter}) {o}" for letter, o in zip(letters(len(self.options)), self.options)]
