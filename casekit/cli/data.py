"""``casekit validate``, ``casekit tables``, ``casekit codebook`` and ``casekit cite``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _validate(args: argparse.Namespace) -> int:
    from casekit.package.validate import validate

    report = validate(args.path)
    if args.csv:
        report.to_frame().to_csv(sys.stdout, index=False)
    else:
        print(report)
    return 0 if report.ok else 1


def _tables(args: argparse.Namespace) -> int:
    from casekit.package.load import tables

    listing = tables(args.path)[["table", "rows", "columns", "title"]]
    print(listing.to_string(index=False))
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from casekit.package.codebook import CODEBOOK_FILE, codebook_markdown
    from casekit.resources import resolve_root

    text = codebook_markdown(args.path)
    target = resolve_root(args.path) / CODEBOOK_FILE
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run `casekit codebook --write`", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    if args.write:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
        return 0
    sys.stdout.write(text)
    return 0


def _cite(args: argparse.Namespace) -> int:
    from casekit.package.citation import cite

    print(cite(args.table, args.path))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the data sub-commands to the ``casekit`` parser."""
    path_help = "a case folder holding datapackage.json (default: the built-in data)"

    validate = subparsers.add_parser(
        "validate", help="check a case folder against its schema, listing every problem"
    )
    validate.add_argument("path", nargs="?", type=Path, help=path_help)
    validate.add_argument("--csv", action="store_true", help="print the problems as CSV")
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
