"""Helpers for the hostile-input tests: a copy of the shipped case and its descriptor.

Only public entry points are used (``casekit.validate``, ``casekit.load``), so the tests
do not depend on where casekit keeps its modules.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import casekit

#: The folder of the data that ships with casekit.
SHIPPED = Path(casekit.validate().path)
DESCRIPTOR = "datapackage.json"


def copy_case(dest: Path) -> Path:
    """Copy the shipped tables and descriptor (no map, no texts) to ``dest/case``."""
    target = dest / "case"
    shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns("geo", "texts", "cases", "*.md"))
    return target


def read_descriptor(folder: Path) -> dict[str, Any]:
    return json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))


def write_descriptor(folder: Path, descriptor: Any) -> None:
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, indent=1), encoding="utf-8")


def edit_descriptor(folder: Path, change: Callable[[dict[str, Any]], Any]) -> None:
    """Apply ``change`` to the parsed descriptor (in place, or return a replacement)."""
    descriptor = read_descriptor(folder)
    result = change(descriptor)
    write_descriptor(folder, descriptor if result is None else result)


def resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field_spec(descriptor: dict[str, Any], table: str, name: str) -> dict[str, Any]:
    return next(f for f in resource(descriptor, table)["schema"]["fields"] if f["name"] == name)


def all_text(report_or_error: Any) -> str:
    """Every message and hint of a report or ValidationError, as one string."""
    return "\n".join(f"{p.message} {p.hint} {p.path}" for p in report_or_error.problems)
