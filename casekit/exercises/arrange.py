"""Arranging questions (kept for imports; each kind lives in :mod:`casekit.exercises.kinds`)."""

from __future__ import annotations

from casekit.exercises.kinds.categorize import Categorize
from casekit.exercises.kinds.order import Order

__all__ = ["Categorize", "Order"]
