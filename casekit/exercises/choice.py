"""Choice questions (kept for imports; each kind lives in :mod:`casekit.exercises.kinds`)."""

from __future__ import annotations

from casekit.exercises.kinds.multiple_select import MultipleSelect
from casekit.exercises.kinds.single_choice import SingleChoice

__all__ = ["MultipleSelect", "SingleChoice"]
