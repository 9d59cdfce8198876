"""Widget building blocks the question kinds share (imports ipywidgets).

Every control is named by visible text, its ``description`` or its option's label (that is
what a screen reader announces). Kinds import this module inside ``build_controls``, so
ipywidgets loads only when a question is displayed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets

from casekit.exercises.protocols import ControlSet

#: Let a control's description take the room it needs.
WIDE = {"description_width": "initial"}
#: The empty entry of a drop-down menu.
CHOOSE = "— choose —"


def escape(text: str) -> str:
    """Return ``text`` escaped for an ``HTML`` widget."""
    return html.escape(text, quote=False)


def aligned(labels: Iterable[Any], widest: float = 28) -> dict[str, str]:
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


def text_box(placeholder: str) -> ControlSet:
    """Return a one-line text answer box (its value reaches the kernel whole)."""
    # continuous_update=False: Check never judges a half-typed answer.
    box = widgets.Text(
        value="",
        placeholder=placeholder,
        description="Answer:",
        style=WIDE,
        continuous_update=False,
    )

    def set_answer(value: Any) -> None:
        box.value = "" if value is None else str(value)

    return [box], lambda: box.value, set_answer
