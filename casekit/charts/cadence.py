"""How often each partner meets the five: C5+X meetings per partner per year, by level."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from casekit.charts._base import WIDTH, builder, finish, inline_values, records
from casekit.charts._partners import HELD, level_scales, meeting_rows
from casekit.charts._spec import field, layer
from casekit.charts._spec import title as title_spec

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt


@builder
def meetings_per_year_chart(
    meetings: pd.DataFrame,
    formats: pd.DataFrame | None = None,
    *,
    statuses: tuple[str, ...] = (HELD,),
    highlight: str | None = "c5-chn",
    width: int = WIDTH,
    title: str = "How often each partner meets the five: meetings per year, by level",
) -> alt.Chart:
    """Draw, for each partner, a small bar chart of its meetings per year by level.

    One panel per partner (ordered by first meeting), all on the same year axis and
    the same count scale, so busy and quiet calendars compare at a glance. Bars are
    stacked by level (colour); the highlighted format's panel is labelled with an
    arrow. By default only meetings that were held are counted.

    Parameters
    ----------
    meetings : pandas.DataFrame
        The C5+X dataset's ``format_meetings`` table (``casekit.load("c5x")``) or the
        same columns. Required: ``format_id``, ``start_date``, ``level``; ``status`` is
        used to keep ``statuses`` only.
    formats : pandas.DataFrame, optional
        The ``formats`` table, for the partners' names.
    statuses : tuple of str
        Statuses to count (default: held only).
    highlight : str or None
        ``format_id`` of the format to mark with an arrow.
    width : int
        Width of each panel in pixels.
    title : str
        Chart title.

    Returns
    -------
    altair.Chart
        A faceted bar chart (one row per partner).

    Raises
    ------
    ChartDataError
        If a required column is missing, there are no rows, dates are unreadable, a
        level is not one of the schema's or no meeting has one of ``statuses``.
    """
    name = "meetings_per_year_chart"
    data = meeting_rows(meetings, formats, chart=name, highlight=highlight)
    rows = list(dict.fromkeys(data["partner"]))
    data = data[data["status"].isin(statuses)]
    if data.empty:
        from casekit.charts._base import ChartDataError

        raise ChartDataError(f"{name}(): no meeting has status {', '.join(statuses)}.", chart=name)
    counts = (
        data.groupby(["partner", "year", "level", "level_label"], sort=False)
        .size()
        .rename("meetings")
        .reset_index()
    )
    years = list(range(int(data["year"].min()), int(data["year"].max()) + 1))
    labels, colors, _shapes = level_scales(list(counts["level"]))
    chart = layer(
        {"type": "bar", "width": {"band": 0.85}},
        {
            "x": field(
                "year:O",
                scale={"domain": years},
                title=None,
                axis={"labelAngle": 0, "labelExpr": "datum.value % 5 == 0 ? datum.label : ''"},
            ),
            "y": field(
                "meetings:Q",
                title=None,
                axis={"tickCount": 2, "grid": True, "labelFontSize": 10},
                stack="zero",
            ),
            "color": field(
                "level_label:N",
                scale={"domain": labels, "range": colors},
                sort=labels,
                legend={"title": "Level", "orient": "bottom"},
            ),
            "order": field("level:N", sort="ascending"),
            "row": field(
                "partner:N",
                sort=rows,
                title=None,
                header={"labelAngle": 0, "labelAlign": "left", "labelFontSize": 12},
                spacing=4,
            ),
            "tooltip": [
                field("partner:N", title="Partner"),
                field("year:O", title="Year"),
                field("level_label:N", title="Level"),
                field("meetings:Q", title="Meetings"),
            ],
        },
        data=inline_values(records(counts)),
        width=width,
        height=34,
        title=title_spec(title, subtitle=_subtitle(counts, statuses)),
    )
    return finish(chart, _summary(counts, years))


def _subtitle(counts: pd.DataFrame, statuses: tuple[str, ...]) -> str:
    which = "held" if statuses == (HELD,) else ", ".join(statuses)
    return f"Meetings {which} per calendar year; each panel one partner, same scale."


def _summary(counts: pd.DataFrame, years: list[int]) -> str:
    per_year = counts.groupby("year")["meetings"].sum()
    busiest = int(per_year.idxmax())
    partners = counts.groupby("partner", sort=False)
    active = partners["year"].nunique().sort_values(ascending=False, kind="stable")
    top = ", ".join(f"{p.removeprefix('► ')} {n}" for p, n in active.head(5).items())
    return (
        f"{int(counts['meetings'].sum())} meetings of {counts['partner'].nunique()} partners, "
        f"{years[0]} to {years[-1]}; busiest year {busiest} ({int(per_year.max())} meetings). "
        f"Years with at least one meeting, most first: {top}."
    )
