"""Cooperation-area profile: initiatives per area, grouped by pillar."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import (
    altair,
    builder,
    finish,
    inline_values,
    int_column,
    optional,
    require,
    text_column,
)
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec
from casekit.charts.cases import case_field, case_labels, case_values, compared
from casekit.charts.labels import humanize, value_labels

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

PILLAR_LABELS: dict[str, str] = value_labels("areas", "pillar")
RECORD_LABELS: dict[str, str] = value_labels("initiatives", "in_almaty_record")
RECORD_OPACITY: dict[str, float] = {"confirmed": 1.0, "unverified": 0.45, "not_applicable": 0.2}


@builder
def area_profile_chart(
    initiatives: pd.DataFrame,
    areas: pd.DataFrame | None = None,
    *,
    title: str = "What the cooperation covers: initiatives per area",
) -> alt.LayerChart:
    """Draw one bar per cooperation area, counting initiatives, grouped by pillar.

    Each bar has the area's fixed colour, its name on the axis and its count written
    at its end; an area without initiatives keeps its row, marked "0 (none)". When
    the ``in_almaty_record`` column is present, each bar is split into initiatives
    the Almaty record is shown to contain (solid), those it is not shown to contain
    (pale) and those outside the Almaty record (paler), with the split written in
    the label too.

    Parameters
    ----------
    initiatives : pandas.DataFrame
        casekit's ``initiatives`` table or the same columns. Required: ``area_id``.
        Used when present: ``name``, ``in_almaty_record``.
    areas : pandas.DataFrame, optional
        casekit's ``areas`` table (``area_id``, ``label``, ``pillar``,
        ``sort_order``) for labels, order and the pillar grouping. Without it, areas
        keep casekit's labels and order and are not grouped.
    title : str
        Chart title.

    Returns
    -------
    altair.LayerChart
        The chart.

    Raises
    ------
    ChartDataError
        If a required column is missing or there are no rows.
    """
    name = "area_profile_chart"
    require(initiatives, ["area_id"], chart=name, table="initiatives")
    cases = case_labels(initiatives)
    area_of = text_column(initiatives["area_id"]).fillna(theme.NO_AREA).tolist()
    given = text_column(optional(initiatives, "in_almaty_record")).tolist()
    has_record = any(r is not None for r in given)
    missing_record = "not_applicable" if has_record else "all"
    records = [missing_record if r is None else r for r in given]
    meta = _area_meta(areas, area_of)
    case_of = case_values(initiatives, cases)
    each: list[str | None] = [*cases] or [None]
    counted = {
        label: _count(meta, [(a, r) for a, r, c in zip(area_of, records, case_of) if c == label])
        for label in each
    }
    rows = [row for label, tally in counted.items() for row in _rows(meta, tally, label)]
    pillars = list(dict.fromkeys(m["pillar_label"] for m in meta))  # in area order
    xmax = max((t.totals[a] for t in counted.values() for a in t.totals), default=1)
    bars, text = _layers(meta, records, has_record, xmax)
    y = field(
        "label:N",
        sort=[m["label"] for m in meta],
        title=None,
        axis={
            "labelFontSize": 13,
            "labelLimit": 240,
            "domain": False,
            "ticks": False,
            "minExtent": 190,
        },
    )
    subtitles = {label: _subtitle(tally, has_record) for label, tally in counted.items()}
    subtitle = "; ".join(f"{label}: {text}" if label else text for label, text in subtitles.items())
    heading = title_spec(title, subtitle=subtitle)
    data = inline_values(rows)
    # several cases side by side: narrower bars, rows as tall as their areas
    width = 460 if not cases else max(240, 600 // len(cases))
    grid: dict[str, Any] = {"align": "each"} if cases else {}
    panel = layered(bars, text, encoding={"y": y}, width=width, height={"step": 30})
    facet: dict[str, Any] = {}
    if len(pillars) > 1:  # each pillar's row lists its own areas
        facet["row"] = _pillar_header(pillars)
        grid["resolve"] = {"scale": {"y": "independent"}}
    if cases:  # the cases side by side; without pillars, one axis of areas serves all
        facet["column"] = case_field(cases)
    if facet:
        chart = altair().FacetChart(
            spec=panel, facet=facet, spacing=12, data=data, title=heading, **grid
        )
    else:
        panel.data, panel.title = data, heading
        chart = panel
    summaries = [
        f"{label + ': ' if label else ''}{subtitles[label]}. {_per_area(meta, tally)}"
        for label, tally in counted.items()
    ]
    summary = " ".join(summaries)
    if cases:
        summary = compared({c: sum(counted[c].totals.values()) for c in cases}, "initiatives")
        summary += " " + " ".join(summaries)
    return finish(chart, summary)


class _Tally(NamedTuple):
    """What one case's initiatives add up to: per area, per area and record, confirmed."""

    totals: dict[str, int]
    per_record: Counter[tuple[str, str]]
    confirmed: Counter[str]


def _area_meta(areas: pd.DataFrame | None, area_of: list[str]) -> list[dict[str, Any]]:
    """Return every area to draw (label, pillar, order), sorted: the table's, then others."""
    meta: list[dict[str, Any]]
    if areas is None:
        meta = [
            {"area_id": a, "label": theme.area_label(a), "pillar": None, "sort_order": i}
            for i, a in enumerate(theme.AREA_ORDER)
        ]
    else:
        require(
            areas, ["area_id", "label"], chart="area_profile_chart", table="areas", argument="areas"
        )
        sort_order = int_column(optional(areas, "sort_order")).tolist()
        meta = [
            {"area_id": a, "label": lab, "pillar": p, "sort_order": i if s is None else s}
            for i, (a, lab, p, s) in enumerate(
                zip(
                    text_column(areas["area_id"]),
                    text_column(areas["label"]),
                    text_column(optional(areas, "pillar")),
                    sort_order,
                    strict=True,
                )
            )
        ]
    known = {m["area_id"] for m in meta}
    for i, a in enumerate(sorted(set(area_of) - known)):
        meta.append(
            {"area_id": a, "label": theme.area_label(a), "pillar": None, "sort_order": 900 + i}
        )
    for m in meta:
        p = m["pillar"]
        m["pillar_label"] = PILLAR_LABELS.get(p) or humanize(p) if p else "All areas"
    meta.sort(key=lambda m: (m["sort_order"], m["area_id"]))
    return meta


def _count(meta: list[dict[str, Any]], pairs: list[tuple[str, str]]) -> _Tally:
    """Count (area, record status) pairs of one case."""
    per_area = Counter(a for a, _ in pairs)
    return _Tally(
        totals={m["area_id"]: per_area.get(m["area_id"], 0) for m in meta},
        per_record=Counter(pairs),
        confirmed=Counter(a for a, r in pairs if r == "confirmed"),
    )


def _rows(meta: list[dict[str, Any]], tally: _Tally, case: str | None) -> list[dict[str, object]]:
    """Return one case's rows: one per bar segment (area and record), one per area's total.

    Each layer keeps its rows with a filter on ``row_kind``.
    """
    by_area = {m["area_id"]: m for m in meta}
    rank = {r: i for i, r in enumerate(RECORD_OPACITY)}
    has_record = any(r != "all" for _, r in tally.per_record)
    rows: list[dict[str, object]] = []
    for (area_id, record), n in sorted(tally.per_record.items()):
        m = by_area[area_id]
        rows.append(
            {
                "row_kind": "segment",
                "area_id": area_id,
                "label": m["label"],
                "pillar_label": m["pillar_label"],
                "record_label": RECORD_LABELS.get(record, "Initiatives"),
                "record_rank": rank.get(str(record), 0),
                "n": n,
            }
        )
    for m in meta:
        total = tally.totals[m["area_id"]]
        confirmed = tally.confirmed.get(m["area_id"], 0) if has_record else 0
        rows.append(
            {
                "row_kind": "total",
                "area_id": m["area_id"],
                "label": m["label"],
                "pillar_label": m["pillar_label"],
                "total": total,
                "label_text": _bar_label(total, confirmed),
            }
        )
    if case is not None:
        for row in rows:
            row["case"] = case
    return rows


def _layers(
    meta: list[dict[str, Any]], records: list[str], has_record: bool, xmax: int
) -> tuple[Any, Any]:
    """Return the bars (area colour, shaded by record status) and their count labels."""
    area_ids = [m["area_id"] for m in meta]
    rec_domain = [r for r in RECORD_OPACITY if r in set(records)] or ["all"]
    color = field(
        "area_id:N",
        scale={"domain": area_ids, "range": [theme.area_color(a) for a in area_ids]},
        legend=None,
    )
    x = field(
        "n:Q",
        aggregate="sum",
        title="Number of initiatives",
        scale={"domain": [0, xmax * 1.45 + 1], "nice": False},
        axis={"tickMinStep": 1, "format": "d", "grid": True, "tickCount": 6},
    )
    opacity = field(
        "record_label:N",
        scale={
            "domain": [RECORD_LABELS.get(r, "Initiatives") for r in rec_domain],
            "range": [RECORD_OPACITY.get(r, 1.0) for r in rec_domain],
        },
        legend={
            "title": "Shade of each bar",
            "orient": "bottom",
            "symbolType": "square",
            "symbolFillColor": "#333333",
            "labelLimit": 320,
            "titleLimit": 320,
        }
        if has_record
        else None,
    )
    bars = layer(
        {"type": "bar", "height": {"band": 0.72}, "stroke": "white", "strokeWidth": 1},
        {
            "x": x,
            "color": color,
            "opacity": opacity,
            "order": field("record_rank:Q", sort="ascending"),
            "tooltip": tooltip(
                ("label:N", "Area"),
                ("pillar_label:N", "Pillar"),
                ("record_label:N", "Almaty record"),
                ("n:Q", "Initiatives"),
            ),
        },
        transform=[{"filter": "datum.row_kind == 'segment'"}],
    )
    # the count at the end of each bar (the x scale is the bars' one, shared)
    text = layer(
        {"type": "text", "align": "left", "dx": 5, "fontSize": 12, "color": "#222222"},
        {"x": field("total:Q"), "text": field("label_text:N")},
        transform=[{"filter": "datum.row_kind == 'total'"}],
    )
    return bars, text


def _pillar_header(pillars: list[str]) -> dict[str, Any]:
    """Return the row facet that groups the areas by pillar, its name in capitals."""
    return field(
        "pillar_label:N",
        sort=pillars,
        title=None,
        header={
            "labelOrient": "top",
            "labelAnchor": "start",
            "labelAngle": 0,
            "labelFontSize": 12,
            "labelFontWeight": "bold",
            "labelColor": "#555555",
            "labelExpr": "upper(datum.value)",
            "labelPadding": 4,
        },
    )


def _subtitle(tally: _Tally, has_record: bool) -> str:
    total = sum(tally.totals.values())
    text = f"{total} initiatives in {sum(n > 0 for n in tally.totals.values())} areas"
    if has_record:
        text += f"; {sum(tally.confirmed.values())} shown in the Almaty record"
    return text


def _per_area(meta: list[dict[str, Any]], tally: _Tally) -> str:
    top = min(meta, key=lambda m: (-tally.totals[m["area_id"]], m["sort_order"]))
    listing = ", ".join(f"{m['label']} {tally.totals[m['area_id']]}" for m in meta)
    return f"Most: {top['label']} ({tally.totals[top['area_id']]}). Per area: {listing}."


def _bar_label(total: int, confirmed: int) -> str:
    if total == 0:
        return "0 (none)"
    return f"{total} ({confirmed} in Almaty record)" if confirmed else str(total)
