"""Choice questions: one right option, or several (with partial credit)."""

from __future__ import annotations

from typing import Any

from casekit.exercises.base import Question, letters, option_index
from casekit.exercises.feedback import Feedback
from casekit.exercises.normalise import AnswerError


def _options(options: Any, question_id: str) -> tuple[str, ...]:
    if isinstance(options, str) or not hasattr(options, "__iter__"):
        raise ValueError(f"question {question_id!r}: options must be a list of strings")
    out = tuple(str(o) for o in options)
    if len(out) < 2:
        raise ValueError(f"question {question_id!r}: give at least two options")
    if len(set(out)) != len(out):
        raise ValueError(f"question {question_id!r}: options must be distinct")
    if len(out) > 26:
        raise ValueError(f"question {question_id!r}: at most 26 options")
    return out


def _feedback_map(feedback: Any, options: tuple[str, ...], question_id: str) -> dict[str, str]:
    if feedback is None:
        return {}
    if not isinstance(feedback, dict):
        raise ValueError(f"question {question_id!r}: feedback must map options to messages")
    unknown = [k for k in feedback if k not in options]
    if unknown:
        raise ValueError(f"question {question_id!r}: feedback for unknown options {unknown}")
    return {str(k): str(v) for k, v in feedback.items()}


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
        self.options = _options(options, id)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        if answer not in self.options:
            raise ValueError(f"question {self.id!r}: answer {answer!r} is not one of the options")
        self.answer = answer
        self.feedback = _feedback_map(feedback, self.options, self.id)

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

    def _card_lines(self) -> list[str]:
        return [f"  {letter}) {o}" for letter, o in zip(letters(len(self.options)), self.options)]


class MultipleSelect(Question):
    """Several correct options; partial credit.

    Parameters
    ----------
    options : list of str
        The options, in the order shown.
    answer : list of str
        Every correct option.
    feedback : dict, optional
        ``{option: message}``: for a wrong option, said when it is chosen; for a right
        option, said when it is missed.

    The score is (right options chosen − wrong options chosen) / right options, never
    below 0, so ticking everything earns nothing.
    """

    kind = "multiple_select"
    kind_label = "multiple select"
    blank_message = "tick every option that applies, then check"

    def __init__(self, id: str, prompt: str, options: list[str], **kwargs: Any) -> None:
        self.options = _options(options, id)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        if isinstance(answer, str) or not hasattr(answer, "__iter__"):
            raise ValueError(f"question {self.id!r}: answer must be a list of options")
        missing = [a for a in answer if a not in self.options]
        if missing or not answer:
            raise ValueError(
                f"question {self.id!r}: answer options not among the options: {missing}"
            )
        self.answer = tuple(o for o in self.options if o in set(answer))
        self.feedback = _feedback_map(feedback, self.options, self.id)

    def _params(self) -> dict[str, Any]:
        return {"options": list(self.options)}

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": list(self.answer), "feedback": self.feedback or None}

    def _chosen(self, answer: Any) -> tuple[str, ...]:
        if isinstance(answer, str):
            parts = [p.strip() for p in answer.replace(";", ",").split(",") if p.strip()]
        elif isinstance(answer, dict):
            parts = [k for k, v in answer.items() if v]
        elif hasattr(answer, "__iter__"):
            parts = list(answer)
        else:
            raise AnswerError("give the chosen options as a list")
        indices = {option_index(self.options, p, self.id) for p in parts}
        return tuple(self.options[i] for i in sorted(indices))

    def _check(self, answer: Any) -> Feedback:
        chosen = set(self._chosen(answer))
        right = set(self.answer)
        hits = chosen & right
        wrong = chosen - right
        missed = right - chosen
        score = max(0.0, (len(hits) - len(wrong)) / len(right))
        details = tuple(
            self.feedback.get(o, f"{o!r} does not belong.") for o in self.options if o in wrong
        ) + tuple(self.feedback[o] for o in self.options if o in missed and o in self.feedback)
        if not wrong and not missed:
            return Feedback("correct", f"all {len(right)} right options chosen.", score=1.0)
        parts = []
        if wrong:
            parts.append(f"{len(wrong)} chosen option(s) do not belong")
        if missed:
            parts.append(f"{len(missed)} right option(s) missing")
        status = "partial" if score > 0 else "incorrect"
        return Feedback(status, "; ".join(parts) + ".", score=score, details=details)

    def record_form(self, answer: Any) -> Any:
        """Return the canonical JSON form of ``answer`` (as the ledger stores it)."""
        try:
            return list(self._chosen(answer))
        except AnswerError:
            return super().record_form(answer)

    def _card_lines(self) -> list[str]:
        return [f"  [ ] {o}" for o in self.options]
