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
from typing import Any as _Any

from casekit._version import version as _installed_version
from casekit.citation import cite

# The module ``casekit.codebook`` is imported before the function takes its name here,
# so a later ``import casekit.codebook`` finds the module loaded and leaves the name alone.
from casekit.codebook import codebook, codebook_markdown
from casekit.package.case import Case
from casekit.package.load import load, tables
from casekit.package.problems import Problem, Report, ValidationError
from casekit.package.validate import validate

# Names that load their module only when first used (keeps `import casekit` cheap).
# A lazy name must differ from its module's name: importing a submodule sets the package
# attribute of that name to the module.
_LAZY: dict[str, str] = {
    "ExerciseSet": "casekit.exercises",
    "grade": "casekit.exercises",
    "progress": "casekit.exercises",
    "scaffold": "casekit.research.scaffold",
    "combine": "casekit.research.combine",
    "builtin_cases": "casekit.research.combine",
    "load_lexicon": "casekit.research.lexicon",
    "theme_counts": "casekit.research.coding",
    "kwic": "casekit.research.coding",
    "setup": "casekit.charts.render",
    "describe": "casekit.charts",
    "save": "casekit.charts",
}
# Subpackages reachable as attributes (``casekit.charts.timeline_chart``) without an import;
# ``text`` and ``theme`` are public aliases of modules under ``research/`` and ``charts/``.
_SUBMODULES = ("charts", "exercises", "text", "theme")

__all__ = [
    "Case",
    "ExerciseSet",
    "Problem",
    "Report",
    "ValidationError",
    "__version__",
    "builtin_cases",
    "cite",
    "codebook",
    "codebook_markdown",
    "combine",
    "describe",
    "grade",
    "kwic",
    "load",
    "load_lexicon",
    "progress",
    "save",
    "scaffold",
    "setup",
    "tables",
    "theme_counts",
    "validate",
]


def __getattr__(name: str) -> _Any:
    if name == "__version__":  # read from the package metadata on first use only
        globals()[name] = _installed_version()
        return globals()[name]
    if name in _SUBMODULES:
        return _importlib.import_module(f"casekit.{name}")
    if name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'casekit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | set(_SUBMODULES) | {"__version__"})
