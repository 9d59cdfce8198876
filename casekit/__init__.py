"""casekit: the 6th Central Asia–China Foreign Ministers' Meeting as data, charts and exercises.

Importing casekit is cheap: only pandas is loaded. Charts (altair) and widgets
(ipywidgets) load on first use. A first look::

    import casekit
    case = casekit.load()          # every table as a typed DataFrame
    casekit.tables()               # what the tables are
    casekit.codebook("meetings")   # what each column means
    print(casekit.cite("events"))  # how to cite, and the sources behind a table
"""

import importlib as _importlib
from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version
from typing import Any as _Any

from casekit.citation import cite
from casekit.codebook import codebook, codebook_markdown
from casekit.data import Case, load, tables
from casekit.problems import Problem, Report, ValidationError
from casekit.validate import validate

try:
    __version__ = _version("casekit")
except _PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0.0.0+unknown"

# Names that load their module only when first used (keeps `import casekit` cheap).
_LAZY: dict[str, str] = {
    "ExerciseSet": "casekit.exercises",
    "grade": "casekit.exercises",
    "progress": "casekit.exercises",
}

__all__ = [
    "Case",
    "ExerciseSet",
    "Problem",
    "Report",
    "ValidationError",
    "__version__",
    "cite",
    "codebook",
    "codebook_markdown",
    "grade",
    "load",
    "progress",
    "tables",
    "validate",
]


def __getattr__(name: str) -> _Any:
    if name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'casekit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
