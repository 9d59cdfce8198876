"""Central Asia's other partners: the C5+X formats on one time axis."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from casekit import theme
from casekit.charts._base import (
    WIDTH,
    altair,
    builder,
    date_column,
    date_labels,
    finish,
    inline,
    iso_dates,
    optional,
    require,
    same_id,
    text_column,
)

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

MILESTONES = {
    "start": ("Format launched", "circle"),
    "first_summit": ("First summit", "diamond"),
    "recent": ("Most recent meeting", "square"),
}


@builder
def formats_chart(
    formats: pd.DataFrame,
    *,
    highlight: str | None = "c5-chn",
    width: int = WIDTH,
    title: str = "Central Asia's other partners: the C5+X formats",
) -> alt.LayerChart:
    """Draw each C5+X format as a line from its launch to its most recent meeting.

    Milestones are marked by shape (launch, first summit, most recent meeting) and
    dated in the tooltip at the precision the data gives. The highlighted format
    (China's, by default) is drawn in the accent colour, its name in bold and marked
    with an arrow, so it stands out without colour too.

    Parameters
    ----------
    formats : pandas.DataFrame
        casekit's ``formats`` table or the same columns. Required: ``partner``,
        ``start_date``. Used when present: ``format_id``, ``format_name``,
        ``start_precision``, ``first_summit_date``, ``first_summit_place``,
        ``recent_date``, ``recent_precision``, ``recent_note``, ``confidence``.
    highlight : str or None
        ``format_id`` (or ``partner``) to highlight.
    width : int
        Width of the drawing in pixels.
    title : str
        Chart title.

    Returns
    -------
    altair.LayerChart
        The chart.

    Raises
    ------
    ChartDataError
        If a required column is missing, there are no rows or dates are unreadable.
    """
    alt = altair()
    name = "formats_chart"
    require(formats, ["partner", "start_date"], chart=name, table="formats")
    start = date_column(formats["start_date"], chart=name, column="start_date")
    summit = date_column(optional(formats, "first_summit_date"), chart=name,
                         column="first_summit_date")
    recent = date_column(optional(formats, "recent_date"), chart=name, column="recent_date")
    partner = text_column(formats["partner"])
    fmt_name = text_column(optional(formats, "format_name"))
    data = pd.DataFrame(
        {
            "format_id": text_column(optional(formats, "format_id")).fillna(""),
            "partner": partner,
            "format_name": fmt_name.where(fmt_name.notna(), partner),
            "start_date": iso_dates(start),
            "first_summit_date": iso_dates(summit),
            "recent_date": iso_dates(recent),
            "start_when": date_labels(start, optional(formats, "start_precision", "day")),
            "summit_when": date_labels(summit),
            "recent_when": date_labels(recent, optional(formats, "recent_precision", "day")),
            "summit_place": text_column(optional(formats, "first_summit_place")).fillna(""),
            "recent_note": text_column(optional(formats, "recent_note")).fillna(""),
            "confidence": text_column(optional(formats, "confidence")).fillna("—"),
        }
    )
    data = data[data["start_date"].notna()]
    if data.empty:
        from casekit.charts._base import ChartDataError

        raise ChartDataError(f"{name}(): no format has a start_date.", chart=name,
                             table="formats")
    data["end_date"] = data[["start_date", "recent_date"]].max(axis=1)
    data = data.sort_values(["start_date", "partner"]).reset_index(drop=True)
    data["highlight"] = same_id(data["format_id"], highlight) | (data["partner"] == highlight)
    data["row"] = [
        f"► {n}" if h else n for n, h in zip(data["partner"], data["highlight"], strict=True)
    ]
    rows = list(data["row"])
    long = []
    for key, (label, _shape) in MILESTONES.items():
        col = {"start": "start_date", "first_summit": "first_summit_date",
               "recent": "recent_date"}[key]
        when = {"start": "start_when", "first_summit": "summit_when", "recent": "recent_when"}[key]
        part = data[data[col].notna()][["row", "format_name", "highlight", "confidence"]].copy()
        part["date"] = data.loc[part.index, col]
        part["when"] = data.loc[part.index, when]
        part["milestone"] = label
        part["detail"] = (
            data.loc[part.index, "summit_place"] if key == "first_summit"
            else data.loc[part.index, "recent_note"] if key == "recent" else ""
        )
        long.append(part)
    points_data = pd.concat(long, ignore_index=True)
    # the same date can be both the launch and the first summit: keep the later milestone
    points_data = points_data.drop_duplicates(["row", "date"], keep="last").reset_index(drop=True)
    years = pd.to_datetime(points_data["date"])
    end = years.max() + pd.Timedelta(days=150)
    domain = [f"{years.min().year}-01-01", end.strftime("%Y-%m-%d")]
    x_scale = alt.Scale(type="utc", domain=domain)
    x_axis = alt.Axis(format="%Y", labelFontSize=12, grid=True, tickCount="year")
    x = alt.X("start_date:T", scale=x_scale, title=None, axis=x_axis)
    y = alt.Y("row:N", sort=rows, title=None,
              axis=alt.Axis(labelFontSize=13, domain=False, ticks=False, labelPadding=8,
                            labelFontWeight=alt.ExprRef(
                                expr="indexof(datum.label, '►') == 0 ? 'bold' : 'normal'"),
                            labelColor=alt.ExprRef(
                                expr=f"indexof(datum.label, '►') == 0 ? "
                                f"'{theme.HIGHLIGHT_COLOR}' : '#333333'")))
    ink = alt.Color(
        "highlight:N",
        scale=alt.Scale(domain=[True, False], range=[theme.HIGHLIGHT_COLOR, theme.CONTEXT_COLOR]),
        legend=None,
    )
    lines = alt.Chart(inline(data)).mark_rule(strokeWidth=3, opacity=0.6).encode(
        x=x, x2=alt.X2("end_date"), y=y, color=ink
    )
    milestone_labels = [v[0] for v in MILESTONES.values()]
    points = alt.Chart(inline(points_data)).mark_point(filled=True, size=110, opacity=1).encode(
        x=alt.X("date:T", scale=x_scale, title=None, axis=x_axis),
        y=y,
        color=ink,
        shape=alt.Shape("milestone:N",
                        scale=alt.Scale(domain=milestone_labels,
                                        range=[v[1] for v in MILESTONES.values()]),
                        legend=alt.Legend(title=None, orient="bottom", symbolFillColor="#333333",
                                          symbolStrokeColor="#333333")),
        tooltip=[alt.Tooltip("format_name:N", title="Format"),
                 alt.Tooltip("milestone:N", title="Milestone"),
                 alt.Tooltip("when:N", title="Date"), alt.Tooltip("detail:N", title="Note"),
                 alt.Tooltip("confidence:N", title="Confidence")],
    )
    chart = alt.layer(lines, points).properties(
        width=width,
        height=alt.Step(34),
        title=alt.Title(title, subtitle=_subtitle(data)),
    )
    summary = (
        f"{len(data)} formats, launched from {data['start_when'].iloc[0]} "
        f"({data['partner'].iloc[0]}) to {data['start_when'].iloc[-1]} "
        f"({data['partner'].iloc[-1]}). {_subtitle(data)}"
    )
    return finish(chart, kind="formats", summary=summary)


def _subtitle(data: pd.DataFrame) -> str:
    hl = data[data["highlight"]]
    if hl.empty:
        return f"{len(data)} formats by launch date"
    row = hl.iloc[0]
    position = int(hl.index[0]) + 1
    return (
        f"{row['format_name']} (►) launched {row['start_when']}: "
        f"{_ordinal(position)} of {len(data)} formats by launch date."
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
