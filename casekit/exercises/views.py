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

import ipywidgets as widgets

from casekit.exercises.controls import CHOOSE, escape
from casekit.exercises.feedback import Feedback
from casekit.exercises.protocols import ShownQuestion

__all__ = ["CHOOSE", "QuestionView", "build_view", "feedback_html"]


def feedback_html(feedback: Feedback | None) -> str:
    """Return the HTML (text only, in a polite live region) for ``feedback``."""
    if feedback is None:
        return '<div role="status" aria-live="polite"></div>'
    body = "<br>".join(escape(line) for line in feedback.text.splitlines())
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

    def __init__(self, question: ShownQuestion) -> None:
        self.question = question
        self.hints_shown = 0
        heading = f"<strong>{escape(question.title)}</strong> ({escape(question.kind_label)})"
        self.prompt = widgets.HTML(value=f"<p>{heading}</p><p>{escape(question.prompt)}</p>")
        self.controls, self.get_answer, self.set_answer = question.build_controls()
        verb = question.check_verb
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
        store = q.store
        if q.answered_in_code and store is not None:
            restored = store.restore(q.id)
            feedback = restored[1] if restored else q.check(None)
        else:
            answer = self.get_answer()
            feedback = store.submit(q, answer) if store is not None else q.check(answer)
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
        elif q.store is None:
            self.status.value = "Checked only: this question is not part of an exercise set."
        else:
            self.status.value = ""

    def next_hint(self) -> str:
        """Reveal the next hint and return it."""
        if self.hints_shown < len(self.question.hints):
            self.hints_shown += 1
        text = self.question.hint(self.hints_shown)
        shown = [self.question.hint(i) for i in range(1, self.hints_shown + 1)]
        self.hint_text.value = "<br>".join(escape(t) for t in shown)
        if self.hints_shown >= len(self.question.hints):
            self.hint_button.disabled = True
        return text

    def restore(self) -> bool:
        """Show the last recorded answer and its feedback; return whether there was one."""
        q = self.question
        if q.store is None:
            return False
        restored = q.store.restore(q.id)
        if restored is None:
            return False
        answer, feedback = restored
        with contextlib.suppress(Exception):  # a stale answer that no longer fits
            self.set_answer(answer)
        self.show(feedback)
        return True


def build_view(question: ShownQuestion) -> QuestionView:
    """Return a :class:`QuestionView` for ``question``, restored from its ledger."""
    return QuestionView(question)
