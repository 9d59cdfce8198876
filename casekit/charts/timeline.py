"""Timeline of the C+C5 mechanism and related events, with one meeting highlighted."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

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
    optional,
    records,
    require,
    text_column,
)
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec
from casekit.charts.cases import case_labels, compared, same_id, stack_by_case
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
) -> alt.LayerChart | alt.VConcatChart:
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
    altair.LayerChart or altair.VConcatChart
        The chart; display it or pass it to :func:`casekit.charts.save`. When
        ``events`` holds several cases (a ``case`` column, as
        :func:`casekit.combine` gives), one timeline per case, titled with it, one above
        the other on the same years, with one legend.

    Raises
    ------
    ChartDataError
        If ``events`` lacks a required column, has no rows or holds unreadable dates.
    """
    name = "timeline_chart"
    require(events, ["title", "start_date", "kind"], chart=name, table="events")
    cases = case_labels(events)
    data, precision = _event_frame(events)
    if data.empty:
        raise ChartDataError(
            f"{name}(): no event has a start date to draw.", chart=name, table="events"
        )
    span = _span(data, precision)
    highlighted = same_id(data["meeting_id"], highlight) | same_id(data["event_id"], highlight)
    rows = records(data)
    domain = [f"{span.first[:4]}-01-01", f"{int(span.last[:4]) + 1}-01-01"]
    heading = title_spec(
        title,
        subtitle=f"{len(rows)} events{f' in {len(cases)} cases' if cases else ''}, "
        f"{span.first_label} to {span.last_label}; meetings and summits labelled; in a "
        "notebook, hover a point for its date, place and source",
    )
    captions: list[str] = []
    panels = {}
    for label, part in _by_case(rows, highlighted.tolist(), cases).items():
        panels[label] = _panel(part, rows, domain, width)
        captions += [f"{text} ({label})" if cases else text for text in _caption(part)]
    if cases:
        chart = stack_by_case(panels, title=heading, shared=("color", "shape"))
    else:
        chart = panels[""]
        chart.title = heading
    return finish(chart, _summary(rows, span, captions, cases))


class _Span(NamedTuple):
    """First and last day of the timeline, as ISO dates and as people read them."""

    first: str
    last: str
    first_label: str
    last_label: str


def _event_frame(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Return the events as plain values, dated rows only, in date order; and precisions."""
    name = "timeline_chart"
    start = date_column(events["start_date"], chart=name, column="start_date")
    end = date_column(optional(events, "end_date"), chart=name, column="end_date")
    precision = text_column(optional(events, "date_precision", "day")).fillna("day")
    kind = text_column(events["kind"])
    area = text_column(optional(events, "area_id")).fillna(theme.NO_AREA)
    data = pd.DataFrame(
        {
            "event_id": text_column(optional(events, "event_id")),
            "title": text_column(events["title"]),
            "start_date": iso_dates(start),
            "end_date": iso_dates(end.where(end > start)),
            "when": date_labels(start, precision),
            "kind": kind,
            "lane": kind.map(lambda k: KIND_LABELS.get(k) or humanize(k)),
            "area_id": area,
            "area": area.map(theme.area_label),
            "status": text_column(optional(events, "status", "held")).fillna("held"),
            "place": text_column(optional(events, "place")).replace("", None).fillna("—"),
            "meeting_id": text_column(optional(events, "meeting_id")),
            "country": text_column(optional(events, "country")),
            "source": (
                text_column(optional(events, "source_id")).fillna("")
                + " "
                + text_column(optional(events, "locator")).fillna("")
            ).str.strip(),
            "confidence": text_column(optional(events, "confidence")).fillna("—"),
        }
    )
    if "case" in events.columns:  # shown in the tooltips, even for one case
        data["case"] = text_column(events["case"])
    data = data[data["start_date"].notna()].sort_values(
        ["start_date", "event_id"], na_position="last"
    )
    return data, precision.loc[data.index]


def _span(data: pd.DataFrame, precision: pd.Series) -> _Span:
    """Return the first start and the last day (an end date if later), for every text.

    The subtitle and ``describe()`` both read this, so they name the same days; each
    day is written at the precision its event gives.
    """
    starts = [str(d) for d in data["start_date"]]
    lasts = [str(d) for d in data["end_date"].fillna(data["start_date"])]
    first_at = starts.index(min(starts))
    last_at = len(lasts) - 1 - lasts[::-1].index(max(lasts))  # the last row of that day
    days = pd.to_datetime(pd.Series([starts[first_at], lasts[last_at]]))
    labels = date_labels(days, pd.Series([precision.iloc[first_at], precision.iloc[last_at]]))
    return _Span(starts[first_at], lasts[last_at], labels[0], labels[1])


def _lanes(rows: list[dict[str, Any]]) -> list[str]:
    """Return the lanes drawn, top to bottom: casekit's kinds in order, then others."""
    kinds = {r["kind"] for r in rows}
    lanes = [KIND_LABELS[k] for k in KIND_LABELS if k in kinds]
    return lanes + sorted({r["lane"] for r in rows} - set(lanes))


def _by_case(
    rows: list[dict[str, Any]], highlighted: list[bool], cases: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Mark the highlighted rows; return the rows of each case (all rows for one case)."""
    for r, is_highlight in zip(rows, highlighted, strict=True):
        r["highlight"] = bool(is_highlight)
    if not cases:
        return {"": rows}
    return {label: [r for r in rows if r["case"] == label] for label in cases}


def _panel(
    rows: list[dict[str, Any]], every_row: list[dict[str, Any]], domain: list[str], width: int
) -> Any:
    """Return the timeline of ``rows``: one lane per kind they hold, on the years of domain.

    Colours and shapes cover ``every_row``, so panels of several cases share one legend.
    """
    lanes = _lanes(rows)
    height = max(180, LANE_PX * len(lanes))
    label_shift = 20 / (height / (len(lanes) + 0.3))  # 20 px in lane units of the y scale
    _place(rows, {lane: i for i, lane in enumerate(lanes)}, label_shift)
    _caption(rows)
    encoding = _axes(lanes, domain)
    return layered(
        *_layers(rows, every_row, encoding["y"], domain),
        encoding=encoding,
        data=inline_values(rows),
        width=width,
        height=height,
    )


def _place(rows: list[dict[str, Any]], lane_number: dict[str, int], label_shift: float) -> None:
    """Give each row its height in its lane, its label and its fill, in place.

    Lanes are numbers on a quantitative axis, so events close in time are nudged apart
    vertically instead of hiding each other; meetings and summits get a place-and-year
    label, alternately above and below their point.
    """
    labelled_so_far: dict[str, int] = {}
    placed: dict[str, list[tuple[date, float]]] = {}
    for r in rows:
        highlight = r.pop("highlight")
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
        r["label"] = None
        if r["kind"] in LABELLED_KINDS:
            n = labelled_so_far[r["kind"]] = labelled_so_far.get(r["kind"], 0) + 1
            short = _short_place(r["place"], COUNTRY_NAMES.get(r["country"] or ""))
            r["label"] = f"{short} {r['start_date'][:4]}".strip()
            r["label_y"] += -label_shift if n % 2 else label_shift
        r["fill_color"] = theme.area_color(r["area_id"]) if r["status"] == "held" else "white"
        r["highlight"] = highlight
        r["caption"] = None


def _caption(rows: list[dict[str, Any]]) -> list[str]:
    """Caption the first highlighted row (title, place, date); return the caption."""
    hl = [r for r in rows if r["highlight"]]
    if not hl:
        return []
    row = hl[0]
    if row["caption"] is None:
        place = "" if row["place"] in ("—", "") or row["place"] in row["title"] else row["place"]
        row["caption"] = ", ".join(p for p in (row["title"], place, row["when"]) if p)
    return [row["caption"]]


def _axes(lanes: list[str], domain: list[str]) -> dict[str, dict[str, Any]]:
    """Return the shared x (years) and y (one lane per kind) encodings."""
    x = field(
        "start_date:T",
        scale={"type": "utc", "domain": domain},
        title=None,
        axis={
            "format": "%Y",
            "tickCount": {"interval": "year", "step": 1},
            "grid": True,
            "labelFontSize": 13,
        },
    )
    return {"x": x, "y": field("lane_y:Q", title=None, **_lane_scale(lanes))}


def _lane_scale(lanes: list[str]) -> dict[str, Any]:
    """Return the y scale and axis of the lanes (numbers labelled with lane names)."""
    scale = {"domain": [-0.65, len(lanes) - 0.35], "reverse": True, "nice": False, "zero": False}
    axis = {
        "values": list(range(len(lanes))),
        "labelExpr": f"{json.dumps(lanes)}[datum.value]",
        "labelLimit": 220,
        "labelFontSize": 13,
        "grid": True,
        "domain": False,
        "ticks": False,
        "labelPadding": 8,
    }
    return {"scale": scale, "axis": axis}


def _marks(rows: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the colour (area) and shape (status) encodings, with their legends."""
    present = {r["area_id"] for r in rows}
    areas_present = [a for a in (*theme.AREA_ORDER, theme.NO_AREA) if a in present]
    areas_present += sorted(present - set(areas_present))
    statuses = [s for s in STATUS_SHAPES if s in {r["status"] for r in rows}]
    statuses += sorted({r["status"] for r in rows} - set(statuses))
    color = field(
        "area:N",
        scale={
            "domain": [theme.area_label(a) for a in areas_present],
            "range": [theme.area_color(a) for a in areas_present],
        },
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
    return color, shape


def _layers(
    rows: list[dict[str, Any]],
    every_row: list[dict[str, Any]],
    y: dict[str, Any],
    domain: list[str],
) -> list[Any]:
    """Return the layers, bottom first: spans, points, labels (and the highlight)."""
    color, shape = _marks(every_row)
    cases = "case" in every_row[0]
    tips = [
        ("title:N", "Event"),
        ("when:N", "Date"),
        ("place:N", "Place"),
        ("status:N", "Status"),
        ("area:N", "Area"),
        ("source:N", "Source"),
        ("confidence:N", "Confidence"),
    ]
    if cases:
        tips.insert(0, ("case:N", "Case"))
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
        {"y": {**y, "field": "label_y"}, "text": field("label:N")},
        transform=[{"filter": "datum.label != null"}],
    )
    captioned = [r for r in rows if r["caption"] is not None]
    if not captioned:
        return [spans, points, labels]
    rule, ring, text = _highlight_layers(captioned[0]["start_date"], domain)
    return [rule, spans, points, ring, labels, text]


def _highlight_layers(day: str, domain: list[str]) -> tuple[Any, Any, Any]:
    """Return the highlight's dashed rule, its ring and its caption (in the free half)."""
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
        {"type": "rule", "strokeDash": [5, 4], "color": theme.HIGHLIGHT_COLOR, "strokeWidth": 1.5},
        {"y": {"value": 0}, "y2": {"value": "height"}},
        transform=only_highlight,
    )
    span = (pd.Timestamp(domain[1]) - pd.Timestamp(domain[0])).days
    right_half = (pd.Timestamp(day) - pd.Timestamp(domain[0])).days > span * 0.55
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
    return rule, ring, text


def _summary(rows: list[dict[str, Any]], span: _Span, captions: list[str], cases: list[str]) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(Counter(r["lane"] for r in rows).items()))
    text = f"Timeline of {len(rows)} events from {span.first} to {span.last}, by kind: {kinds}."
    if captions:
        text += f" Highlighted: {'; '.join(captions)}."
    if cases:
        per_case = Counter(r["case"] for r in rows)
        text = compared({c: per_case[c] for c in cases}, "events") + " " + text
    return text


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
