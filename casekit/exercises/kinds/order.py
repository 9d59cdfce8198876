"""Order: put items in order (e.g. events in chronological order)."""

from __future__ import annotations

from typing import Any

from casekit.exercises.base import ControlSet, Question, letters, option_index
from casekit.exercises.feedback import Feedback
from casekit.exercises.kinds.common import check_options
from casekit.exercises.normalise import AnswerError


class Order(Question):
    """Put items in order (e.g. events in chronological order).

    Parameters
    ----------
    items : list of str
        The items in the order shown (shuffle them yourself, deterministically).
    answer : list of str
        The items in the right order.
    feedback : dict, optional
        ``{item: message}`` said when that item is out of place.

    The score is the share of item pairs in the right relative order.
    """

    kind = "order"
    kind_label = "order"
    blank_message = "put the items in order, then check"

    def __init__(self, id: str, prompt: str, items: list[str], **kwargs: Any) -> None:
        self.items = check_options(items, id)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        if not isinstance(answer, (list, tuple)) or sorted(answer) != sorted(self.items):
            raise ValueError(f"question {self.id!r}: answer must list every item exactly once")
        self.answer = tuple(answer)
        feedback = feedback or {}
        if not isinstance(feedback, dict) or not set(feedback) <= set(self.items):
            raise ValueError(f"question {self.id!r}: feedback must map items to messages")
        self.feedback = {str(k): str(v) for k, v in feedback.items()}

    def _params(self) -> dict[str, Any]:
        return {"items": list(self.items)}

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": list(self.answer), "feedback": self.feedback or None}

    def _sequence(self, answer: Any) -> tuple[str, ...]:
        if isinstance(answer, str):
            answer = [p.strip() for p in answer.split(",") if p.strip()]
        if not isinstance(answer, (list, tuple)):
            raise AnswerError("give the items as a list, first to last")
        seq = tuple(self.items[option_index(self.items, a, self.id)] for a in answer)
        if len(seq) != len(self.items) or len(set(seq)) != len(seq):
            raise AnswerError(f"use each of the {len(self.items)} items exactly once")
        return seq

    def _check(self, answer: Any) -> Feedback:
        seq = self._sequence(answer)
        if seq == self.answer:
            return Feedback("correct", "all items in the right order.", score=1.0)
        rank = {item: i for i, item in enumerate(self.answer)}
        n = len(seq)
        pairs = n * (n - 1) // 2
        good = sum(1 for i in range(n) for j in range(i + 1, n) if rank[seq[i]] < rank[seq[j]])
        in_place = sum(1 for a, b in zip(seq, self.answer) if a == b)
        details = tuple(
            self.feedback[item]
            for item, expected in zip(seq, self.answer)
            if item != expected and item in self.feedback
        )
        score = good / pairs
        status = "partial" if score > 0 else "incorrect"
        return Feedback(
            status,
            f"{in_place} of {n} items in the right place; "
            f"{good} of {pairs} pairs in the right order.",
            score=score,
            details=details,
        )

    def record_form(self, answer: Any) -> Any:
        """Return the canonical JSON form of ``answer`` (as the ledger stores it)."""
        try:
            return list(self._sequence(answer))
        except AnswerError:
            return super().record_form(answer)

    def build_controls(self) -> ControlSet:
        """Return one drop-down menu of items per position."""
        import ipywidgets as widgets

        from casekit.exercises.controls import CHOOSE, WIDE

        menus = [
            widgets.Dropdown(
                options=[(CHOOSE, None)] + [(item, item) for item in self.items],
                value=None,
                description=f"Position {i}:",
                style=WIDE,
                layout=widgets.Layout(width="auto"),
            )
            for i in range(1, len(self.items) + 1)
        ]

        def get_answer() -> Any:
            chosen = [m.value for m in menus if m.value is not None]
            return chosen or None

        def set_answer(value: Any) -> None:
            value = list(value or [])
            for i, menu in enumerate(menus):
                menu.value = value[i] if i < len(value) and value[i] in self.items else None

        return menus, get_answer, set_answer

    def _card_lines(self) -> list[str]:
        return [f"  {letter}) {o}" for letter, o in zip(letters(len(self.items)), self.items)]
