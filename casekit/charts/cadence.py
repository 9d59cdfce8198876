"""How often each partner meets the five: C5+X meetings per partner per year, by level."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import WIDTH, builder, finish, inline_values, records
from casekit.charts._partners import HELD, level_scales, meeting_rows
from casekit.charts._spec import field, layer
from casekit.charts._spec import title as title_spec

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

ROW_HEIGHT = 34  # px per partner: three level lanes


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
    """Draw, for each partner and year, how many meetings it held at each level.

    One row per partner (ordered by first meeting) and one column per year; within a
    row, each level has its own lane (heads of state, foreign ministers, other), with
    colour and shape for the level and size for the number of meetings, so busy and
    quiet calendars compare at a glance. The highlighted format's row is in bold with
    an arrow. By default only meetings that were held are counted.

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
        The chart.

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
    labels, colors, shapes = level_scales(list(counts["level"]))
    chart = layer(
        {"type": "point", "filled": True, "opacity": 0.9, "aria": False},
        {
            "x": field(
                "year:O",
                scale={"domain": years, "paddingInner": 0.1},
                title=None,
                axis={"labelAngle": 0, "labelExpr": "datum.value % 5 == 0 ? datum.label : ''"},
            ),
            "y": field(
                "partner:N",
                sort=rows,
                title=None,
                axis={
                    "labelFontSize": 12,
                    "domain": False,
                    "ticks": False,
                    "labelPadding": 6,
                    "grid": True,
                    "gridDash": [2, 3],
                    "labelFontWeight": theme.HIGHLIGHTED_LABEL_WEIGHT,
                },
            ),
            "yOffset": field("level_label:N", scale={"domain": labels, "paddingOuter": 0.5}),
            "color": field(
                "level_label:N",
                scale={"domain": labels, "range": colors},
                legend={"title": "Level", "orient": "bottom"},
            ),
            "shape": field(
                "level_label:N",
                scale={"domain": labels, "range": shapes},
                legend={"title": "Level", "orient": "bottom"},
            ),
            "size": field(
                "meetings:Q",
                scale={"domain": [1, 3], "range": [45, 200]},
                legend={
                    "title": "Meetings in the year",
                    "orient": "bottom",
                    "values": [1, 2, 3],
                    "format": "d",
                },
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
        height=ROW_HEIGHT * len(rows),
        title=title_spec(title, subtitle=_subtitle(counts, statuses)),
    )
    return cast("alt.Chart", finish(chart, _summary(counts, years)))


def _subtitle(counts: pd.DataFrame, statuses: tuple[str, ...]) -> str:
    which = "held" if statuses == (HELD,) else ", ".join(statuses)
    return f"Meetings {which} per calendar year; within each partner's row, one lane per level."


def _summary(counts: pd.DataFrame, years: list[int]) -> str:
    per_year = counts.groupby("year")["meetings"].sum()
    busiest = int(str(per_year.idxmax()))
    partners = counts.groupby("partner", sort=False)
    active = partners["year"].nunique().sort_values(ascending=False, kind="stable")
    top = ", ".join(f"{str(p).removeprefix('► ')} {n}" for p, n in active.head(5).items())
    return (
        f"{int(counts['meetings'].sum())} meetings of {counts['partner'].nunique()} partners, "
        f"{years[0]} to {years[-1]}; busiest year {busiest} ({int(per_year.max())} meetings). "
        f"Years with at least one meeting, most first: {top}."
    )
