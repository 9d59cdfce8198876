"""Every module figure at once: build them from a case, write them as PNG and SVG."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from casekit.package.case import Case

#: Figure names, in the order of the module (also the file names).
FIGURES: tuple[str, ...] = (
    "timeline",
    "delegations",
    "area_profile",
    "argument_map",
    "record_checks",
    "formats",
    "locator_map",
)


def _builders(case: Case, cities: pd.DataFrame | None) -> dict[str, Callable[[], Any]]:
    """One function per figure, so that only the figures asked for are built."""
    from casekit.charts.areas import area_profile_chart
    from casekit.charts.checks import record_checks_chart
    from casekit.charts.claims import argument_map_chart
    from casekit.charts.delegations import delegation_chart
    from casekit.charts.formats import formats_chart
    from casekit.charts.geo import locator_map
    from casekit.charts.timeline import timeline_chart

    # Background rows (context before and around the mechanism) are not the case's own.
    return {
        "timeline": lambda: timeline_chart(_own_rows(case.events)),
        "delegations": lambda: delegation_chart(
            case.participants, case.meetings, countries=case.countries
        ),
        "area_profile": lambda: area_profile_chart(_own_rows(case.initiatives), case.areas),
        "argument_map": lambda: argument_map_chart(case.claims, case.areas),
        "record_checks": lambda: record_checks_chart(case.record_checks),
        "formats": lambda: formats_chart(case.formats),
        "locator_map": lambda: locator_map(case.meetings, cities=cities),
    }


def _wanted(only: Iterable[str] | None) -> list[str]:
    if only is None:
        return list(FIGURES)
    wanted = list(dict.fromkeys(only))
    unknown = set(wanted) - set(FIGURES)
    if unknown:
        raise ValueError(f"unknown figure(s) {sorted(unknown)}; known: {', '.join(FIGURES)}")
    return [name for name in FIGURES if name in wanted]


def module_figures(
    case: Case | None = None,
    *,
    only: Iterable[str] | None = None,
    cities: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Build the figures of the module from ``case`` (default: ``casekit.load()``).

    Parameters
    ----------
    case : casekit.Case, optional
        The tables to draw; the built-in Almaty case when omitted.
    only : iterable of str, optional
        The figures to build (names of :data:`FIGURES`); the others are not built, so
        a table only they need may be empty or odd. Default: all.
    cities : pandas.DataFrame, optional
        The gazetteer for the locator map (``city``, ``lat``, ``lon``); default casekit's.

    Returns
    -------
    dict of str to altair chart
        Figure name to chart, in module order.
    """
    if case is None:
        from casekit.package.load import load

        case = load()
    builders = _builders(case, cities)
    return {name: builders[name]() for name in _wanted(only)}


def _own_rows(frame: pd.DataFrame) -> pd.DataFrame:
    if "scope" not in frame.columns:
        return frame
    return frame[frame["scope"].astype("string").fillna("case") != "background"]


def write_figures(
    outdir: str | Path,
    case: Case | None = None,
    *,
    formats: Iterable[str] = ("png", "svg"),
    only: Iterable[str] | None = None,
    cities: pd.DataFrame | None = None,
) -> list[Path]:
    """Write the module figures to ``outdir`` (one file per figure and format), all or none.

    Also writes ``outdir/descriptions.md``: each figure's text description, the
    alternative text to paste next to a slide or handout. The files are made in a
    temporary folder beside ``outdir`` and moved into it only when every one was
    written, so a failed run leaves ``outdir`` as it was; files of other names in
    ``outdir`` are kept.

    Parameters
    ----------
    outdir : str or pathlib.Path
        Folder to write to (created if missing).
    case : casekit.Case, optional
        The tables to draw; the built-in case when omitted.
    formats : iterable of str
        Any of ``png``, ``svg``, ``pdf``.
    only : iterable of str, optional
        Figure names to build and write (default: all of :data:`FIGURES`).
    cities : pandas.DataFrame, optional
        The gazetteer for the locator map; default casekit's.

    Returns
    -------
    list of pathlib.Path
        The files written (in ``outdir``), in order.

    Raises
    ------
    casekit.outputs.OutputError
        Before anything is built, if ``outdir`` cannot be written.
    """
    from casekit.charts.describe import describe
    from casekit.charts.export import save
    from casekit.outputs import check_writable, staged_outputs

    outdir = check_writable(outdir)
    names = _wanted(only)
    formats = list(formats)
    written = []
    notes = [
        "# Figure descriptions",
        "",
        "Alternative text for each figure, as `casekit.describe()` gives it.",
        "",
    ]
    charts = module_figures(case, only=names, cities=cities)
    with staged_outputs(outdir) as stage:
        for name, chart in charts.items():
            for fmt in formats:
                save(chart, stage / f"{name}.{fmt}")
                written.append(outdir / f"{name}.{fmt}")
            notes += [f"## {name}", "", describe(chart), ""]
        (stage / "descriptions.md").write_text("\n".join(notes), encoding="utf-8")
        written.append(outdir / "descriptions.md")
    return written
