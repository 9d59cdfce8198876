"""Short text: a short answer, compared after normalisation."""

from __future__ import annotations

from typing import Any

from casekit.exercises.base import ControlSet, Question
from casekit.exercises.feedback import Feedback
from casekit.exercises.normalise import AnswerError, levenshtein, normalise_text


class ShortText(Question):
    """A short text answer, compared after normalisation.

    Parameters
    ----------
    answer : str or list of str
        The accepted answers: the first is shown as the model answer, the rest are aliases.
    feedback : dict, optional
        ``{wrong answer: message}``; keys are normalised like answers.
    typos : int
        Edit distance tolerated for answers of five or more characters.
    """

    kind = "short_text"
    kind_label = "short text"
    blank_message = "type an answer, then check"

    def __init__(self, id: str, prompt: str, *, typos: int = 0, **kwargs: Any) -> None:
        self.typos = int(typos)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        accepted = [answer] if isinstance(answer, str) else list(answer)
        if not accepted or not all(isinstance(a, str) and normalise_text(a) for a in accepted):
            raise ValueError(f"question {self.id!r}: answer must be non-empty text(s)")
        self.answer = tuple(accepted)
        self._accepted = {normalise_text(a) for a in accepted}
        if feedback is not None and not isinstance(feedback, dict):
            raise ValueError(f"question {self.id!r}: feedback must map wrong answers to messages")
        self.feedback = {str(k): str(v) for k, v in (feedback or {}).items()}
        self._wrong = {normalise_text(k): v for k, v in self.feedback.items()}

    def _params(self) -> dict[str, Any]:
        return {"typos": self.typos}

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": list(self.answer), "feedback": self.feedback or None}

    def _check(self, answer: Any) -> Feedback:
        if not isinstance(answer, str):
            raise AnswerError("type the answer as text")
        if len(answer) > 500:
            raise AnswerError("the answer is too long for a short-text question")
        folded = normalise_text(answer)
        if folded in self._accepted:
            return Feedback("correct", f"{self.answer[0]}.", score=1.0)
        if folded in self._wrong:
            return Feedback("incorrect", self._wrong[folded], score=0.0)
        if self.typos and len(folded) >= 5:
            for accepted in self._accepted:
                if levenshtein(folded, accepted, self.typos) <= self.typos:
                    return Feedback("correct", f"{self.answer[0]} (check the spelling).", score=1.0)
        return Feedback("incorrect", "that is not the answer we are looking for.", score=0.0)

    def describe_answer(self, answer: Any) -> str:
        """Return a short text for ``answer`` in reports."""
        return (
            normalise_text(answer) if isinstance(answer, str) else super().describe_answer(answer)
        )

    def build_controls(self) -> ControlSet:
        """Return a text box for the answer."""
        from casekit.exercises.controls import text_box

        return text_box("a short answer")
