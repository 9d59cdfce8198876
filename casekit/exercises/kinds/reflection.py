"""Reflection: free text collected for the instructor, with a word count and a rubric."""

from __future__ import annotations

import re
import statistics
from typing import Any

from casekit.exercises.base import ControlSet, Question
from casekit.exercises.feedback import Feedback
from casekit.exercises.normalise import AnswerError

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

    def build_controls(self) -> ControlSet:
        """Return the rubric, a text area and a live word count."""
        import ipywidgets as widgets

        from casekit.exercises.controls import WIDE, escape

        rubric = widgets.HTML(
            value="<p>Rubric:</p><ul>"
            + "".join(f"<li>{escape(r)}</li>" for r in self.rubric)
            + "</ul>"
            if self.rubric
            else ""
        )
        area = widgets.Textarea(
            value="",
            description="Your text:",
            style=WIDE,
            rows=6,
            layout=widgets.Layout(width="95%"),
        )
        target = f" (aim for at least {self.min_words})" if self.min_words else ""
        counter = widgets.Label(value=f"0 words{target}")

        def recount(change: dict[str, Any]) -> None:
            counter.value = f"{count_words(change['new'])} words{target}"

        area.observe(recount, names="value")

        def set_answer(value: Any) -> None:
            area.value = value if isinstance(value, str) else ""

        return [rubric, area, counter], lambda: area.value, set_answer

    def class_view(self, answers: list[Any]) -> str:
        """Return the median length of the class's reflections."""
        words = [count_words(a) for a in answers if isinstance(a, str)]
        return f"median {statistics.median(words):.0f} words" if words else ""

    def collected_text(self, answer: Any) -> str | None:
        """Return the reflection's text (for ``reflections.csv``)."""
        return answer if isinstance(answer, str) else None
