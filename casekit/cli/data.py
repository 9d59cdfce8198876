"""``casekit validate``, ``casekit tables``, ``casekit codebook`` and ``casekit cite``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: The columns of ``casekit validate --csv``, one row per problem.
PROBLEM_COLUMNS = ("table", "row", "line", "column", "rule", "message", "hint", "path")


def _validate(args: argparse.Namespace) -> int:
    from casekit.outputs import check_file_writable, write_csv, write_csv_to
    from casekit.package.validate import validate

    if args.output is not None:
        check_file_writable(args.output)  # before any work
    _require_case(args.path)
    report = validate(args.path)
    if args.csv:
        rows = report.to_records()
        if args.output is None:
            write_csv_to(sys.stdout, rows, PROBLEM_COLUMNS)
        else:
            write_csv(args.output, rows, PROBLEM_COLUMNS)
    elif args.output is not None:
        from casekit.outputs import write_text_atomic

        write_text_atomic(args.output, f"{report}\n")
    else:
        print(report)
    return 0 if report.ok else 1


def _require_case(path: Path | None) -> None:
    """Raise (one line on stderr) when ``path`` names no case at all: missing, a file, empty.

    Such a call is a mistake in the command, not a finding about data, so it is not
    written to the report (or its CSV) as a problem.
    """
    from casekit.package.schema import DESCRIPTOR, read_package
    from casekit.resources import resolve_root

    root = resolve_root(path)
    if not (root / DESCRIPTOR).is_file():
        read_package(root)  # raises ValidationError saying what is missing


def _tables(args: argparse.Namespace) -> int:
    from casekit.package.load import tables

    listing = tables(args.path)[["table", "rows", "columns", "title"]]
    print(listing.to_string(index=False))
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from casekit.outputs import write_text_atomic
    from casekit.package.codebook import CODEBOOK_FILE, codebook_markdown
    from casekit.package.paths import case_file_problem
    from casekit.resources import resolve_root

    text = codebook_markdown(args.path)
    root = resolve_root(args.path)
    target = root / CODEBOOK_FILE
    refused = case_file_problem(root, CODEBOOK_FILE)
    if args.check:
        readable = refused is None and target.is_file()
        current = target.read_text(encoding="utf-8") if readable else ""
        if current != text:
            print(f"{target} is out of date: run `casekit codebook --write`", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    if args.write:
        write_text_atomic(target, text)  # replaces a symlink; never writes through it
        print(f"wrote {target}")
        return 0
    sys.stdout.write(text)
    return 0


def _cite(args: argparse.Namespace) -> int:
    from casekit.package.citation import cite
    from casekit.package.load import load

    case = load(args.path)
    if args.table is not None and args.table not in case.table_names:
        print(
            f"casekit cite: no table {args.table!r}; the tables are: {', '.join(case.table_names)}",
            file=sys.stderr,
        )
        return 2
    print(cite(args.table, case))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the data sub-commands to the ``casekit`` parser."""
    path_help = "a case folder holding datapackage.json (default: the built-in data)"

    validate = subparsers.add_parser(
        "validate", help="check a case folder against its schema, listing every problem"
    )
    validate.add_argument("path", nargs="?", type=Path, help=path_help)
    validate.add_argument(
        "--csv",
        action="store_true",
        help="the problems as CSV, one row per problem (safe to open in a spreadsheet)",
    )
    validate.add_argument(
        "-o", "--output", type=Path, help="write the report (or the CSV) to this file"
    )
    validate.set_defaults(func=_validate)

    tables = subparsers.add_parser("tables", help="list the tables of a case")
    tables.add_argument("path", nargs="?", type=Path, help=path_help)
    tables.set_defaults(func=_tables)

    codebook = subparsers.add_parser("codebook", help="print or write CODEBOOK.md")
    codebook.add_argument("path", nargs="?", type=Path, help=path_help)
    mode = codebook.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write CODEBOOK.md beside the data")
    mode.add_argument(
        "--check", action="store_true", help="exit 1 if CODEBOOK.md differs from the schema"
    )
    codebook.set_defaults(func=_codebook)

    cite = subparsers.add_parser("cite", help="how to cite casekit and a table's sources")
    cite.add_argument("table", nargs="?", help="a table name (default: all sources)")
    cite.add_argument("--path", type=Path, help=path_help)
    cite.set_defaults(func=_cite)
