"""Where the data that ships with casekit lives: tables, cases, map, lexicon and texts.

Everything is found through :mod:`importlib.resources`, so a source checkout, an editable
install and an installed wheel behave alike. A wheel carries the repository's ``data/``
folder inside the package as ``casekit/_data``; a checkout (or an editable install of
one) reads ``data/`` beside the ``casekit/`` folder.

Standard library only: every other module may import this one.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

DESCRIPTOR = "datapackage.json"
#: Sub-folders of the data folder.
CASES_FOLDER = "cases"
GEO_FOLDER = "geo"
TEXTS_FOLDER = "texts"
#: Files of the data folder.
LEXICON_FILE = "lexicon.csv"
DEMO_TEXT = Path(TEXTS_FOLDER) / "almaty-article-summary.txt"


def _package_dir() -> Path:
    return Path(str(files("casekit")))


def data_root() -> Path:
    """Return the folder of the data that ships with casekit.

    Returns
    -------
    pathlib.Path
        ``casekit/_data`` inside an installed wheel, else the ``data/`` folder of the
        source checkout (also for an editable install).
    """
    bundled = _package_dir() / "_data"
    if (bundled / DESCRIPTOR).is_file():
        return bundled
    return _package_dir().parent / "data"


def cases_root() -> Path:
    """Return the folder holding the other cases that ship with casekit (``data/cases``)."""
    return data_root() / CASES_FOLDER


def builtin_case_names() -> list[str]:
    """Return the names of the cases that ship with casekit besides the main one, sorted.

    Returns
    -------
    list of str
        Folder names under ``data/cases`` that hold a ``datapackage.json``.
    """
    folder = cases_root()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / DESCRIPTOR).is_file())


def geo_dir() -> Path:
    """Return the folder holding the map files (``data/geo``).

    Returns
    -------
    pathlib.Path
        ``data/geo`` of a source checkout, or ``casekit/_data/geo`` inside a wheel.
    """
    return data_root() / GEO_FOLDER


def lexicon_path() -> Path:
    """Return the path of the lexicon that ships with casekit (``data/lexicon.csv``)."""
    return data_root() / LEXICON_FILE


def demo_text_path() -> Path:
    """Return the path of the demonstration text (a summary of the source article)."""
    return data_root() / DEMO_TEXT


def resolve_root(source: str | os.PathLike[str] | None) -> Path:
    """Return the data folder for ``source`` (``None`` means the built-in data).

    A path to a ``datapackage.json`` file is accepted as well as its folder, and so is the
    name of a case that ships with casekit (a folder of ``data/cases/``, e.g.
    ``"astana-summit-2025"``) when no file or folder of that name exists.

    Parameters
    ----------
    source : str, PathLike or None
        A case folder, its ``datapackage.json``, a built-in case's name, or ``None``.

    Returns
    -------
    pathlib.Path
        The folder that holds (or should hold) ``datapackage.json``.
    """
    if source is None:
        return data_root()
    path = Path(source).expanduser()
    if isinstance(source, str) and not path.exists():
        bundled = cases_root() / source
        if (bundled / DESCRIPTOR).is_file():
            return bundled
    return path.parent if path.name == DESCRIPTOR else path
