"""``casekit course DEST``: the lessons and student exercises, out of the installed package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _course(args: argparse.Namespace) -> int:
    from casekit.course import PRIVATE_WARNING, install_course
    from casekit.outputs import OutputError

    try:
        report = install_course(args.dest, update=args.update, instructor=args.instructor)
    except OutputError as error:
        print(f"casekit course: {error}", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    if args.instructor:
        solutions = report.dest / "exercises" / "solutions"
        print(PRIVATE_WARNING.format(folder=solutions), file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``course`` sub-command to the ``casekit`` parser."""
    course = subparsers.add_parser(
        "course",
        help="write the lessons and student exercises into a folder",
        description="Write the lesson notebooks, the start page and the student editions of "
        "the exercises into DEST (DEST/notebooks, DEST/exercises), from the installed "
        "package. Existing notebooks are kept: a student's work is never overwritten.",
    )
    course.add_argument("dest", type=Path, help="the course folder (created if missing)")
    course.add_argument(
        "--update",
        action="store_true",
        help="replace the notebooks nobody has changed since casekit wrote them with the "
        "installed version (changed ones are kept)",
    )
    course.add_argument(
        "--instructor",
        action="store_true",
        help="also write the solution editions and answer keys (exercises/solutions/): "
        "keep them private",
    )
    course.set_defaults(func=_course)
