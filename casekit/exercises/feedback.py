"""The result of checking one answer: a status, a symbol, a message and a score.

Feedback is plain data. Its ``repr`` is one short deterministic line (what nbval compares
and what a screen reader reads); its longer text adds the explanation and a hint. Status
is always spelled out in words next to a symbol, so nothing depends on colour.

In a Voilà app the code is hidden, so the feedback a code cell returns (the cell under each
question, ``ex["id"].submit(answer)``) would only repeat, as a line of plain text, what the
question's widget shows: :func:`hide_in_voila` makes such a cell display nothing there.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from typing import Any

#: Symbol and label for each status. The symbol is decoration; the label carries meaning.
STATUSES: dict[str, tuple[str, str]] = {
    "correct": ("✓", "Correct"),
    "partial": ("◐", "Partly correct"),
    "incorrect": ("✗", "Not yet"),
    "unanswered": ("…", "Not answered yet"),
    "invalid": ("⚠", "Cannot check this answer"),
    "recorded": ("✎", "Recorded"),
}

REPR_LIMIT = 160


@dataclass(frozen=True)
class Feedback:
    """What a check says about one answer.

    Parameters
    ----------
    status : str
        One of ``correct``, ``partial``, ``incorrect``, ``unanswered``, ``invalid`` or
        ``recorded`` (collected answers that are not autograded).
    message : str
        One or two sentences for the student: what is right or which misconception the
        answer suggests.
    score : float or None
        Between 0 and 1; ``None`` when the question is not autograded or not answered.
    explanation : str or None
        Shown once the answer is correct or the last attempt is used.
    question_id : str
        The question this feedback belongs to.
    details : tuple of str
        Further lines (e.g. one per wrongly placed item).
    saved : bool or None
        ``True`` once the answer is in the ledger, ``False`` if saving failed,
        ``None`` for a pure check that saves nothing.
    attempt : int or None
        The attempt number this answer used, when it was submitted.
    """

    status: str
    message: str
    score: float | None = None
    explanation: str | None = None
    question_id: str = ""
    details: tuple[str, ...] = field(default_factory=tuple)
    saved: bool | None = None
    attempt: int | None = None
    save_error: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(
                f"unknown feedback status {self.status!r}; use one of {list(STATUSES)}"
            )

    @property
    def symbol(self) -> str:
        """The status symbol (✓ ◐ ✗ … ⚠ ✎)."""
        return STATUSES[self.status][0]

    @property
    def label(self) -> str:
        """The status in words."""
        return STATUSES[self.status][1]

    @property
    def correct(self) -> bool:
        """Whether the answer is fully correct."""
        return self.status == "correct"

    @property
    def answered(self) -> bool:
        """Whether there was an answer to check (blank answers are not)."""
        return self.status != "unanswered"

    def with_(self, **changes: Any) -> Feedback:
        """Return a copy with some fields changed."""
        return replace(self, **changes)

    def headline(self) -> str:
        """Return the one-line summary: symbol, label, score and message."""
        score = ""
        if self.status == "partial" and self.score is not None:
            score = f" ({self.score:.0%})"
        text = f"{self.symbol} {self.label}{score}"
        if self.message:
            text += f": {self.message}"
        return text

    @property
    def text(self) -> str:
        """The full feedback: headline, details, explanation and any saving problem."""
        lines = [self.headline()]
        lines += [f"  - {d}" for d in self.details]
        if self.explanation:
            lines.append(f"Explanation: {self.explanation}")
        if self.saved is False:
            lines.append(f"⚠ Not saved: {self.save_error or 'the answer could not be written'}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        line = self.headline()
        if len(line) > REPR_LIMIT:
            line = line[: REPR_LIMIT - 1] + "…"
        return line

    def __str__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text)


def in_voila() -> bool:
    """Return whether this process is a kernel that Voilà started.

    Voilà sets ``VOILA_KERNEL_ID`` in its kernels before the first cell runs, and gives
    them ``SERVER_SOFTWARE=voila/<version>`` (CGI style) in their environment.
    """
    return "VOILA_KERNEL_ID" in os.environ or os.environ.get("SERVER_SOFTWARE", "").startswith(
        "voila/"
    )


def hide_in_voila() -> bool:
    """In a kernel that Voilà started, display :class:`Feedback` as nothing at all.

    A student in a Voilà app sees no code, only the widgets: a feedback line under each
    question would duplicate its widget (and never change as the widget is used). In
    JupyterLab, under nbval and in scripts nothing changes: the feedback a cell returns is
    shown as its one-line text. Uses IPython's display formatter hook, so nothing is
    imported that the kernel has not loaded already.

    Returns
    -------
    bool
        Whether the hook was installed (only in a Voilà kernel).
    """
    if not in_voila() or "IPython" not in sys.modules:
        return False
    shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return False
    shell.display_formatter.ipython_display_formatter.for_type(Feedback, _display_nothing)
    return True


def _display_nothing(feedback: Feedback) -> None:
    """Display nothing: in a Voilà app the question's widget shows the feedback."""
