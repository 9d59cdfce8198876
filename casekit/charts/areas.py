"""Cooperation-area profile: initiatives per area, grouped by pillar."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

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
    area_of = text_column(initiatives["area_id"]).fillna(theme.NO_AREA).tolist()
    given = text_column(optional(initiatives, "in_almaty_record")).tolist()
    has_record = any(r is not None for r in given)
    missing_record = "not_applicable" if has_record else "all"
    records = [missing_record if r is None else r for r in given]
    if areas is None:
        meta = [
            {"area_id": a, "label": theme.area_label(a), "pillar": None, "sort_order": i}
            for i, a in enumerate(theme.AREA_ORDER)
        ]
    else:
        require(areas, ["area_id", "label"], chart=name, table="areas", argument="areas")
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
    per_area = Counter(area_of)
    per_record = Counter(zip(area_of, records, strict=True))
    confirmed = Counter(a for a, r in zip(area_of, records, strict=True) if r == "confirmed")
    by_area = {m["area_id"]: m for m in meta}
    for m in meta:
        m["total"] = total = per_area.get(m["area_id"], 0)
        m["label_text"] = _bar_label(total, confirmed.get(m["area_id"], 0) if has_record else 0)
    order = [m["label"] for m in meta]
    pillar_first: dict[str, int] = {}
    for m in meta:  # meta is sorted: the first area of a pillar comes first
        pillar_first.setdefault(m["pillar_label"], m["sort_order"])
    pillars = list(pillar_first)
    rec_domain = [r for r in RECORD_OPACITY if r in set(records)] or ["all"]
    rank = {r: i for i, r in enumerate(RECORD_OPACITY)}
    # one table: a row per bar segment (area and record status) and a row per area
    # for its label; each layer keeps its rows with a filter
    rows: list[dict[str, object]] = []
    for (area_id, record), n in sorted(per_record.items()):
        m = by_area[area_id]
        rows.append(
            {
                "row_kind": "segment",
                "area_id": area_id,
                "label": m["label"],
                "pillar_label": m["pillar_label"],
                "record_label": RECORD_LABELS.get(record, "Initiatives"),
                "record_rank": rank.get(record, 0),
                "n": n,
            }
        )
    for m in meta:
        rows.append(
            {
                "row_kind": "total",
                "area_id": m["area_id"],
                "label": m["label"],
                "pillar_label": m["pillar_label"],
                "total": m["total"],
                "label_text": m["label_text"],
            }
        )
    area_ids = [m["area_id"] for m in meta]
    color = field(
        "area_id:N",
        scale={"domain": area_ids, "range": [theme.area_color(a) for a in area_ids]},
        legend=None,
    )
    y = field(
        "label:N",
        sort=order,
        title=None,
        axis={
            "labelFontSize": 13,
            "labelLimit": 240,
            "domain": False,
            "ticks": False,
            "minExtent": 190,
        },
    )
    xmax = max((m["total"] for m in meta), default=1)
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
    total = sum(m["total"] for m in meta)
    top = min(meta, key=lambda m: (-m["total"], m["sort_order"]))
    subtitle = f"{total} initiatives in {sum(m['total'] > 0 for m in meta)} areas"
    if has_record:
        subtitle += f"; {sum(confirmed.values())} shown in the Almaty record"
    heading = title_spec(title, subtitle=subtitle)
    data = inline_values(rows)
    size = {"width": 460, "height": {"step": 30}}
    if len(pillars) > 1:
        row = field(
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
        chart = altair().FacetChart(
            spec=layered(bars, text, encoding={"y": y}, **size),
            facet={"row": row},
            spacing=12,
            resolve={"scale": {"y": "independent"}},
            data=data,
            title=heading,
        )
    else:
        chart = layered(bars, text, encoding={"y": y}, data=data, title=heading, **size)
    listing = ", ".join(f"{m['label']} {m['total']}" for m in meta)
    summary = f"{subtitle}. Most: {top['label']} ({top['total']}). Per area: {listing}."
    return finish(chart, summary)


def _bar_label(total: int, confirmed: int) -> str:
    if total == 0:
        return "0 (none)"
    return f"{total} ({confirmed} in Almaty record)" if confirmed else str(total)
