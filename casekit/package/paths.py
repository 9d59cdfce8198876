"""Which files casekit may read: containment for every path a case or a user names.

A case folder may come from anyone, so the paths its ``datapackage.json`` names are
checked before any file is opened (:func:`case_file_problem`): a path must be a relative
string, stay inside the case folder once symlinks are followed, and name a local regular
file. Anything else is refused with the reason, and the file's content is never read.

Files a user names directly (a lexicon, a text to code, a gazetteer) are checked by
:func:`check_named_file`. There, "the place the user named" is the folder that holds the
path as the user wrote it: a symlink is followed only while it stays in that folder, so
a file someone sent as ``texts/speech.txt`` cannot quietly be ``~/.ssh/id_rsa``. Remote
addresses are refused everywhere; casekit never fetches anything.

Only the standard library is used.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

__all__ = ["PathRefusedError", "case_file_problem", "check_named_file", "is_remote"]

#: ``scheme://`` (http, https, ftp, s3, file...): a remote or URL path, never fetched;
#: also ``https:/host/...``, what ``pathlib.Path("https://host/...")`` makes of a URL.
REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|(?:https?|ftps?|s3|gs|file):/)", re.I)
#: ``C:\``, ``C:/``, ``\\server``: absolute on Windows even where casekit runs on POSIX.
WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:[\\/]|[\\/]{2})")


class PathRefusedError(ValueError):
    """A path casekit will not read; the message says why and what to do instead."""


def is_remote(path: object) -> bool:
    """Return whether ``path`` is a URL such as ``http://...`` (casekit never fetches)."""
    return isinstance(path, str) and REMOTE.match(path) is not None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _kind(path: Path) -> str:
    """Return "a folder", "a device" etc. for what is at ``path`` (after symlinks)."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _lexical_problem(relative: object) -> str | None:
    """Why ``relative`` cannot name a file of a case, judged from its text alone."""
    if not isinstance(relative, str):
        kind = {list: "a list", dict: "an object", bool: "true/false"}.get(
            type(relative), type(relative).__name__
        )
        return f'the path is {kind}, not a string; name one CSV file, e.g. "events.csv"'
    if not relative.strip():
        return 'the path is empty; name a CSV file, e.g. "events.csv"'
    if is_remote(relative):
        return (
            f"{relative!r} is a remote address; casekit never fetches files: download it "
            "into the case folder and name it by its relative path"
        )
    if relative.startswith(("/", "~")) or WINDOWS_ABSOLUTE.match(relative):
        return f"{relative!r} is an absolute path; name the file relative to the case folder"
    if "\x00" in relative:
        return "the path holds a NUL character"
    if ".." in PurePosixPath(relative.replace("\\", "/")).parts:
        return f"{relative!r} points outside the case folder (it goes up with '..')"
    return None


def case_file_problem(root: Path, relative: object) -> str | None:
    """Return why ``relative`` (a resource path of the case at ``root``) is refused.

    Parameters
    ----------
    root : Path
        The case folder.
    relative : object
        The ``path`` a resource of ``datapackage.json`` gives, as parsed from JSON.

    Returns
    -------
    str or None
        ``None`` when the path is a relative string that stays inside ``root`` after
        symlinks (the file need not exist yet: a missing file is a table problem);
        otherwise the reason, in words, without reading the file.
    """
    reason = _lexical_problem(relative)
    if reason is not None:
        return reason
    assert isinstance(relative, str)
    folder = Path(root).resolve()
    path = Path(root) / relative.replace("\\", "/")
    target = path.resolve()
    if not _inside(target, folder):
        return f"{relative!r} is a symlink to a place outside the case folder"
    if path.exists() and not path.is_file():
        return f"{relative!r} is {_kind(path)}, not a regular file"
    return None


def check_named_file(path: str | os.PathLike[str], *, what: str) -> Path:
    """Return ``path`` as a Path if casekit may read it as a file the user named.

    Parameters
    ----------
    path : str or PathLike
        The file as the user wrote it.
    what : str
        What the file is, for the message (e.g. ``"lexicon"``).

    Returns
    -------
    Path
        The path (``~`` expanded).

    Raises
    ------
    PathRefusedError
        If the path is a remote address, a symlink that leaves the folder it sits in,
        or something other than a regular file (a folder, a device, a pipe). A path
        that does not exist is returned as it is: the caller says it is missing.
    """
    text = os.fspath(path)
    if is_remote(text):
        raise PathRefusedError(
            f"{text} is a remote address; casekit never fetches files: download the "
            f"{what} and give its local path"
        )
    named = Path(text).expanduser()
    if named.exists() and not _inside(named.resolve(), named.parent.resolve()):
        raise PathRefusedError(
            f"{named} is a symlink to a place outside its folder {named.parent}; "
            f"casekit reads a {what} only from the folder you name (copy the file there)"
        )
    if named.exists() and not named.is_file():
        raise PathRefusedError(f"{named} is {_kind(named)}, not a regular file")
    return named
