"""Questions about arranging items: sort them into categories, or put them in order."""

from __future__ import annotations

from typing import Any

from casekit.exercises.base import Question, letters, option_index
from casekit.exercises.choice import _options
from casekit.exercises.feedback import Feedback
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
        self.items = _options(items, id)
        self.categories = _options(categories, id)
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

    def _card_lines(self) -> list[str]:
        return [f"  categories: {', '.join(self.categories)}"] + [f"  - {i}" for i in self.items]


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
        self.items = _options(items, id)
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

    def _card_lines(self) -> list[str]:
        return [f"  {letter}) {o}" for letter, o in zip(letters(len(self.items)), self.items)]
