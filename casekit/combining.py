"""``casekit.combining``: combine cases (a public alias of :mod:`casekit.research.combine`)."""

from casekit.research.combine import (
    IGNORED_IN_CONFLICTS,
    POLYMORPHIC_IDS,
    SEPARATOR,
    SHARED_TABLES,
    CombinedCase,
    builtin_cases,
    case_path,
    combine,
)

__all__ = [
    "IGNORED_IN_CONFLICTS",
    "POLYMORPHIC_IDS",
    "SEPARATOR",
    "SHARED_TABLES",
    "CombinedCase",
    "builtin_cases",
    "case_path",
    "combine",
]
