"""Small helpers shared by the data tests: copy the shipped data and edit its CSVs."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

from casekit.resources import data_root as builtin_root

DATA = builtin_root()
Rows = list[list[str]]


def copy_data(dest: Path) -> Path:
    """Copy the shipped data package (tables only) to ``dest/data`` and return that folder."""
    target = dest / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("geo", "*.md"))
    return target


def read_rows(path: Path) -> Rows:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: Rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def edit_rows(path: Path, change: Callable[[Rows], Rows]) -> None:
    write_rows(path, change(read_rows(path)))


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set the cell of data row ``row`` (1-based, header excluded) in ``column``."""
    rows = read_rows(path)
    rows[row][rows[0].index(column)] = value
    write_rows(path, rows)


def drop_column(path: Path, column: str) -> None:
    rows = read_rows(path)
    index = rows[0].index(column)
    write_rows(path, [r[:index] + r[index + 1 :] for r in rows])


def skip_or_fail(message: str) -> None:
    """Skip on a developer's machine; fail under ``CI=true`` (nothing may go untested there)."""
    import os

    import pytest

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def uv_executable() -> str:
    """Return uv beside this interpreter or on PATH (``make install`` puts it in .venv)."""
    import shutil
    import sys

    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        skip_or_fail("uv not found: `make install` puts it in .venv (wheel installs need it)")
    return str(uv)


def reference_file(name: str) -> Path:
    """Return ``shared/reference/NAME``, the project's reference material beside the checkout.

    CI lays ``shared/`` beside the clone; a worktree may sit one level deeper. Without it the
    test is skipped on a developer's machine and fails under CI, never skipping silently there.
    """
    root = Path(__file__).resolve().parents[1]
    for base in (root.parent, root.parent.parent):
        path = base / "shared" / "reference" / name
        if path.exists():
            return path
    skip_or_fail(f"shared/reference/{name} is not beside the project")
    raise AssertionError  # unreachable: skip_or_fail raises
