"""Value questions (kept for imports; each kind lives in :mod:`casekit.exercises.kinds`)."""

from __future__ import annotations

from casekit.exercises.kinds.code_check import CodeCheck
from casekit.exercises.kinds.numeric import Numeric
from casekit.exercises.kinds.short_text import ShortText

__all__ = ["CodeCheck", "Numeric", "ShortText"]
