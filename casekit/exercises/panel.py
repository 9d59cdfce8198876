"""The progress panel: answered, correct, total, when the last answer was saved."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.exercises.ledger import ENV_VAR

SELF_CHECK_NOTE = "These are self-checks to help you learn, not grades."


@dataclass(frozen=True)
class Progress:
    """Where a student stands in one exercise notebook.

    Attributes
    ----------
    notebook : str
    total : int
        Questions in the notebook.
    answered : int
        Questions with at least one recorded answer.
    autograded : int
        Questions that are checked automatically.
    correct : int
        Autograded questions whose last recorded answer is correct.
    last_saved : str or None
        ISO time (UTC) of the last recorded answer.
    ledger : Path
        Where the answers are kept.
    skipped_lines : int
        Unreadable ledger lines that were skipped.
    """

    notebook: str
    total: int
    answered: int
    autograded: int
    correct: int
    last_saved: str | None
    ledger: Path
    skipped_lines: int = 0

    @property
    def text(self) -> str:
        """The panel as plain text."""
        saved = (
            self.last_saved[:16].replace("T", " ") + " UTC" if self.last_saved else "nothing yet"
        )
        where = str(self.ledger)
        try:
            where = str(self.ledger.relative_to(Path.cwd()))
        except ValueError:
            if os.environ.get(ENV_VAR) and self.ledger.parent == Path(os.environ[ENV_VAR]):
                where = f"{self.ledger.name} in the folder named by ${ENV_VAR}"
        lines = [
            f"{self.notebook}: {self.answered} of {self.total} questions answered; "
            f"{self.correct} of {self.autograded} self-checked questions correct.",
            f"Last answer saved: {saved}, in {where}.",
            SELF_CHECK_NOTE,
        ]
        if self.skipped_lines:
            lines.append(
                f"⚠ {self.skipped_lines} unreadable line(s) in the answer file were skipped; "
                "every other answer is intact."
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text)

    def html(self) -> str:
        """Return the panel as HTML: its text lines, with symbols, no colour coding."""
        from html import escape

        body = "<br>".join(escape(line) for line in self.text.splitlines())
        return f'<div role="status">{body}</div>'

    def widget(self) -> Any:
        """Return the panel as an ipywidgets ``HTML`` (text with symbols, no colour coding)."""
        import ipywidgets as widgets

        return widgets.HTML(value=self.html(), description="Progress")
