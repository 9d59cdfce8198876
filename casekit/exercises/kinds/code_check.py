"""Code check: a value the student computes in code, compared with tolerance."""

from __future__ import annotations

import math
from typing import Any

from casekit.exercises.base import ControlSet, Question
from casekit.exercises.feedback import Feedback
from casekit.exercises.normalise import to_jsonable


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
    answered_in_code = True
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

    def build_controls(self) -> ControlSet:
        """Return a note on how to submit from code (the value is computed in a cell)."""
        import ipywidgets as widgets

        from casekit.exercises.controls import escape

        note = widgets.HTML(
            value=(
                "<p>Compute the value in a code cell, then run "
                f"<code>{escape(self.code_handle())}.submit(your_value)</code>. "
                "The last recorded result is shown here.</p>"
            )
        )
        return [note], lambda: None, lambda value: None
