"""Questions that are collected, not autograded: ratings and written reflections."""

from __future__ import annotations

import re
from statistics import mean
from typing import Any

from casekit.exercises.base import Question
from casekit.exercises.choice import _options
from casekit.exercises.feedback import Feedback
from casekit.exercises.normalise import AnswerError


class Rating(Question):
    """Rate each area on one or more scales, then compare with a reference view.

    Parameters
    ----------
    areas : list of str
        What is rated (e.g. cooperation areas).
    scales : list of str
        The scales each area is rated on (e.g. ``["opportunity", "dependence risk"]``).
    low, high : int
        The ends of every scale.
    answer : dict, optional
        The reference view (e.g. our reading of the article): ``{area: {scale: value}}``.
        It is compared with, never graded against.

    Answers are ``{area: {scale: value}}``; every area and scale must be rated.
    """

    kind = "rating"
    kind_label = "rating"
    autograded = False
    answer_required = False
    blank_message = "choose a rating on every scale, then record it"

    def __init__(
        self,
        id: str,
        prompt: str,
        areas: list[str],
        scales: list[str] | tuple[str, ...] = ("opportunity", "dependence risk"),
        *,
        low: int = 1,
        high: int = 5,
        **kwargs: Any,
    ) -> None:
        self.areas = _options(areas, id) if len(areas) > 1 else tuple(areas)
        self.scales = tuple(scales)
        if not self.areas or not self.scales or low >= high:
            raise ValueError(f"question {id!r}: give areas, scales and low < high")
        self.low, self.high = int(low), int(high)
        kwargs.setdefault("points", 0.0)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        self.answer = self._ratings(answer) if answer is not None else None
        self.feedback = None

    def _params(self) -> dict[str, Any]:
        return {
            "areas": list(self.areas),
            "scales": list(self.scales),
            "low": self.low,
            "high": self.high,
        }

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": self.answer}

    def _ratings(self, answer: Any) -> dict[str, dict[str, int]]:
        if not isinstance(answer, dict):
            raise AnswerError("give ratings as {area: {scale: value}}")
        out: dict[str, dict[str, int]] = {}
        for area in self.areas:
            given = answer.get(area)
            if not isinstance(given, dict):
                raise AnswerError(f"rate {area!r} on every scale")
            out[area] = {}
            for scale in self.scales:
                value = given.get(scale)
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise AnswerError(f"rate {area!r} for {scale!r} with a number")
                if not self.low <= value <= self.high:
                    raise AnswerError(f"ratings go from {self.low} to {self.high}")
                out[area][scale] = round(value)
        return out

    def _check(self, answer: Any) -> Feedback:
        mine = self._ratings(answer)
        if self.answer is None:
            return Feedback("recorded", "your rating is recorded.")
        details = []
        for area in self.areas:
            parts = []
            for scale in self.scales:
                a, b = mine[area][scale], self.answer[area][scale]
                relation = "same as" if a == b else ("higher than" if a > b else "lower than")
                parts.append(f"{scale} {a} ({relation} the reference {b})")
            details.append(f"{area}: " + "; ".join(parts))
        gap = mean(abs(mine[a][s] - self.answer[a][s]) for a in self.areas for s in self.scales)
        return Feedback(
            "recorded",
            f"on average {gap:.1f} points from the reference view.",
            details=tuple(details),
        )

    def record_form(self, answer: Any) -> Any:
        """Return the canonical JSON form of ``answer`` (as the ledger stores it)."""
        try:
            return self._ratings(answer)
        except AnswerError:
            return super().record_form(answer)

    def _card_lines(self) -> list[str]:
        return [
            f"  rate {', '.join(self.areas)} on {', '.join(self.scales)} ({self.low}-{self.high})"
        ]


_WORD = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)


def count_words(text: str) -> int:
    """Count words the way the reflection box does (letters/digits, inner ' and - kept)."""
    return len(_WORD.findall(text))


class Reflection(Question):
    """Free text, collected for the instructor with a word count and the rubric shown.

    Parameters
    ----------
    rubric : list of str
        What a good answer does; shown to the student.
    min_words, max_words : int
        Advisory length; the answer is recorded either way.
    """

    kind = "reflection"
    kind_label = "reflection"
    autograded = False
    answer_required = False
    blank_message = "write your reflection, then record it"

    def __init__(
        self,
        id: str,
        prompt: str,
        *,
        rubric: list[str] | tuple[str, ...] = (),
        min_words: int = 0,
        max_words: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.rubric = tuple(str(r) for r in rubric)
        self.min_words = int(min_words)
        self.max_words = max_words
        kwargs.setdefault("points", 0.0)
        super().__init__(id, prompt, **kwargs)

    def _setup_key(self, answer: Any, feedback: Any) -> None:
        self.answer = answer
        self.feedback = None

    def _params(self) -> dict[str, Any]:
        return {
            "rubric": list(self.rubric),
            "min_words": self.min_words,
            "max_words": self.max_words,
        }

    def _key_fields(self) -> dict[str, Any]:
        return {"answer": self.answer}

    def _check(self, answer: Any) -> Feedback:
        if not isinstance(answer, str):
            raise AnswerError("write the reflection as text")
        if len(answer) > 20_000:
            raise AnswerError("the reflection is longer than 20,000 characters")
        words = count_words(answer)
        message = f"{words} words recorded for your instructor"
        if words < self.min_words:
            message += f"; the rubric asks for at least {self.min_words}"
        elif self.max_words and words > self.max_words:
            message += f"; the rubric asks for at most {self.max_words}"
        return Feedback(
            "recorded", message + ".", details=tuple(f"Rubric: {r}" for r in self.rubric)
        )

    def _card_lines(self) -> list[str]:
        return [f"  rubric: {r}" for r in self.rubric]
