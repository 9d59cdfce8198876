"""Questions answered with a value: a number, a short text, or a computed result."""

from __future__ import annotations

import math
from typing import Any

from casekit.exercises.base import Question
from casekit.exercises.feedback import Feedback
from casekit.exercises.normalise import (
    AnswerError,
    levenshtein,
    normalise_text,
    parse_number,
    to_jsonable,
)


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


def _is_frame(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"columns", "index", "data"}


def _close(a: Any, b: Any, tol: float, rtol: float) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if math.isnan(a) or math.isnan(b):
            return False
        return abs(a - b) <= tol + rtol * abs(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(_close(a[k], b[k], tol, rtol) for k in b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y, tol, rtol) for x, y in zip(a, b))
    return a == b


def _shape(value: Any) -> str:
    if _is_frame(value):
        return f"a table with {len(value['data'])} rows and columns {value['columns']}"
    if isinstance(value, dict):
        return f"labelled values ({len(value)} labels)"
    if isinstance(value, list):
        return f"a list of {len(value)} values"
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, (int, float)):
        return "a single number"
    if isinstance(value, str):
        return "a text"
    return "nothing" if value is None else type(value).__name__


class CodeCheck(Question):
    """A value the student computes (a number, a Series, a DataFrame...), compared with tolerance.

    Parameters
    ----------
    answer : JSON data
        The expected value in JSON form: a number, a list, ``{label: value}`` for a
        Series, or ``{"columns", "index", "data"}`` for a DataFrame (the index is ignored).
    feedback : list of [value, message]
        Typical wrong results and the hint each deserves.
    tolerance, rel_tolerance : float
        Absolute and relative tolerance for every number compared.
    """

    kind = "code_check"
    kind_label = "compute"
    blank_message = "compute the value, then submit it"

    def __init__(
        self,
        id: str,
        prompt: str,
        *,
        tolerance: float = 1e-9,
        rel_tolerance: float = 1e-6,
        **kwargs: Any,
    ) -> None:
        self.tolerance = float(tolerance)
        self.rel_tolerance = float(rel_tolerance)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        self.answer = to_jsonable(answer)
        mistakes = []
        for entry in feedback or []:
            try:
                value, message = entry
            except (TypeError, ValueError):
                raise ValueError(
                    f"question {self.id!r}: feedback entries must be [value, message]"
                ) from None
            mistakes.append((to_jsonable(value), str(message)))
        self.feedback = mistakes

    def _params(self) -> dict[str, Any]:
        return {"tolerance": self.tolerance, "rel_tolerance": self.rel_tolerance}

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": self.answer, "feedback": [list(m) for m in self.feedback] or None}

    def _comparable(self, value: Any) -> Any:
        if _is_frame(value):
            return {"columns": value["columns"], "data": value["data"]}
        return value

    def _check(self, answer: Any) -> Feedback:
        got = to_jsonable(answer)
        want = self.answer
        if _close(
            self._comparable(got), self._comparable(want), self.tolerance, self.rel_tolerance
        ):
            return Feedback("correct", "the value matches.", score=1.0)
        for value, message in self.feedback:
            if _close(
                self._comparable(got), self._comparable(value), self.tolerance, self.rel_tolerance
            ):
                return Feedback("incorrect", message, score=0.0)
        return Feedback("incorrect", self._diagnose(got, want), score=0.0)

    def _diagnose(self, got: Any, want: Any) -> str:
        if _is_frame(want) and _is_frame(got):
            if got["columns"] != want["columns"]:
                return f"the columns should be {want['columns']}, not {got['columns']}."
            if len(got["data"]) != len(want["data"]):
                return f"expected {len(want['data'])} rows, got {len(got['data'])}."
            return "the table has the right shape, but some values differ."
        if isinstance(want, dict) and isinstance(got, dict) and not _is_frame(want):
            missing = sorted(set(want) - set(got))
            extra = sorted(set(got) - set(want))
            if missing or extra:
                parts = []
                if missing:
                    parts.append(f"labels missing: {', '.join(missing)[:60]}")
                if extra:
                    parts.append(f"unexpected labels: {', '.join(extra)[:60]}")
                return "; ".join(parts) + "."
            off = [
                k for k in want if not _close(got[k], want[k], self.tolerance, self.rel_tolerance)
            ]
            return f"the labels are right; check the value(s) for {', '.join(off)[:80]}."
        if isinstance(want, list) and isinstance(got, list) and len(want) != len(got):
            return f"expected {len(want)} values, got {len(got)}."
        if _shape(got) != _shape(want):
            return f"expected {_shape(want)}, got {_shape(got)}."
        return "the value is not right yet."
