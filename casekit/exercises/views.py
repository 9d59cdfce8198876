"""ipywidgets views of questions: native, labelled, keyboard-operable controls.

Every control is named by visible text, its ``description`` or its option's label (that
is what a screen reader announces); the Check and Hint buttons are ordinary buttons (Tab to
reach, Space or Enter to press); a drop-down menu changes with the arrow keys. Feedback is
text with a symbol (✓ ◐ ✗ … ⚠ ✎), never colour alone, and it is set through the ``value``
trait of an ``HTML`` widget, not printed into an ``Output`` widget, so it behaves the same
under nbval and after a kernel restart. This module imports ipywidgets; nothing else in
casekit does until a question is displayed.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from casekit.exercises.base import Question
from casekit.exercises.feedback import Feedback
from casekit.exercises.opinion import count_words

_WIDE = {"description_width": "initial"}
CHOOSE = "— choose —"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def feedback_html(feedback: Feedback | None) -> str:
    """Return the HTML (text only, in a polite live region) for ``feedback``."""
    if feedback is None:
        return '<div role="status" aria-live="polite"></div>'
    body = "<br>".join(_esc(line) for line in feedback.text.splitlines())
    return f'<div role="status" aria-live="polite">{body}</div>'


class QuestionView:
    """The widgets for one question, with the logic to check, hint and restore.

    Attributes
    ----------
    box : ipywidgets.VBox
        What is displayed.
    check_button, hint_button : ipywidgets.Button
    feedback : ipywidgets.HTML
        Feedback text, set through its ``value`` trait.
    status : ipywidgets.Label
        Attempts used and whether the answer is saved.
    """

    def __init__(self, question: Question) -> None:
        self.question = question
        self.hints_shown = 0
        heading = f"<strong>{_esc(question.title)}</strong> ({_esc(question.kind_label)})"
        self.prompt = widgets.HTML(value=f"<p>{heading}</p><p>{_esc(question.prompt)}</p>")
        builder = _BUILDERS[question.kind]
        self.controls, self.get_answer, self.set_answer = builder(question)
        verb = "Record" if not question.autograded else "Check"
        if question.kind == "code_check":
            verb = "Show last result"
        self.check_button = widgets.Button(
            description=verb, tooltip=f"{verb} your answer to {question.id}", icon="check"
        )
        self.hint_button = widgets.Button(
            description="Show a hint",
            tooltip="Reveal the next hint",
            disabled=not question.hints,
        )
        self.feedback = widgets.HTML(value=feedback_html(None))
        self.hint_text = widgets.HTML(value="")
        self.status = widgets.Label(value="")
        self.check_button.on_click(lambda _button: self.submit())
        self.hint_button.on_click(lambda _button: self.next_hint())
        self.box = widgets.VBox(
            [
                self.prompt,
                *self.controls,
                widgets.HBox([self.check_button, self.hint_button]),
                self.feedback,
                self.hint_text,
                self.status,
            ],
            layout=widgets.Layout(border="1px solid #888", padding="0.5em", margin="0.5em 0"),
        )
        self.restore()

    def submit(self) -> Feedback:
        """Check (and, in an exercise set, save) what the controls show; update the view."""
        q = self.question
        if q.kind == "code_check" and q._set is not None:
            restored = q._set.restore(q.id)
            feedback = restored[1] if restored else q.check(None)
        else:
            answer = self.get_answer()
            feedback = q._set.submit(q, answer) if q._set is not None else q.check(answer)
        self.show(feedback)
        return feedback

    def show(self, feedback: Feedback) -> None:
        """Display ``feedback`` and the attempt / saving status."""
        self.feedback.value = feedback_html(feedback)
        q = self.question
        if feedback.saved is True:
            attempts = f"attempt {feedback.attempt}" if q.autograded else "answer"
            limit = f" of {q.max_attempts}" if q.autograded and feedback.attempt else ""
            self.status.value = f"Saved ({attempts}{limit})."
        elif feedback.saved is False:
            self.status.value = f"⚠ Not saved: {feedback.save_error}"
        elif q._set is None:
            self.status.value = "Checked only: this question is not part of an exercise set."
        else:
            self.status.value = ""

    def next_hint(self) -> str:
        """Reveal the next hint and return it."""
        if self.hints_shown < len(self.question.hints):
            self.hints_shown += 1
        text = self.question.hint(self.hints_shown)
        shown = [self.question.hint(i) for i in range(1, self.hints_shown + 1)]
        self.hint_text.value = "<br>".join(_esc(t) for t in shown)
        if self.hints_shown >= len(self.question.hints):
            self.hint_button.disabled = True
        return text

    def restore(self) -> bool:
        """Show the last recorded answer and its feedback; return whether there was one."""
        q = self.question
        if q._set is None:
            return False
        restored = q._set.restore(q.id)
        if restored is None:
            return False
        answer, feedback = restored
        with contextlib.suppress(Exception):  # a stale answer that no longer fits
            self.set_answer(answer)
        self.show(feedback)
        return True


Builder = Callable[[Question], tuple[list[Any], Callable[[], Any], Callable[[Any], None]]]


def _single(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    radio = widgets.RadioButtons(
        options=list(q.options),
        value=None,
        description="Answer:",
        style=_WIDE,
        layout=widgets.Layout(width="auto"),
    )

    def set_answer(value: Any) -> None:
        radio.value = value if value in q.options else None

    return [radio], lambda: radio.value, set_answer


def _multi(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    boxes = [widgets.Checkbox(value=False, description=o, indent=False) for o in q.options]

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


def _aligned(labels: Any, widest: float = 28) -> dict[str, str]:
    """One label width for a group of controls, so their inputs line up and none is squeezed.

    Parameters
    ----------
    labels : iterable of str
        The controls' descriptions.
    widest : float
        The most room a label gets, in em (a longer one ends in "…").
    """
    longest = max((len(str(label)) for label in labels), default=10)
    return {"description_width": f"{min(longest * 0.55 + 1, widest):.1f}em"}


def _categorize(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    style = _aligned(q.items)
    menus = [
        widgets.Dropdown(
            options=[(CHOOSE, None)] + [(c, c) for c in q.categories],
            value=None,
            description=item,
            style=style,
            layout=widgets.Layout(width="auto"),
        )
        for item in q.items
    ]

    def get_answer() -> Any:
        placed = {m.description: m.value for m in menus if m.value is not None}
        return placed or None

    def set_answer(value: Any) -> None:
        for menu in menus:
            category = (value or {}).get(menu.description)
            menu.value = category if category in q.categories else None

    return menus, get_answer, set_answer


def _order(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    menus = [
        widgets.Dropdown(
            options=[(CHOOSE, None)] + [(item, item) for item in q.items],
            value=None,
            description=f"Position {i}:",
            style=_WIDE,
            layout=widgets.Layout(width="auto"),
        )
        for i in range(1, len(q.items) + 1)
    ]

    def get_answer() -> Any:
        chosen = [m.value for m in menus if m.value is not None]
        return chosen or None

    def set_answer(value: Any) -> None:
        value = list(value or [])
        for i, menu in enumerate(menus):
            menu.value = value[i] if i < len(value) and value[i] in q.items else None

    return menus, get_answer, set_answer


def _text(q: Any, placeholder: str) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    # continuous_update=False: the value reaches the kernel whole, so Check never judges
    # a half-typed answer.
    box = widgets.Text(
        value="",
        placeholder=placeholder,
        description="Answer:",
        style=_WIDE,
        continuous_update=False,
    )

    def set_answer(value: Any) -> None:
        box.value = "" if value is None else str(value)

    return [box], lambda: box.value, set_answer


def _numeric(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    units = f" ({q.units[0]})" if q.units else ""
    return _text(q, f"a number{units}")


def _short(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    return _text(q, "a short answer")


def _code(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    note = widgets.HTML(
        value=(
            "<p>Compute the value in a code cell, then run "
            f"<code>{_esc(q._handle())}.submit(your_value)</code>. "
            "The last recorded result is shown here.</p>"
        )
    )
    return [note], lambda: None, lambda value: None


def _scale_label(value: int, low: int, high: int) -> str:
    """Return the text of one point of a rating scale: its number, the ends named."""
    if value == low:
        return f"{value} (very low)"
    if value == high:
        return f"{value} (very high)"
    return str(value)


def _rating(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    # One drop-down menu per area and scale. Of ipywidgets 8's controls it is the one whose
    # visible description is the control's accessible name (<label for>): a screen reader
    # says "transport: opportunity, 3". A slider's handle has no name at all, a radio button
    # is named by its point alone ("3"), and toggle buttons do not expose which is pressed.
    middle = (q.low + q.high) // 2
    points = [(_scale_label(v, q.low, q.high), v) for v in range(q.low, q.high + 1)]
    # a menu of a few numbers needs little room, so the labels get more (up to 40 em)
    style = _aligned((f"{area}: {scale}" for area in q.areas for scale in q.scales), widest=40)
    width = f"calc({style['description_width']} + 10em)"
    menus = {
        (area, scale): widgets.Dropdown(
            options=points,
            value=middle,
            description=f"{area}: {scale}",
            style=style,
            layout=widgets.Layout(width=width, max_width="100%"),
        )
        for area in q.areas
        for scale in q.scales
    }

    def get_answer() -> Any:
        out: dict[str, dict[str, int]] = {}
        for (area, scale), menu in menus.items():
            out.setdefault(area, {})[scale] = menu.value
        return out

    def set_answer(value: Any) -> None:
        for (area, scale), menu in menus.items():
            given = (value or {}).get(area, {}).get(scale)
            if isinstance(given, int) and q.low <= given <= q.high:
                menu.value = given

    scale_note = widgets.Label(f"{q.low} = very low … {q.high} = very high")
    return [scale_note, *menus.values()], get_answer, set_answer


def _reflection(q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
    rubric = widgets.HTML(
        value="<p>Rubric:</p><ul>" + "".join(f"<li>{_esc(r)}</li>" for r in q.rubric) + "</ul>"
        if q.rubric
        else ""
    )
    area = widgets.Textarea(
        value="",
        description="Your text:",
        style=_WIDE,
        rows=6,
        layout=widgets.Layout(width="95%"),
    )
    target = f" (aim for at least {q.min_words})" if q.min_words else ""
    counter = widgets.Label(value=f"0 words{target}")

    def recount(change: dict[str, Any]) -> None:
        counter.value = f"{count_words(change['new'])} words{target}"

    area.observe(recount, names="value")

    def set_answer(value: Any) -> None:
        area.value = value if isinstance(value, str) else ""

    return [rubric, area, counter], lambda: area.value, set_answer


_BUILDERS: dict[str, Builder] = {
    "single_choice": _single,
    "multiple_select": _multi,
    "categorize": _categorize,
    "order": _order,
    "numeric": _numeric,
    "short_text": _short,
    "code_check": _code,
    "rating": _rating,
    "reflection": _reflection,
}


def build_view(question: Question) -> QuestionView:
    """Return a :class:`QuestionView` for ``question``, restored from its ledger."""
    return QuestionView(question)
