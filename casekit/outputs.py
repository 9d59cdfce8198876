"""Writing what casekit produces: all files of a run or none, and CSV safe for spreadsheets.

Every command that writes files goes through this module, so two promises hold everywhere:

- **A failed run destroys nothing.** :func:`staged_outputs` gives the run a temporary folder
  beside the target; only when the run succeeds are its files renamed into place. An
  unwritable target is reported (:class:`OutputError`) before any work is done.
- **CSV opens safely in a spreadsheet.** :func:`write_csv` neutralises cells that a
  spreadsheet would run as a formula and writes whole numbers as integers.

It depends on the standard library only, so every layer of casekit may use it.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "OutputError",
    "check_file_writable",
    "check_writable",
    "safe_cell",
    "staged_outputs",
    "write_csv",
    "write_csv_to",
    "write_text_atomic",
]

#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class OutputError(ValueError):
    """An output cannot be written where the user asked (the message names the place)."""


def safe_cell(value: Any) -> Any:
    """Return ``value`` as a CSV cell that a spreadsheet shows as text, never runs.

    Text that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets
    a leading apostrophe (a lone ``-`` stays: every spreadsheet reads it as text, and Moodle
    as "no grade"); line breaks become spaces. Whole floats (``3.0``) become ints,
    missing values (``None``, NaN) empty cells; other numbers are kept as they are.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(1)"), safe_cell("-2+3"), safe_cell(4.0), safe_cell(0.5)
    ("'=HYPERLINK(1)", "'-2+3", 4, 0.5)
    """
    if value is None:
        return ""
    if isinstance(value, str):
        text = "'" + value if value.startswith(FORMULA_STARTS) and value != "-" else value
        return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return int(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        with contextlib.suppress(ValueError, TypeError):
            return safe_cell(value.item())
    return value


def write_csv(
    path: str | Path,
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    columns: Sequence[str],
) -> Path:
    """Write ``rows`` under the header ``columns`` as UTF-8 CSV, every cell safe.

    Parameters
    ----------
    path : str or Path
        The file to write (replaced atomically: a reader never sees half a file).
    rows : iterable of mappings or sequences
        Mappings are read by column name (missing keys give empty cells); sequences by
        position.
    columns : sequence of str
        The header, also made safe.

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    with _atomic_file(path) as handle:
        write_csv_to(handle, rows, columns)
    return path


def write_csv_to(
    handle: Any,
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    columns: Sequence[str],
    *,
    lineterminator: str = "\n",
) -> None:
    r"""Write ``rows`` as CSV to an open text stream (e.g. ``sys.stdout``), every cell safe.

    The same cells as :func:`write_csv`, for output that goes to a terminal, a pipe or a
    download (``lineterminator="\r\n"`` as spreadsheets write).
    """

    def cells(row: Mapping[str, Any] | Sequence[Any]) -> list[Any]:
        values = [row.get(c, "") for c in columns] if isinstance(row, Mapping) else list(row)
        return [safe_cell(v) for v in values]

    writer = csv.writer(handle, lineterminator=lineterminator)
    writer.writerow([safe_cell(c) for c in columns])
    writer.writerows(cells(row) for row in rows)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file renamed into place."""
    path = Path(path)
    with _atomic_file(path) as handle:
        handle.write(text)
    return path


@contextlib.contextmanager
def _atomic_file(path: Path) -> Iterator[Any]:
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def check_writable(target: str | Path) -> Path:
    """Return ``target`` as a Path if a folder can be written there, else raise.

    The target is a folder that may not exist yet; its nearest existing ancestor must be a
    writable folder (tried by making and removing an empty folder there).

    Raises
    ------
    OutputError
        With a one-line message naming the place and the reason.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file, not a folder; name a folder for the output")
    existing = target
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{target}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: cannot write in {existing} (permission denied)")
    try:  # access() does not know every refusal (root in /proc, some mounts): try it
        os.rmdir(tempfile.mkdtemp(prefix=".casekit-probe.", dir=existing))
    except OSError as error:
        raise OutputError(
            f"{target}: cannot write there ({error.strerror or error}, in {existing})"
        ) from None
    return target


def check_file_writable(path: str | Path) -> Path:
    """Return ``path`` as a Path if a file can be written there, else raise.

    Raises
    ------
    OutputError
        If ``path`` is a folder, or its folder cannot be created or written.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; name a file for the output")
    check_writable(path.parent)
    return path


@contextlib.contextmanager
def staged_outputs(target: str | Path) -> Iterator[Path]:
    """Stage a run's files in a temporary folder; move them into ``target`` only on success.

    Yields the staging folder (beside ``target``, so the final renames stay on one file
    system). When the ``with`` block ends normally, every file written in it replaces the
    file of the same name in ``target`` (created if needed); other files already in
    ``target`` are left alone. When it raises, the staging folder is removed and ``target``
    is untouched.

    Raises
    ------
    OutputError
        Before the block runs, when ``target`` cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "grades"
    >>> with staged_outputs(out) as stage:
    ...     _ = (stage / "gradebook.csv").write_text("student")
    >>> sorted(p.name for p in out.iterdir())
    ['gradebook.csv']
    """
    target = check_writable(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        )
    except OSError as error:
        raise OutputError(f"{target}: cannot write there ({error.strerror or error})") from None
    try:
        yield stage
        target.mkdir(exist_ok=True)
        for path in sorted(stage.rglob("*")):
            if path.is_dir():
                continue
            final = target / path.relative_to(stage)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, final)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
