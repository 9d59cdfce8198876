"""``casekit editions`` and ``casekit grade``: build student editions, grade submissions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``editions`` and ``grade`` sub-commands."""
    editions = subparsers.add_parser(
        "editions",
        help="build student editions from solution editions and validate both",
        description=(
            "Write exercises/NAME.ipynb from exercises/solutions/NAME.ipynb (solutions and "
            "outputs removed, keys obfuscated), run both editions to check that the solution "
            "answers every question and the student edition runs clean and answers nothing, "
            "and write the instructor's key file solutions/NAME.keys.json."
        ),
    )
    editions.add_argument(
        "sources",
        nargs="*",
        type=Path,
        help="solution notebooks or folders of them (default: exercises/solutions)",
    )
    editions.add_argument(
        "--out-dir",
        type=Path,
        default=None,
        help="where student editions go (default: the solutions folder's parent)",
    )
    editions.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if any committed file is out of date",
    )
    editions.add_argument(
        "--no-validate",
        action="store_true",
        help="only transform; do not run the notebooks or write key files",
    )
    editions.add_argument(
        "--store-outputs",
        action="store_true",
        help="also write the executed solution edition back with its outputs",
    )
    editions.set_defaults(func=run_editions)

    grade = subparsers.add_parser(
        "grade",
        help="grade submission files against the instructor's key files",
        description=(
            "Read submission files (never runs their code), recompute every score from the "
            "answers, and write gradebook.csv, items.csv, problems.csv, summary.md and an "
            "item-analysis chart. Bad files are listed with the reason; the rest are graded."
        ),
    )
    grade.add_argument("submissions", nargs="+", type=Path, help="submission files or folders")
    grade.add_argument(
        "--keys",
        nargs="+",
        type=Path,
        default=[Path("exercises/solutions")],
        help="*.keys.json files or folders (default: exercises/solutions)",
    )
    grade.add_argument(
        "--out", type=Path, default=Path("grades"), help="output folder (default: grades)"
    )
    grade.add_argument(
        "--max-bytes",
        type=int,
        default=1_000_000,
        help="larger submission files are not read (default: 1000000)",
    )
    grade.add_argument("--no-chart", action="store_true", help="skip the Altair chart")
    grade.set_defaults(func=run_grade)


def _solution_sources(named: list[Path]) -> list[Path]:
    """Return the solution notebooks named, or found in the folders named.

    Raises
    ------
    ValueError
        If a path does not exist or nothing is found (one line, naming the place).
    """
    sources: list[Path] = []
    for path in named or [Path("exercises/solutions")]:
        if not path.exists():
            raise ValueError(f"{path}: does not exist")
        found = sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
        if not found:
            raise ValueError(f"no solution notebooks found in {path}")
        sources += found
    return sources


def run_editions(args: argparse.Namespace) -> int:
    """Build or check student editions; return 0 when every check passes."""
    from casekit.exercises.editions import build_editions

    try:
        sources = _solution_sources(list(args.sources))
    except ValueError as exc:
        print(f"casekit editions: {exc}", file=sys.stderr)
        return 2
    out_dir = args.out_dir or sources[0].resolve().parent.parent
    try:
        reports = build_editions(
            [Path(s) for s in sources],
            Path(out_dir),
            validate=not args.no_validate,
            check=args.check,
            store_outputs=args.store_outputs,
        )
    except ValueError as exc:  # an unwritable folder, found before any work
        print(f"casekit editions: {exc}", file=sys.stderr)
        return 2
    failed = 0
    for report in reports:
        mark = "✓" if report.ok else "✗"
        print(f"{mark} {report.source}")
        for note in report.notes:
            print(f"    {note}")
        for problem in report.problems:
            print(f"    ✗ {problem}")
        failed += not report.ok
    return 1 if failed else 0


def run_grade(args: argparse.Namespace) -> int:
    """Grade submissions; return 0 if at least one was graded, 1 otherwise (nothing written)."""
    from casekit.exercises.grading import grade
    from casekit.outputs import check_writable

    try:
        check_writable(args.out)  # an unwritable folder is said before any work
        report = grade(list(args.submissions), list(args.keys), max_bytes=args.max_bytes)
    except ValueError as exc:
        print(f"casekit grade: {exc}", file=sys.stderr)
        return 2
    print(
        f"graded {len(report.graded)} submission(s); "
        f"{len(report.problems)} file(s) listed as problems"
    )
    for problem in report.problems:
        print(f"  ✗ {problem.path}: {problem.problem}: {problem.reason}")
    for conflict in report.conflicts:
        print(f"  ✗ {conflict.student} ({conflict.notebook}): {conflict.flag}")
    if not report.graded:
        reason = report.nothing_graded_reason()
        print(f"casekit grade: nothing graded, nothing written: {reason}", file=sys.stderr)
        return 1
    try:
        written = report.write(args.out, chart=not args.no_chart)
    except (ValueError, OSError) as exc:
        print(f"casekit grade: nothing written: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"  wrote {path}")
    return 0
