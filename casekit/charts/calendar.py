"""Central Asia's partners side by side: every C5+X meeting on one calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import WIDTH, builder, finish, inline_values, records
from casekit.charts._partners import level_scales, meeting_rows, partner_counts
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

MARK_SIZE = 78.54  # area of a circle of radius 5 px: short SVG paths


@builder
def partners_calendar_chart(
    meetings: pd.DataFrame,
    formats: pd.DataFrame | None = None,
    *,
    highlight: str | None = "c5-chn",
    width: int = WIDTH,
    title: str = "Central Asia's partners: every C5+X meeting, by level",
) -> alt.LayerChart:
    """Draw one row per partner and one mark per meeting, by level, over time.

    Level is shown by colour and by shape; meetings that were not held (announced
    without a report, planned, postponed, cancelled) are hollow. The highlighted
    format (China's, by default) sits on a shaded band, its name in bold with an
    arrow, so it stands out without colour too. Partners are ordered by their first
    meeting.

    Parameters
    ----------
    meetings : pandas.DataFrame
        The C5+X dataset's ``format_meetings`` table (``casekit.load("c5x")``) or the
        same columns. Required: ``format_id``, ``start_date``, ``level``. Used when
        present: ``date_precision``, ``status``, ``city``, ``mode``,
        ``ordinal_as_stated``, ``outcome_document``, ``confidence``.
    formats : pandas.DataFrame, optional
        The ``formats`` table, for the partners' names (``format_id``, ``partner``);
        without it rows are labelled by ``format_id``.
    highlight : str or None
        ``format_id`` of the format to highlight.
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
        If a required column is missing, there are no rows, dates are unreadable or a
        level is not one of the schema's.
    """
    data = meeting_rows(meetings, formats, chart="partners_calendar_chart", highlight=highlight)
    rows = list(dict.fromkeys(data["partner"]))
    labels, colors, shapes = level_scales(list(data["level"]))
    first_year = int(data["year"].min())
    last = pd.Timestamp(data["date"].max()) + pd.Timedelta(days=200)
    domain = [f"{first_year}-01-01", last.strftime("%Y-%m-%d")]
    x = field(
        "date:T",
        scale={"type": "utc", "domain": domain},
        title=None,
        axis={
            "format": "%Y",
            "labelFontSize": 12,
            "grid": True,
            "ticks": False,
            "tickCount": {"interval": "year", "step": 2},
        },
    )
    y = field(
        "partner:N",
        sort=rows,
        title=None,
        axis=dict(theme.HIGHLIGHTED_ROW_AXIS),
    )
    band = layer(
        {"type": "rect", "color": theme.HIGHLIGHT_COLOR, "opacity": 0.12, "aria": False},
        {"x": {"value": 0}, "x2": {"value": "width"}},
        transform=[{"filter": "datum.highlight"}, {"aggregate": [], "groupby": ["partner"]}],
    )
    level_field = {"field": "level_label", "type": "nominal"}
    encoding = {
        "color": {
            **level_field,
            "scale": {"domain": labels, "range": colors},
            "legend": {"title": "Level", "orient": "bottom"},
        },
        "shape": {
            **level_field,
            "scale": {"domain": labels, "range": shapes},
            "legend": {"title": "Level", "orient": "bottom"},
        },
        "tooltip": tooltip(
            ("partner:N", "Partner"),
            ("when:N", "Date"),
            ("level_label:N", "Level"),
            ("ordinal:N", "Ordinal (as stated)"),
            ("place:N", "Place"),
            ("status:N", "Status"),
            ("outcome:N", "Outcome document"),
            ("confidence:N", "Confidence"),
        ),
    }
    # held meetings filled, the others hollow: two layers, so that each mark carries only
    # the attributes it needs (the stored SVG stays small)
    held = layer(
        {"type": "point", "filled": True, "size": MARK_SIZE, "opacity": 0.85, "aria": False},
        encoding,
        transform=[{"filter": "datum.held"}],
    )
    not_held = layer(
        {"type": "point", "filled": False, "size": MARK_SIZE, "strokeWidth": 1.6, "aria": False},
        encoding,
        transform=[{"filter": "!datum.held"}],
    )
    chart = layered(
        band,
        held,
        not_held,
        encoding={"x": x, "y": y},
        data=inline_values(records(data.drop(columns=["row_order"]))),
        width=width,
        height={"step": 30},
        title=title_spec(title, subtitle=_subtitle(data)),
    )
    return cast("alt.LayerChart", finish(chart, _summary(data)))


def _subtitle(data: pd.DataFrame) -> str:
    held = data[data["held"]]
    leaders = held[held["level"] == "heads_of_state"]
    return (
        f"{len(held)} meetings held with {data['partner'].nunique()} partners, "
        f"{len(leaders)} of them at heads-of-state level. Hollow marks: not held "
        "(announced, planned, postponed or cancelled)."
    )


def _summary(data: pd.DataFrame) -> str:
    held = data[data["held"]]
    counts = held["level_label"].value_counts()
    by_level = ", ".join(f"{counts[label]} {label.lower()}" for label in counts.index)
    text = (
        f"{len(data)} meetings of {data['partner'].nunique()} formats, "
        f"{data['year'].min()} to {data['year'].max()}; {len(held)} held ({by_level}), "
        f"{len(data) - len(held)} not held. Heads-of-state meetings held by partner: "
        f"{partner_counts(data, 'heads_of_state')}."
    )
    hl = data[data["highlight"]]
    if not hl.empty:
        mine = hl[hl["held"]]
        text += (
            f" {hl['partner'].iloc[0].removeprefix('► ')} (►): {len(mine)} held since "
            f"{mine['year'].min() if len(mine) else '—'}, "
            f"{int((mine['level'] == 'heads_of_state').sum())} at heads-of-state level."
        )
    return text
