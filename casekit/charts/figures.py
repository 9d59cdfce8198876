"""Every module figure at once: build them from a case, write them as PNG and SVG."""

from __future__ import annotations

from collections.abc import Iterable
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


def module_figures(case: Case | None = None) -> dict[str, Any]:
    """Build every figure of the module from ``case`` (default: ``casekit.load()``).

    Parameters
    ----------
    case : casekit.Case, optional
        The tables to draw; the built-in Almaty case when omitted.

    Returns
    -------
    dict of str to altair chart
        Figure name (see :data:`FIGURES`) to chart, in module order.
    """
    from casekit.charts.areas import area_profile_chart
    from casekit.charts.checks import record_checks_chart
    from casekit.charts.claims import argument_map_chart
    from casekit.charts.delegations import delegation_chart
    from casekit.charts.formats import formats_chart
    from casekit.charts.geo import locator_map
    from casekit.charts.timeline import timeline_chart

    if case is None:
        from casekit.package.load import load

        case = load()
    # Background rows (context before and around the mechanism) are not the case's own.
    events, initiatives = _own_rows(case.events), _own_rows(case.initiatives)
    return {
        "timeline": timeline_chart(events),
        "delegations": delegation_chart(case.participants, case.meetings, countries=case.countries),
        "area_profile": area_profile_chart(initiatives, case.areas),
        "argument_map": argument_map_chart(case.claims, case.areas),
        "record_checks": record_checks_chart(case.record_checks),
        "formats": formats_chart(case.formats),
        "locator_map": locator_map(case.meetings),
    }


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
) -> list[Path]:
    """Write every module figure to ``outdir`` (one file per figure and format).

    Also writes ``outdir/descriptions.md``: each figure's text description, the
    alternative text to paste next to a slide or handout.

    Parameters
    ----------
    outdir : str or pathlib.Path
        Folder to write to (created if missing).
    case : casekit.Case, optional
        The tables to draw; the built-in case when omitted.
    formats : iterable of str
        Any of ``png``, ``svg``, ``pdf``.
    only : iterable of str, optional
        Figure names to write (default: all of :data:`FIGURES`).

    Returns
    -------
    list of pathlib.Path
        The files written, in order.
    """
    from casekit.charts.describe import describe
    from casekit.charts.export import save

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    wanted = set(only) if only is not None else set(FIGURES)
    unknown = wanted - set(FIGURES)
    if unknown:
        raise ValueError(f"unknown figure(s) {sorted(unknown)}; known: {', '.join(FIGURES)}")
    charts = {k: v for k, v in module_figures(case).items() if k in wanted}
    written = []
    notes = [
        "# Figure descriptions",
        "",
        "Alternative text for each figure, as `casekit.describe()` gives it.",
        "",
    ]
    for name, chart in charts.items():
        for fmt in formats:
            written.append(save(chart, outdir / f"{name}.{fmt}"))
        notes += [f"## {name}", "", describe(chart), ""]
    descriptions = outdir / "descriptions.md"
    descriptions.write_text("\n".join(notes), encoding="utf-8")
    written.append(descriptions)
    return written
