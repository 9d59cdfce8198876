"""Numeric: a number, right within a tolerance."""

from __future__ import annotations

import math
from typing import Any

from casekit.exercises.base import ControlSet, Question
from casekit.exercises.feedback import Feedback
from casekit.exercises.normalise import AnswerError, parse_number, to_jsonable


class Numeric(Question):
    """A number, right within a tolerance.

    Parameters
    ----------
    answer : float
        The right value.
    tolerance : float
        Largest accepted absolute difference (``relative=False``) or fraction of the
        answer (``relative=True``).
    units : list of str
        Unit words a student may type after the number (``"20.3 million"``).
    feedback : list of [low, high, message]
        Misconceptions as ranges: an answer in ``[low, high]`` gets that message.
    """

    kind = "numeric"
    kind_label = "number"
    blank_message = "type a number, then check"

    def __init__(
        self,
        id: str,
        prompt: str,
        *,
        tolerance: float = 0.0,
        relative: bool = False,
        units: list[str] | tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        if tolerance < 0 or not math.isfinite(tolerance):
            raise ValueError(f"question {id!r}: tolerance must be a finite number >= 0")
        self.tolerance = float(tolerance)
        self.relative = bool(relative)
        self.units = tuple(units)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            raise ValueError(f"question {self.id!r}: answer must be a number")
        self.answer = float(answer)
        ranges = []
        for entry in feedback or []:
            try:
                low, high, message = entry
                ranges.append((float(low), float(high), str(message)))
            except (TypeError, ValueError):
                raise ValueError(
                    f"question {self.id!r}: feedback entries must be [low, high, message]"
                ) from None
        self.feedback = ranges

    def _params(self) -> dict[str, Any]:
        return {"tolerance": self.tolerance, "relative": self.relative, "units": list(self.units)}

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": self.answer, "feedback": [list(r) for r in self.feedback] or None}

    def _check(self, answer: Any) -> Feedback:
        value = parse_number(answer, self.units)
        if not math.isfinite(value):
            raise AnswerError("the answer must be a finite number")
        allowed = self.tolerance * abs(self.answer) if self.relative else self.tolerance
        if abs(value - self.answer) <= allowed + 1e-12 * max(1.0, abs(self.answer)):
            return Feedback("correct", f"{value:g}.", score=1.0)
        for low, high, message in self.feedback:
            if low <= value <= high:
                return Feedback("incorrect", message, score=0.0)
        return Feedback("incorrect", f"{value:g} is not within the accepted range.", score=0.0)

    def record_form(self, answer: Any) -> Any:
        """Return the canonical JSON form of ``answer`` (as the ledger stores it)."""
        if isinstance(answer, str):
            return answer
        return to_jsonable(answer)

    def build_controls(self) -> ControlSet:
        """Return a text box for the number (units named in the placeholder)."""
        from casekit.exercises.controls import text_box

        units = f" ({self.units[0]})" if self.units else ""
        return text_box(f"a number{units}")
