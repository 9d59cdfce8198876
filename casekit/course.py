"""The course out of the installed package: lessons and exercises copied into a folder.

``casekit course DEST`` (and :func:`install_course`) writes the lesson notebooks, the
start page and the *student* editions of the exercises into ``DEST``, laid out as in the
repository (``DEST/notebooks/``, ``DEST/exercises/``), so the notebooks' mentions of each
other hold. Solution editions and answer keys are written only for an instructor
(``instructor=True``, into ``DEST/exercises/solutions/``).

A student's work is never overwritten. Every file written is recorded with its SHA-256 in
``DEST/.casekit-course.json``; an existing file is kept unless ``update=True`` and its
content still matches what casekit wrote there (the student has not changed it). All files
of a run are written or none (:func:`casekit.outputs.staged_outputs`).

Like :mod:`casekit.resources`, it finds what ships with casekit through
:mod:`importlib.resources` and needs the standard library only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from casekit._version import version
from casekit.outputs import OutputError, staged_outputs

if TYPE_CHECKING:  # pragma: no cover
    from importlib.resources.abc import Traversable

__all__ = ["MANIFEST", "CourseError", "CourseReport", "course_files", "install_course"]

#: The record of what ``casekit course`` wrote, inside the course folder.
MANIFEST = ".casekit-course.json"
#: The course inside an installed wheel (see pyproject.toml's force-include).
PACKAGED = "_course"
#: Folders of the course: (folder in the course, file suffixes, for instructors only).
PARTS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("notebooks", (".ipynb",), False),
    ("exercises", (".ipynb",), False),
    ("exercises/solutions", (".ipynb", ".keys.json"), True),
)
PRIVATE_WARNING = (
    "warning: {folder} holds the solution editions and answer keys: keep them private, "
    "never hand this folder to students"
)


class CourseError(OutputError):
    """The course cannot be installed (the message names the place and the reason)."""


@dataclass
class CourseReport:
    """What :func:`install_course` did, file by file (paths relative to ``dest``).

    Attributes
    ----------
    dest : Path
        The course folder.
    written : list of str
        Files that did not exist and were written.
    replaced : list of str
        Files replaced by a newer version (``update=True``, unchanged by the student).
    kept : dict of str to str
        Files left as they were, with the reason.
    unchanged : list of str
        Files already identical to the installed version.
    instructor : bool
        Whether solution editions and keys were included.
    """

    dest: Path
    written: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept: dict[str, str] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    instructor: bool = False

    def lines(self) -> list[str]:
        """Return the report as lines for a person: one per file, then a summary."""
        out = [f"wrote    {p}" for p in self.written]
        out += [f"updated  {p}" for p in self.replaced]
        out += [f"kept     {p} ({why})" for p, why in self.kept.items()]
        counts = (
            f"{len(self.written)} written, {len(self.replaced)} updated, "
            f"{len(self.kept)} kept, {len(self.unchanged)} already up to date"
        )
        out.append(f"{self.dest}: {counts}.")
        out.append(f"Start with {self.dest / 'notebooks' / '00_start_here.ipynb'}")
        return out


def course_root() -> Traversable:
    """Return the folder holding the course: inside the wheel, or the source checkout.

    Returns
    -------
    importlib.resources.abc.Traversable
        ``casekit/_course`` of an installed wheel, or the repository root of a source
        checkout or editable install (its ``notebooks/`` and ``exercises/``).

    Raises
    ------
    CourseError
        If neither holds the start page.
    """
    package = resources.files("casekit")
    packaged = package.joinpath(PACKAGED)
    if packaged.joinpath("notebooks").joinpath("00_start_here.ipynb").is_file():
        return packaged
    checkout = Path(str(package)).parent
    if (checkout / "notebooks" / "00_start_here.ipynb").is_file():
        return checkout
    raise CourseError(
        "casekit: the course notebooks are not in this installation; reinstall casekit "
        "from its wheel or run from a source checkout"
    )


def course_files(*, instructor: bool = False) -> dict[str, bytes]:
    """Return the course's files: path in the course folder to content.

    Parameters
    ----------
    instructor : bool
        Include the solution editions and answer keys (``exercises/solutions/``).

    Returns
    -------
    dict of str to bytes
        Sorted by path; lessons and the start page, student editions and, for an
        instructor, solutions and keys.
    """
    root = course_root()
    files: dict[str, bytes] = {}
    for folder, suffixes, private in PARTS:
        if private and not instructor:
            continue
        for item in _folder_files(root, folder):
            if item.name.endswith(suffixes):
                files[f"{folder}/{item.name}"] = item.read_bytes()
    return dict(sorted(files.items()))


def _folder_files(root: Traversable, folder: str) -> Iterator[Traversable]:
    node = root
    for part in folder.split("/"):
        node = node.joinpath(part)
    if node.is_dir():
        yield from (item for item in node.iterdir() if item.is_file())


def install_course(
    dest: str | Path, *, update: bool = False, instructor: bool = False
) -> CourseReport:
    """Write the course (lessons, start page, student exercises) into ``dest``.

    Parameters
    ----------
    dest : str or Path
        The course folder (created if missing).
    update : bool
        Replace the files the student has not changed since casekit wrote them with the
        installed version. Without it, every existing file is kept.
    instructor : bool
        Add the solution editions and answer keys (``exercises/solutions/``).

    Returns
    -------
    CourseReport
        What was written, replaced and kept.

    Raises
    ------
    casekit.outputs.OutputError
        If ``dest`` is a file or cannot be written; nothing is written then.
    """
    dest = Path(dest).expanduser()
    report = CourseReport(dest=dest, instructor=instructor)
    manifest = _read_manifest(dest)
    files = course_files(instructor=instructor)
    with staged_outputs(dest) as stage:
        for relative, content in files.items():
            if _decide(dest / relative, relative, content, manifest, update, report):
                target = stage / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                manifest[relative] = _digest(content)
        (stage / MANIFEST).write_text(_manifest_text(manifest), encoding="utf-8")
    return report


def _decide(
    path: Path,
    relative: str,
    content: bytes,
    manifest: dict[str, str],
    update: bool,
    report: CourseReport,
) -> bool:
    """Record in ``report`` what happens to one file; return whether to write it."""
    if not path.exists():
        report.written.append(relative)
        return True
    current = _digest(path.read_bytes()) if path.is_file() else ""
    if current == _digest(content):
        report.unchanged.append(relative)
        manifest.setdefault(relative, current)
        return False
    if not update:
        report.kept[relative] = "exists; --update replaces it only if you have not changed it"
    elif relative not in manifest:
        report.kept[relative] = "not written by casekit course; left alone"
    elif manifest[relative] != current:
        report.kept[relative] = "you changed it; your version stays"
    else:
        report.replaced.append(relative)
        return True
    return False


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _read_manifest(dest: Path) -> dict[str, str]:
    """Return the recorded digests; an unreadable manifest records nothing (keeps all)."""
    path = dest / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items()}


def _manifest_text(files: dict[str, str]) -> str:
    data = {
        "about": "Written by `casekit course`: the SHA-256 of each file as casekit wrote "
        "it, so `casekit course --update` replaces only files nobody has changed.",
        "casekit": version(),
        "files": dict(sorted(files.items())),
    }
    return json.dumps(data, indent=2) + "\n"
