"""Multiple select: several right options, with partial credit."""

from __future__ import annotations

from typing import Any

from casekit.exercises.base import ControlSet, Question, option_index
from casekit.exercises.feedback import Feedback
from casekit.exercises.kinds.common import check_options, feedback_map
from casekit.exercises.normalise import AnswerError


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
        self.options = check_options(options, id)
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
        self.feedback = feedback_map(feedback, self.options, self.id)

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

    def build_controls(self) -> ControlSet:
        """Return one checkbox per option, named by the option."""
        import ipywidgets as widgets

        boxes = [widgets.Checkbox(value=False, description=o, indent=False) for o in self.options]

        def set_answer(value: Any) -> None:
            chosen = set(value or [])
            for box in boxes:
                box.value = box.description in chosen

        group = widgets.VBox(boxes)
        return (
            [widgets.Label("Tick every option that applies:"), group],
            (lambda: [b.description for b in boxes if b.value]),
            set_answer,
        )

    def _card_lines(self) -> list[str]:
        return [f"  [ ] {o}" for o in self.options]
