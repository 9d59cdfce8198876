"""Central Asia's other partners: the C5+X formats on one time axis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import (
    WIDTH,
    builder,
    date_column,
    date_labels,
    finish,
    inline_values,
    iso_dates,
    optional,
    require,
    text_column,
)
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec
from casekit.charts.cases import case_labels, compared, facet_by_case, same_id

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
) -> alt.LayerChart | alt.FacetChart:
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
    altair.LayerChart or altair.FacetChart
        The chart; a row of formats per case, labelled with it, on the same years, when
        ``formats`` holds several cases (a ``case`` column, as :func:`casekit.combine`
        gives).

    Raises
    ------
    ChartDataError
        If a required column is missing, there are no rows or dates are unreadable.
    """
    name = "formats_chart"
    require(formats, ["partner", "start_date"], chart=name, table="formats")
    cases = case_labels(formats)
    data = _format_frame(formats, cases)
    if data.empty:
        from casekit.charts._base import ChartDataError

        raise ChartDataError(f"{name}(): no format has a start_date.", chart=name, table="formats")
    data["highlight"] = same_id(data["format_id"], highlight) | (data["partner"] == highlight)
    data["row"] = [
        f"► {n}" if h else n for n, h in zip(data["partner"], data["highlight"], strict=True)
    ]
    milestones = _milestones(data)
    first_day = min(m["date"] for m in milestones)
    last_day = pd.Timestamp(max(m["date"] for m in milestones)) + pd.Timedelta(days=150)
    domain = [f"{first_day[:4]}-01-01", last_day.strftime("%Y-%m-%d")]
    encoding = _axes(domain, list(dict.fromkeys(data["row"])))
    layers = _layers()
    parts = {label: data[data["case"] == label] for label in cases} if cases else {"": data}
    subtitles = {label: _subtitle(part.reset_index(drop=True)) for label, part in parts.items()}
    subtitle = " ".join(f"{k}: {v}" if k else v for k, v in subtitles.items())
    heading = title_spec(title, subtitle=subtitle)
    if cases:
        panel = layered(*layers, encoding=encoding, width=width, height={"step": 34})
        chart = facet_by_case(
            panel,
            cases,
            data=inline_values(milestones),
            title=heading,
            independent=("y",),
            spacing=14,
        )
    else:
        chart = layered(
            *layers,
            encoding=encoding,
            data=inline_values(milestones),
            width=width,
            height={"step": 34},
            title=heading,
        )
    summary = " ".join(
        f"{label + ': ' if label else ''}{_launches(part)} {subtitles[label]}"
        for label, part in parts.items()
    )
    if cases:
        summary = compared({k: len(v) for k, v in parts.items()}, "formats") + " " + summary
    return finish(chart, summary)


def _format_frame(formats: pd.DataFrame, cases: list[str]) -> pd.DataFrame:
    """Return the formats as plain values, those with a start date, in launch order."""
    name = "formats_chart"
    start = date_column(formats["start_date"], chart=name, column="start_date")
    summit = date_column(
        optional(formats, "first_summit_date"), chart=name, column="first_summit_date"
    )
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
    if cases:
        data["case"] = text_column(formats["case"])
    data = data[data["start_date"].notna()].copy()
    data["end_date"] = [
        s if r is None or r < s else r
        for s, r in zip(data["start_date"], data["recent_date"], strict=True)
    ]
    return data.sort_values(["start_date", "partner"]).reset_index(drop=True)


def _milestones(data: pd.DataFrame) -> list[dict[str, Any]]:
    """Return one row per milestone, launches first.

    The launch of each format also carries the format's span (start_date to end_date),
    which the line layer draws.
    """
    columns = {
        "start": ("start_date", "start_when", None),
        "first_summit": ("first_summit_date", "summit_when", "summit_place"),
        "recent": ("recent_date", "recent_when", "recent_note"),
    }
    fmts = data.to_dict("records")
    kept: dict[tuple[object, str, str], dict[str, Any]] = {}
    for key, (day_col, when_col, detail_col) in columns.items():
        for fmt in fmts:
            day = fmt[day_col]
            if day is None:
                continue
            # the same date can be both the launch and the first summit: keep the later
            where = (fmt.get("case"), fmt["row"], day)
            kept.pop(where, None)
            kept[where] = {
                "row": fmt["row"],
                "format_name": fmt["format_name"],
                "highlight": bool(fmt["highlight"]),
                "confidence": fmt["confidence"],
                "date": day,
                "when": fmt[when_col],
                "milestone": MILESTONES[key][0],
                "detail": fmt[detail_col] if detail_col else "",
                "start_date": None,
                "end_date": None,
            }
            if "case" in fmt:
                kept[where]["case"] = fmt["case"]
    for fmt in fmts:
        span = kept[fmt.get("case"), fmt["row"], fmt["start_date"]]
        span["start_date"], span["end_date"] = fmt["start_date"], fmt["end_date"]
    return list(kept.values())


def _axes(domain: list[str], rows: list[str]) -> dict[str, dict[str, Any]]:
    """Return the x (years), y (formats, the highlighted one bold) and colour encodings."""
    x = field(
        "date:T",
        scale={"type": "utc", "domain": domain},
        title=None,
        axis={"format": "%Y", "labelFontSize": 12, "grid": True, "tickCount": "year"},
    )
    y = field(
        "row:N",
        sort=rows,
        title=None,
        axis=dict(theme.HIGHLIGHTED_ROW_AXIS),
    )
    ink = field(
        "highlight:N",
        scale={"domain": [True, False], "range": [theme.HIGHLIGHT_COLOR, theme.CONTEXT_COLOR]},
        legend=None,
    )
    return {"x": x, "y": y, "color": ink}


def _layers() -> tuple[Any, Any]:
    """Return each format's line (launch to most recent meeting) and its milestones."""
    lines = layer(
        {"type": "rule", "strokeWidth": 3, "opacity": 0.6},
        {"x": field("start_date:T", title=None), "x2": field("end_date")},
        transform=[{"filter": "datum.end_date != null"}],
    )
    points = layer(
        {"type": "point", "filled": True, "size": 110, "opacity": 1},
        {
            "shape": field(
                "milestone:N",
                scale={
                    "domain": [v[0] for v in MILESTONES.values()],
                    "range": [v[1] for v in MILESTONES.values()],
                },
                legend={
                    "title": None,
                    "orient": "bottom",
                    "symbolFillColor": "#333333",
                    "symbolStrokeColor": "#333333",
                },
            ),
            "tooltip": tooltip(
                ("format_name:N", "Format"),
                ("milestone:N", "Milestone"),
                ("when:N", "Date"),
                ("detail:N", "Note"),
                ("confidence:N", "Confidence"),
            ),
        },
    )
    return lines, points


def _launches(data: pd.DataFrame) -> str:
    return (
        f"{len(data)} formats, launched from {data['start_when'].iloc[0]} "
        f"({data['partner'].iloc[0]}) to {data['start_when'].iloc[-1]} "
        f"({data['partner'].iloc[-1]})."
    )


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
