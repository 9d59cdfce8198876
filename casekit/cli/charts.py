"""``casekit figures OUTDIR``: every module figure as PNG and SVG, for slides and handouts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _fail(message: str, code: int = 1) -> int:
    print(f"casekit figures: {message}", file=sys.stderr)
    return code


def _figures(args: argparse.Namespace) -> int:
    from casekit.charts.figures import FIGURES, write_figures
    from casekit.charts.geo import UnknownCitiesError
    from casekit.outputs import check_writable

    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad:
        return _fail(f"unknown format(s) {', '.join(bad)}; use png, svg, pdf", 2)
    only = [f.strip() for f in args.only.split(",") if f.strip()] if args.only else None
    if only and set(only) - set(FIGURES):
        unknown = ", ".join(sorted(set(only) - set(FIGURES)))
        return _fail(f"unknown figure(s) {unknown}; known: {', '.join(FIGURES)}", 2)
    check_writable(args.outdir)  # before any work: a clear message, nothing built
    cities = _gazetteer(args.cities) if args.cities is not None else None
    from casekit.package.load import load

    case = load(args.data)
    try:
        written = write_figures(args.outdir, case, formats=formats, only=only, cities=cities)
    except UnknownCitiesError as error:
        return _fail(
            f"the locator map has no coordinates for {error.listing()}: pass "
            "--cities FILE.csv (columns city, lat, lon) with these places, or leave the map "
            "out with --only"
        )
    except ImportError as error:
        return _fail(str(error))
    for path in written:
        print(path)
    return 0


def _gazetteer(path: Path):
    """Return casekit's gazetteer with the rows of the CSV at ``path`` added."""
    import pandas as pd

    from casekit.charts.geo import load_cities
    from casekit.package.paths import PathRefusedError, check_named_file

    try:
        file = check_named_file(path, what="gazetteer")
    except PathRefusedError as refused:
        raise CitiesFileError(str(refused)) from None
    if not file.is_file():
        raise CitiesFileError(f"no cities file at {file}")
    try:
        extra = pd.read_csv(file, dtype={"city": str}, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise CitiesFileError(f"{file} is not a readable CSV ({error})") from None
    missing = [c for c in ("city", "lat", "lon") if c not in extra.columns]
    if missing:
        raise CitiesFileError(f"{file} lacks the column(s) {', '.join(missing)} (city, lat, lon)")
    for column in ("lat", "lon"):
        numbers = pd.to_numeric(extra[column], errors="coerce")
        bad = extra.loc[numbers.isna(), "city"].tolist()
        if bad:
            raise CitiesFileError(f"{file}: {column} is not a number for {', '.join(bad)}")
        extra[column] = numbers
    extra["always_shown"] = True
    return pd.concat([load_cities(), extra], ignore_index=True)


class CitiesFileError(ValueError):
    """The file given to ``--cities`` cannot be used (the message says why)."""


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
    figures.add_argument(
        "--only", default=None, help="comma-separated figure names: only these are built"
    )
    figures.add_argument(
        "--cities",
        type=Path,
        default=None,
        help="a CSV with columns city, lat, lon (and optionally aliases): places the locator "
        "map needs beyond casekit's list (the module's cities and the six capitals)",
    )
    figures.set_defaults(func=_figures)
