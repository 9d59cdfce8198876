"""``casekit figures OUTDIR``: every module figure as PNG and SVG, for slides and handouts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _figures(args: argparse.Namespace) -> int:
    from casekit.charts import ChartDataError
    from casekit.charts.figures import FIGURES, write_figures
    from casekit.package.load import load

    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad:
        print(
            f"casekit figures: unknown format(s) {', '.join(bad)}; use png, svg, pdf",
            file=sys.stderr,
        )
        return 2
    only = args.only.split(",") if args.only else None
    if only and set(only) - set(FIGURES):
        print(
            f"casekit figures: unknown figure(s) {', '.join(sorted(set(only) - set(FIGURES)))}; "
            f"known: {', '.join(FIGURES)}",
            file=sys.stderr,
        )
        return 2
    try:
        case = load(args.data)
        written = write_figures(args.outdir, case, formats=formats, only=only)
    except ImportError as exc:
        print(f"casekit figures: {exc}", file=sys.stderr)
        return 1
    except ChartDataError as exc:
        print(f"casekit figures: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``figures`` sub-command to the ``casekit`` parser."""
    figures = subparsers.add_parser(
        "figures",
        help="write every module figure as PNG and SVG (offline, with vl-convert)",
        description="Write every module figure (timeline, delegations, area profile, "
        "argument map, record checks, C5+X formats, locator map) to OUTDIR, plus "
        "descriptions.md with each figure's text alternative.",
    )
    figures.add_argument("outdir", type=Path, help="folder to write to (created if missing)")
    figures.add_argument(
        "--data",
        type=Path,
        default=None,
        help="a case folder holding datapackage.json (default: built-in data)",
    )
    figures.add_argument(
        "--formats", default="png,svg", help="comma-separated: png, svg, pdf (default: png,svg)"
    )
    figures.add_argument("--only", default=None, help="comma-separated figure names (default: all)")
    figures.set_defaults(func=_figures)
