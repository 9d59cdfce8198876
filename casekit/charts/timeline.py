"""Timeline of the C+C5 mechanism and related events, with one meeting highlighted."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import (
    WIDTH,
    ChartDataError,
    builder,
    date_column,
    date_labels,
    finish,
    inline_values,
    iso_dates,
    merge_cases,
    optional,
    records,
    require,
    same_id,
    text_column,
)
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec
from casekit.charts.delegations import COUNTRY_NAMES
from casekit.charts.labels import humanize, value_labels

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

#: Lanes of the timeline, top to bottom, with their plain-English labels.
KIND_LABELS: dict[str, str] = value_labels("events", "kind")
STATUS_SHAPES: dict[str, str] = {
    "held": "circle",
    "decided": "square",
    "planned": "diamond",
    "proposed": "triangle-up",
}
STATUS_LABELS: dict[str, str] = value_labels("events", "status")
LABELLED_KINDS = ("fm_meeting", "summit")
LANE_PX = 78


@builder
def timeline_chart(
    events: pd.DataFrame,
    *,
    highlight: str | None = "fmm-06",
    width: int = WIDTH,
    title: str = "The China–Central Asia mechanism, event by event",
) -> alt.LayerChart:
    """Draw the events of the C+C5 mechanism on one time axis, one lane per kind.

    Meetings and summits are labelled with their place and year; every point carries a
    tooltip with its title, date (at the precision the data gives), place, status and
    source. Colour and shape show the cooperation area (grey for none) and the status
    (filled when held, hollow when only planned, decided or proposed); the highlighted
    meeting gets a ring, a dashed rule and a caption.

    Parameters
    ----------
    events : pandas.DataFrame
        casekit's ``events`` table or a DataFrame with the same columns. Required:
        ``title``, ``start_date``, ``kind``. Used when present: ``end_date``,
        ``date_precision``, ``place``, ``area_id``, ``status``, ``meeting_id``,
        ``event_id``, ``source_id``, ``locator``, ``confidence``, ``case``.
    highlight : str or None
        A ``meeting_id`` or ``event_id`` to highlight (default: the Almaty meeting,
        ``fmm-06``). Nothing is highlighted when it matches no row or is ``None``.
    width : int
        Width of the drawing in pixels.
    title : str
        Chart title.

    Returns
    -------
    altair.LayerChart
        The chart; display it or pass it to :func:`casekit.charts.save`.

    Raises
    ------
    ChartDataError
        If ``events`` lacks a required column, has no rows or holds unreadable dates.
    """
    name = "timeline_chart"
    require(events, ["title", "start_date", "kind"], chart=name, table="events")
    start = date_column(events["start_date"], chart=name, column="start_date")
    end = date_column(optional(events, "end_date"), chart=name, column="end_date")
    precision = optional(events, "date_precision", "day")
    kind = text_column(events["kind"])
    area = text_column(optional(events, "area_id")).fillna(theme.NO_AREA)
    status = text_column(optional(events, "status", "held")).fillna("held")
    meeting = text_column(optional(events, "meeting_id"))
    event_id = text_column(optional(events, "event_id"))
    data = pd.DataFrame(
        {
            "event_id": event_id,
            "title": text_column(events["title"]),
            "start_date": iso_dates(start),
            "end_date": iso_dates(end.where(end > start)),
            "when": date_labels(start, precision),
            "kind": kind,
            "lane": kind.map(lambda k: KIND_LABELS.get(k) or humanize(k)),
            "area_id": area,
            "area": area.map(theme.area_label),
            "status": status,
            "place": text_column(optional(events, "place")).replace("", None).fillna("—"),
            "meeting_id": meeting,
            "country": text_column(optional(events, "country")),
            "source": (
                text_column(optional(events, "source_id")).fillna("")
                + " "
                + text_column(optional(events, "locator")).fillna("")
            ).str.strip(),
            "confidence": text_column(optional(events, "confidence")).fillna("—"),
        }
    )
    if "case" in events.columns:
        data["case"] = text_column(events["case"])
        data = merge_cases(data, ["title", "start_date", "kind"])
    data = data[data["start_date"].notna()].sort_values(
        ["start_date", "event_id"], na_position="last"
    )
    rows = records(data)
    if not rows:
        raise ChartDataError(
            f"{name}(): no event has a start date to draw.", chart=name, table="events"
        )
    highlighted = same_id(data["meeting_id"], highlight) | same_id(data["event_id"], highlight)
    lanes = [KIND_LABELS[k] for k in KIND_LABELS if k in {r["kind"] for r in rows}]
    lanes += sorted({r["lane"] for r in rows} - set(lanes))
    lane_number = {lane: i for i, lane in enumerate(lanes)}
    height = max(180, LANE_PX * len(lanes))
    label_shift = 20 / (height / (len(lanes) + 0.3))  # 20 px in lane units of the y scale
    labelled_so_far: dict[str, int] = {}
    placed: dict[str, list[tuple[date, float]]] = {}
    for r, is_highlight in zip(rows, highlighted.tolist(), strict=True):
        # lanes are numbers on a quantitative axis, so events close in time can be nudged
        # apart vertically instead of hiding each other
        when = date.fromisoformat(r["start_date"])
        before = placed.setdefault(r["lane"], [])
        taken = {off for t, off in before if (when - t).days < 75}
        offset = next(
            o
            for o in (0.0, -0.24, 0.24, -0.42, 0.42, 0.0)
            if o not in taken or (o == 0.0 and len(taken) >= 5)
        )
        before.append((when, offset))
        r["lane_y"] = r["label_y"] = lane_number[r["lane"]] + offset
        # place + year labels for meetings and summits, alternating above and below
        r["label"] = None
        if r["kind"] in LABELLED_KINDS:
            n = labelled_so_far[r["kind"]] = labelled_so_far.get(r["kind"], 0) + 1
            short = _short_place(r["place"], COUNTRY_NAMES.get(r["country"] or ""))
            r["label"] = f"{short} {r['start_date'][:4]}".strip()
            r["label_y"] += -label_shift if n % 2 else label_shift
        r["fill_color"] = theme.area_color(r["area_id"]) if r["status"] == "held" else "white"
        r["highlight"] = bool(is_highlight)
        r["caption"] = None
    present = {r["area_id"] for r in rows}
    areas_present = [a for a in (*theme.AREA_ORDER, theme.NO_AREA) if a in present]
    areas_present += sorted(present - set(areas_present))
    area_domain = [theme.area_label(a) for a in areas_present]
    area_range = [theme.area_color(a) for a in areas_present]
    statuses = [s for s in STATUS_SHAPES if s in {r["status"] for r in rows}]
    statuses += sorted({r["status"] for r in rows} - set(statuses))
    first = min(r["start_date"] for r in rows)
    last = max(r["end_date"] or r["start_date"] for r in rows)
    domain = [f"{first[:4]}-01-01", f"{int(last[:4]) + 1}-01-01"]
    x_scale = {"type": "utc", "domain": domain}
    x = field(
        "start_date:T",
        scale=x_scale,
        title=None,
        axis={
            "format": "%Y",
            "tickCount": {"interval": "year", "step": 1},
            "grid": True,
            "labelFontSize": 13,
        },
    )
    y_scale = {"domain": [-0.65, len(lanes) - 0.35], "reverse": True, "nice": False, "zero": False}
    y_axis = {
        "values": list(range(len(lanes))),
        "labelExpr": f"{json.dumps(lanes)}[datum.value]",
        "labelLimit": 220,
        "labelFontSize": 13,
        "grid": True,
        "domain": False,
        "ticks": False,
        "labelPadding": 8,
    }
    y = field("lane_y:Q", title=None, scale=y_scale, axis=y_axis)
    tips = [
        ("title:N", "Event"),
        ("when:N", "Date"),
        ("place:N", "Place"),
        ("status:N", "Status"),
        ("area:N", "Area"),
        ("source:N", "Source"),
        ("confidence:N", "Confidence"),
    ]
    if "case" in rows[0]:
        tips.insert(0, ("case:N", "Case"))
    color = field(
        "area:N",
        scale={"domain": area_domain, "range": area_range},
        legend={
            "title": "Cooperation area (grey: none)",
            "orient": "bottom",
            "columns": 3,
            "symbolType": "circle",
            "titleLimit": 400,
            "symbolOpacity": 1,
            "symbolFillColor": "white",
            "symbolStrokeWidth": 5,
            "symbolSize": 90,
        },
    )
    shape = field(
        "status:N",
        scale={"domain": statuses, "range": [STATUS_SHAPES.get(s, "circle") for s in statuses]},
        legend={
            "title": "Status (hollow = not yet held)",
            "orient": "bottom",
            "titleLimit": 400,
            "labelExpr": _label_expr(STATUS_LABELS),
            "symbolStrokeColor": "#333333",
            "symbolFillColor": "white",
            "symbolStrokeWidth": 1.5,
        },
    )
    spans = layer(
        {"type": "rule", "strokeWidth": 5, "opacity": 0.45, "strokeCap": "round"},
        {"x2": field("end_date"), "color": color},
        transform=[{"filter": "datum.end_date != null"}],
    )
    # one point layer: held events filled with their area colour, the others hollow
    points = layer(
        {"type": "point", "size": 150, "strokeWidth": 2.2, "opacity": 1},
        {
            "color": color,
            "fill": field("fill_color:N", scale=None),
            "shape": shape,
            "tooltip": tooltip(*tips),
        },
    )
    # one label layer: labels sit about 20 px above or below their point
    labels = layer(
        {"type": "text", "fontSize": 11, "color": theme.CONTEXT_COLOR, "baseline": "middle"},
        {"y": field("label_y:Q", scale=y_scale, axis=y_axis, title=None), "text": field("label:N")},
        transform=[{"filter": "datum.label != null"}],
    )
    layers = [spans, points, labels]
    hl = [r for r in rows if r["highlight"]]
    summary_hl = ""
    if hl:
        row = hl[0]
        place = "" if row["place"] in ("—", "") or row["place"] in row["title"] else row["place"]
        row["caption"] = ", ".join(p for p in (row["title"], place, row["when"]) if p)
        summary_hl = f" Highlighted: {row['caption']}."
        only_highlight = [{"filter": "datum.highlight"}]
        ring = layer(
            {
                "type": "point",
                "shape": "circle",
                "size": 700,
                "strokeWidth": 3,
                "color": theme.HIGHLIGHT_COLOR,
                "filled": False,
            },
            transform=only_highlight,
        )
        rule = layer(
            {
                "type": "rule",
                "strokeDash": [5, 4],
                "color": theme.HIGHLIGHT_COLOR,
                "strokeWidth": 1.5,
            },
            {"y": {"value": 0}, "y2": {"value": "height"}},
            transform=only_highlight,
        )
        span = (pd.Timestamp(domain[1]) - pd.Timestamp(domain[0])).days
        right_half = (pd.Timestamp(row["start_date"]) - pd.Timestamp(domain[0])).days > span * 0.55
        text = layer(
            {
                "type": "text",
                "align": "right" if right_half else "left",
                "dx": -6 if right_half else 6,
                "dy": 4,
                "baseline": "top",
                "fontSize": 12,
                "fontWeight": "bold",
                "color": theme.HIGHLIGHT_COLOR,
            },
            {"y": {"value": 0}, "text": field("caption:N")},
            transform=[{"filter": "datum.caption != null"}],
        )
        layers = [rule, spans, points, ring, labels, text]
    chart = layered(
        *layers,
        encoding={"x": x, "y": y},
        data=inline_values(rows),
        width=width,
        height=height,
        title=title_spec(
            title,
            subtitle=f"{len(rows)} events, {rows[0]['when']} to {rows[-1]['when']}; "
            "meetings and summits labelled; in a notebook, hover a point for its date, "
            "place and source",
        ),
    )
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(Counter(r["lane"] for r in rows).items()))
    summary = (
        f"Timeline of {len(rows)} events from {first} to {last}, by kind: {kinds}.{summary_hl}"
    )
    return finish(chart, summary)


def _short_place(place: str, country: str | None) -> str:
    """Shorten a place for a label: 'Nur-Sultan (now Astana)' -> 'Nur-Sultan'; video."""
    if not place or place == "—":
        return country or ""
    if "video" in place.lower():
        return "video"
    return re.sub(r"\s*\(.*?\)", "", place.split(",")[0]).strip()


def _label_expr(labels: dict[str, str]) -> str:
    """Vega expression mapping raw category values to plain labels in a legend."""
    parts = [f"datum.label == '{k}' ? '{v}'" for k, v in labels.items()]
    return " : ".join([*parts, "datum.label"])
