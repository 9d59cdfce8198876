"""Rating: rate areas on scales, compared with a reference view (collected, not graded)."""

from __future__ import annotations

import statistics
from statistics import mean
from typing import Any

from casekit.exercises.base import ControlSet, Question
from casekit.exercises.feedback import Feedback
from casekit.exercises.kinds.common import check_options
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
        self.areas = check_options(areas, id) if len(areas) > 1 else tuple(areas)
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

    def build_controls(self) -> ControlSet:
        """Return one drop-down menu per area and scale, named "area: scale"."""
        # Of ipywidgets 8's controls the drop-down menu is the one whose visible description
        # is the control's accessible name (<label for>): a screen reader says "transport:
        # opportunity, 3". A slider's handle has no name at all, a radio button is named by
        # its point alone ("3"), and toggle buttons do not expose which is pressed.
        import ipywidgets as widgets

        from casekit.exercises.controls import aligned

        middle = (self.low + self.high) // 2
        points = [(scale_label(v, self.low, self.high), v) for v in range(self.low, self.high + 1)]
        # a menu of a few numbers needs little room, so the labels get more (up to 40 em)
        style = aligned((f"{a}: {s}" for a in self.areas for s in self.scales), widest=40)
        width = f"calc({style['description_width']} + 10em)"
        menus = {
            (area, scale): widgets.Dropdown(
                options=points,
                value=middle,
                description=f"{area}: {scale}",
                style=style,
                layout=widgets.Layout(width=width, max_width="100%"),
            )
            for area in self.areas
            for scale in self.scales
        }

        def get_answer() -> Any:
            out: dict[str, dict[str, int]] = {}
            for (area, scale), menu in menus.items():
                out.setdefault(area, {})[scale] = menu.value
            return out

        def set_answer(value: Any) -> None:
            for (area, scale), menu in menus.items():
                given = (value or {}).get(area, {}).get(scale)
                if isinstance(given, int) and self.low <= given <= self.high:
                    menu.value = given

        scale_note = widgets.Label(f"{self.low} = very low … {self.high} = very high")
        return [scale_note, *menus.values()], get_answer, set_answer

    def class_view(self, answers: list[Any]) -> str:
        """Return the class's mean rating per area and scale."""
        parts = []
        for area in self.areas:
            for scale in self.scales:
                values = [
                    a[area][scale]
                    for a in answers
                    if isinstance(a, dict)
                    and isinstance(a.get(area), dict)
                    and isinstance(a[area].get(scale), (int, float))
                ]
                if values:
                    parts.append(f"{area} {scale}: mean {statistics.fmean(values):.1f}")
        return "; ".join(parts)


def scale_label(value: int, low: int, high: int) -> str:
    """Return the text of one point of a rating scale: its number, the ends named."""
    if value == low:
        return f"{value} (very low)"
    if value == high:
        return f"{value} (very high)"
    return str(value)
