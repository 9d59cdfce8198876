"""``casekit scaffold`` (start a new case) and ``casekit code-text`` (code a text)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _fail(message: str) -> int:
    print(f"casekit: {message}", file=sys.stderr)
    return 2


def _scaffold(args: argparse.Namespace) -> int:
    from casekit.package.problems import ValidationError
    from casekit.research.scaffold import ScaffoldError, scaffold

    try:
        folder = scaffold(args.name, args.dest, title=args.title)
    except ScaffoldError as exc:
        return _fail(str(exc))
    except ValidationError as exc:
        return _fail(f"the source case is broken:\n{exc}")
    print(f"wrote an empty case {args.name!r} to {folder}")
    print(f"next: describe its scope in {folder / 'README.md'}, fill in the CSV files, then run")
    print(f"  casekit validate {folder}")
    return 0


def _code_text(args: argparse.Namespace) -> int:
    from casekit.outputs import check_file_writable, write_csv, write_csv_to
    from casekit.package.problems import ValidationError
    from casekit.research.coding import theme_counts
    from casekit.research.lexicon import load_lexicon
    from casekit.research.texts import read_paragraphs

    if args.output is not None:
        if args.output.exists() and not args.force:
            return _fail(f"{args.output} already exists; pass --force to overwrite it")
        check_file_writable(args.output)  # before any work
    try:
        lexicon = load_lexicon(args.lexicon)
        paragraphs = read_paragraphs(args.file)
    except ValidationError as exc:
        return _fail("; ".join(str(p) for p in exc.problems))
    counts = theme_counts(paragraphs, lexicon, wide=args.wide)
    rows = counts.itertuples(index=False, name=None)
    if args.output is None:
        write_csv_to(sys.stdout, rows, list(counts.columns))
        return 0
    write_csv(args.output, rows, list(counts.columns))  # atomic: all of it or nothing
    matched = (
        int(counts.drop(columns="para").to_numpy().sum())
        if args.wide
        else int(counts["count"].sum())
    )
    print(
        f"coded {len(paragraphs)} paragraphs of {args.file} with {len(lexicon)} terms in "
        f"{len(lexicon.areas)} areas: {matched} matches; wrote {args.output}"
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the research sub-commands to the ``casekit`` parser."""
    scaffold = subparsers.add_parser(
        "scaffold", help="write an empty case folder with casekit's schema, ready to fill in"
    )
    scaffold.add_argument(
        "name", help="the case's name, e.g. sco-fmm-2024 (lower-case letters, digits and '-')"
    )
    scaffold.add_argument("dest", type=Path, help="the folder to create (new or empty)")
    scaffold.add_argument("--title", help="a human title for the case")
    scaffold.set_defaults(func=_scaffold)

    code = subparsers.add_parser(
        "code-text", help="count cooperation-area terms in each paragraph of a text (CSV)"
    )
    code.add_argument(
        "file", type=Path, help="a UTF-8 text file, paragraphs separated by blank lines"
    )
    code.add_argument(
        "--lexicon", type=Path, help="a CSV with columns area_id,term (default: casekit's lexicon)"
    )
    code.add_argument("-o", "--output", type=Path, help="write the CSV here instead of printing it")
    code.add_argument(
        "--wide", action="store_true", help="one row per paragraph and one column per area"
    )
    code.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    code.set_defaults(func=_code_text)
