"""Collected questions (kept for imports; each kind lives in :mod:`casekit.exercises.kinds`)."""

from __future__ import annotations

from casekit.exercises.kinds.rating import Rating
from casekit.exercises.kinds.reflection import Reflection, count_words

__all__ = ["Rating", "Reflection", "count_words"]
