"""Categorize: place each item in one category (also serves for matching pairs)."""

from __future__ import annotations

from typing import Any

from casekit.exercises.base import ControlSet, Question, option_index
from casekit.exercises.feedback import Feedback
from casekit.exercises.kinds.common import check_options
from casekit.exercises.normalise import AnswerError


class Categorize(Question):
    """Place each item in one category (also serves for matching pairs).

    Parameters
    ----------
    items : list of str
        The things to place, in the order shown.
    categories : list of str
        Where they can go.
    answer : dict
        ``{item: category}`` for every item.
    feedback : dict, optional
        ``{item: message}`` said when that item is misplaced.

    The score is the share of items placed right; unplaced items count as wrong.
    """

    kind = "categorize"
    kind_label = "categorize"
    blank_message = "place the items in categories, then check"

    def __init__(
        self, id: str, prompt: str, items: list[str], categories: list[str], **kwargs: Any
    ) -> None:
        self.items = check_options(items, id)
        self.categories = check_options(categories, id)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        if not isinstance(answer, dict) or set(answer) != set(self.items):
            raise ValueError(f"question {self.id!r}: answer must map every item to a category")
        bad = {k: v for k, v in answer.items() if v not in self.categories}
        if bad:
            raise ValueError(f"question {self.id!r}: unknown categories in answer: {bad}")
        self.answer = {i: answer[i] for i in self.items}
        feedback = feedback or {}
        if not isinstance(feedback, dict) or not set(feedback) <= set(self.items):
            raise ValueError(f"question {self.id!r}: feedback must map items to messages")
        self.feedback = {str(k): str(v) for k, v in feedback.items()}

    def _params(self) -> dict[str, Any]:
        return {"items": list(self.items), "categories": list(self.categories)}

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": self.answer, "feedback": self.feedback or None}

    def _placed(self, answer: Any) -> dict[str, str]:
        if not isinstance(answer, dict):
            raise AnswerError("give a mapping {item: category}")
        placed: dict[str, str] = {}
        for item, category in answer.items():
            if category is None or (isinstance(category, str) and not category.strip()):
                continue
            i = option_index(self.items, item, self.id)
            c = option_index(self.categories, category, self.id)
            placed[self.items[i]] = self.categories[c]
        return placed

    def _check(self, answer: Any) -> Feedback:
        placed = self._placed(answer)
        right = [i for i in self.items if placed.get(i) == self.answer[i]]
        wrong = [i for i in self.items if i in placed and placed[i] != self.answer[i]]
        unplaced = [i for i in self.items if i not in placed]
        score = len(right) / len(self.items)
        if len(right) == len(self.items):
            return Feedback("correct", f"all {len(self.items)} items placed right.", score=1.0)
        details = tuple(self.feedback.get(i, f"{i!r} belongs elsewhere.") for i in wrong)
        message = f"{len(right)} of {len(self.items)} items placed right"
        if unplaced:
            message += f"; {len(unplaced)} not placed yet"
        status = "partial" if right else "incorrect"
        return Feedback(status, message + ".", score=score, details=details)

    def record_form(self, answer: Any) -> Any:
        """Return the canonical JSON form of ``answer`` (as the ledger stores it)."""
        try:
            return self._placed(answer)
        except AnswerError:
            return super().record_form(answer)

    def describe_answer(self, answer: Any) -> str:
        """Return a short text for ``answer`` in reports."""
        if isinstance(answer, dict):
            wrong = [f"{i} → {c}" for i, c in answer.items() if self.answer.get(i) != c]
            if wrong:
                return "; ".join(wrong)[:80]
        return super().describe_answer(answer)

    def build_controls(self) -> ControlSet:
        """Return one drop-down menu of categories per item, named by the item."""
        import ipywidgets as widgets

        from casekit.exercises.controls import CHOOSE, aligned

        style = aligned(self.items)
        menus = [
            widgets.Dropdown(
                options=[(CHOOSE, None)] + [(c, c) for c in self.categories],
                value=None,
                description=item,
                style=style,
                layout=widgets.Layout(width="auto"),
            )
            for item in self.items
        ]

        def get_answer() -> Any:
            placed = {m.description: m.value for m in menus if m.value is not None}
            return placed or None

        def set_answer(value: Any) -> None:
            for menu in menus:
                category = (value or {}).get(menu.description)
                menu.value = category if category in self.categories else None

        return menus, get_answer, set_answer

    def _card_lines(self) -> list[str]:
        return [f"  categories: {', '.join(self.categories)}"] + [f"  - {i}" for i in self.items]
