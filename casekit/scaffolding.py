"""``casekit.scaffolding``: start a new case (alias of :mod:`casekit.research.scaffold`)."""

from casekit.research.scaffold import (
    ARTICLE_PARAGRAPH_FIELDS,
    SHARED_TABLES,
    ScaffoldError,
    open_schema,
    scaffold,
)

__all__ = [
    "ARTICLE_PARAGRAPH_FIELDS",
    "SHARED_TABLES",
    "ScaffoldError",
    "open_schema",
    "scaffold",
]
