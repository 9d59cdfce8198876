"""The source article's argument map: claims by area and stance, click an area to filter."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

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
    wrap,
)
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec
from casekit.charts.cases import case_labels, case_values, compared
from casekit.charts.labels import value_labels

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

#: Areas whose colour is light enough to need dark text on top.
LIGHT_AREAS = {"energy", "digital_ai"}
PERSPECTIVE_LABELS = value_labels("claims", "perspective")
STANCE_MARKS = {"opportunity": "▲", "risk": "▼", "ambivalent": "±"}


@builder
def argument_map_chart(
    claims: pd.DataFrame,
    areas: pd.DataFrame | None = None,
    *,
    title: str = "The article's argument: where it sees opportunity and risk",
) -> alt.VConcatChart:
    """Draw claims as an area-by-stance grid above the list of claims; click to filter.

    Top: one row per cooperation area, one column per stance (opportunity,
    ambivalent, risk); a circle in the area's colour sized by the number of claims,
    with the number written in it. Below: each claim's paragraph, stance (word and
    symbol) and summary. Clicking a circle or an area in the legend keeps only that
    area's claims in the list (double-click to show all again); in a static export
    every claim is listed.

    Parameters
    ----------
    claims : pandas.DataFrame
        casekit's ``claims`` table or the same columns. Required: ``area_id``,
        ``stance``, ``summary``. Used when present: ``claim_id``, ``para``,
        ``perspective``, ``gains``, ``risks``.
    areas : pandas.DataFrame, optional
        casekit's ``areas`` table, for area labels and order.
    title : str
        Chart title.

    Returns
    -------
    altair.VConcatChart
        The chart.

    Raises
    ------
    ChartDataError
        If a required column is missing or there are no rows.
    """
    alt = altair()
    name = "argument_map_chart"
    require(claims, ["area_id", "stance", "summary"], chart=name, table="claims")
    cases = case_labels(claims)
    rows = _claim_rows(claims, cases)
    labels, order_ids = _area_order(rows, areas)
    stances, style = _stances(rows)
    _annotate(rows, labels, style)
    area_labels = [labels[a] for a in order_ids]
    area_scale = {"domain": area_labels, "range": [theme.area_color(a) for a in order_ids]}
    stance_labels = [style[s]["label"] for s in stances]
    # Clicking a circle or a legend entry picks an area. The parameter is declared where
    # altair would lift it to (the top, naming its view), which spares altair lifting it
    # again at every to_dict(); the view is named as altair names the first concat item.
    pick = alt.TopLevelSelectionParameter(
        name="area_pick",
        select={"type": "point", "fields": ["area"], "on": "click", "clear": "dblclick"},
        bind="legend",
        views=["area_grid_0"],
    )
    grid = _grid(rows, area_scale, stance_labels, cases)
    stance_colors = {"domain": stance_labels, "range": [style[s]["color"] for s in stances]}
    claim_list = _claim_list(rows, area_scale, stance_colors)
    per_stance = Counter(r["stance_label"] for r in rows)
    stance_text_sum = ", ".join(f"{per_stance[s]} {s.lower()}" for s in stance_labels)
    source = f"the sources of {len(cases)} cases" if cases else "the source article"
    # one above the other: fits a notebook cell (about 900 px) as well as a handout page
    chart = alt.VConcatChart(
        vconcat=[grid, claim_list],
        params=[pick],
        spacing=24,
        resolve={"scale": {"color": "independent"}},
        title=title_spec(
            title,
            subtitle=f"{len(rows)} claims from {source}: {stance_text_sum}. "
            "Symbols and words give each stance; click an area to filter the list.",
        ),
    )
    per_area = Counter(r["area"] for r in rows if r["area_id"] != theme.NO_AREA)
    top = sorted(per_area.items(), key=lambda item: (-item[1], item[0]))
    cross = sum(r["area_id"] == theme.NO_AREA for r in rows)
    summary = f"{len(rows)} claims: {stance_text_sum}."
    if top:
        summary += f" Most for one area: {top[0][0]} ({top[0][1]})."
    if cross:
        summary += f" {cross} cross-cutting (no single area)."
    if cases:
        summary = compared(Counter(r["case"] for r in rows), "claims") + " " + summary
    return finish(chart, summary)


def _claim_rows(claims: pd.DataFrame, cases: list[str]) -> list[dict[str, Any]]:
    """Return one plain row per claim (with its case when there are several)."""
    columns = {
        "claim_id": text_column(optional(claims, "claim_id")).tolist(),
        "area_id": text_column(claims["area_id"]).fillna(theme.NO_AREA).tolist(),
        "stance": text_column(claims["stance"]).fillna("unknown").tolist(),
        "summary": text_column(claims["summary"]).fillna("").tolist(),
        "para": int_column(optional(claims, "para")).tolist(),
        "perspective": text_column(optional(claims, "perspective")).tolist(),
        "gains": text_column(optional(claims, "gains")).fillna("—").tolist(),
        "risks": text_column(optional(claims, "risks")).fillna("—").tolist(),
    }
    if cases:
        columns["case"] = case_values(claims, cases)
    rows = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values())]
    # by case, paragraph, then claim id; claims without either last
    rank = {label: i for i, label in enumerate(cases)}
    rows.sort(
        key=lambda r: (
            rank.get(r.get("case") or "", 0),
            r["para"] is None,
            r["para"] or 0,
            r["claim_id"] is None,
            r["claim_id"] or "",
        )
    )
    return rows


def _area_order(
    rows: list[dict[str, Any]], areas: pd.DataFrame | None
) -> tuple[dict[str, str], list[str]]:
    """Return each area's label and the areas present, in the table's (or casekit's) order."""
    present = {r["area_id"] for r in rows}
    labels = {a: theme.area_label(a) for a in present}
    order_ids = [a for a in (*theme.AREA_ORDER, theme.NO_AREA) if a in present]
    if areas is not None:
        require(
            areas, ["area_id", "label"], chart="argument_map_chart", table="areas", argument="areas"
        )
        ids = text_column(areas["area_id"])
        labels.update(zip(ids, text_column(areas["label"]), strict=True))
        if "sort_order" in areas.columns:
            order = pd.to_numeric(areas["sort_order"], errors="coerce").argsort()
            ids = ids.iloc[order.to_numpy()]
        order_ids = [a for a in ids if a in present]
        if theme.NO_AREA in present:
            order_ids.append(theme.NO_AREA)
    order_ids += sorted(present - set(order_ids))
    return labels, order_ids


def _stances(rows: list[dict[str, Any]]) -> tuple[list[str], dict[str, dict[str, str]]]:
    """Return the stances present (casekit's order first) and the style of each."""
    stances = [s for s in theme.STANCE_STYLE if s in {r["stance"] for r in rows}]
    stances += sorted({r["stance"] for r in rows} - set(stances))
    style = {
        s: theme.STANCE_STYLE.get(
            s, {"color": theme.CONTEXT_COLOR, "shape": "circle", "label": s.capitalize()}
        )
        for s in stances
    }
    return stances, style


def _annotate(
    rows: list[dict[str, Any]], labels: dict[str, str], style: dict[str, dict[str, str]]
) -> None:
    """Give each claim its rank, area, stance line and wrapped summary, in place."""
    for rank, r in enumerate(rows):
        area = labels[r["area_id"]]
        para = f"¶{r['para']}" if r["para"] is not None else ""
        stance_label = style[r["stance"]]["label"]
        short = area if len(area) <= 26 else area[:25] + "…"
        r.update(
            rank=rank,
            area=area,
            area_short=f"{r['case']} · {short}" if "case" in r else short,
            stance_label=stance_label,
            # paragraph, stance symbol and word on one line; the area below it
            stance_line=f"{para} {STANCE_MARKS.get(r['stance'], '•')} {stance_label}".strip(),
            perspective=PERSPECTIVE_LABELS.get(r["perspective"], r["perspective"]) or "—",
            lines=wrap(r["summary"], 84, max_lines=5),
        )


def _grid(
    rows: list[dict[str, Any]],
    area_scale: dict[str, list[str]],
    stance_labels: list[str],
    cases: list[str],
) -> Any:
    """Return the area-by-stance grid: a circle per cell, sized and labelled by its claims.

    With several cases, each stance has a column per case, headed by the case.
    """
    per_cell = Counter((r["area"], r["area_id"], r["stance_label"], r.get("case")) for r in rows)
    grid_data = [
        {
            "area": area,
            "stance_label": stance if case is None else f"{case}|{stance}",
            "claims": n,
            "ink": "black" if area_id in LIGHT_AREAS else "white",
        }
        for (area, area_id, stance, case), n in per_cell.items()
    ]
    columns = [f"{c}|{s}" for s in stance_labels for c in cases] or stance_labels
    circles = layer(
        {"type": "circle", "opacity": 0.9, "stroke": "white", "strokeWidth": 1},
        {
            "size": field(
                "claims:Q",
                scale={"domain": [0, max(per_cell.values())], "range": [0, 1300]},
                legend=None,
            ),
            "color": field(
                "area:N",
                scale=area_scale,
                legend={
                    "title": "Area (click to filter)",
                    "orient": "right",
                    "columns": 1,
                    "symbolType": "circle",
                    "labelLimit": 220,
                    "titleLimit": 300,
                },
            ),
            "opacity": {"condition": {"param": "area_pick", "value": 0.95}, "value": 0.25},
            "tooltip": tooltip(
                ("area:N", "Area"), ("stance_label:N", "Stance"), ("claims:Q", "Claims")
            ),
        },
        name="area_grid_0",
    )
    counts = layer(
        {"type": "text", "fontSize": 12, "fontWeight": "bold"},
        {"text": field("claims:Q"), "color": field("ink:N", scale=None)},
    )
    x_axis: dict[str, Any] = {
        "orient": "top",
        "labelAngle": 0,
        "labelFontSize": 13,
        "domain": False,
        "ticks": False,
        "labelFontWeight": "bold",
    }
    if cases:
        x_axis["labelExpr"] = "split(datum.label, '|')"
    return layered(
        circles,
        counts,
        encoding={
            "x": field("stance_label:N", sort=columns, title=None, axis=x_axis),
            "y": field(
                "area:N",
                sort=area_scale["domain"],
                title=None,
                axis={"labelFontSize": 12, "labelLimit": 200, "domain": False, "ticks": False},
            ),
        },
        data=inline_values(grid_data),
        width={"step": 96},
        height={"step": 40},
        title=title_spec("Claims per area and stance", fontSize=13, anchor="start"),
    )


def _claim_list(
    rows: list[dict[str, Any]],
    area_scale: dict[str, list[str]],
    stance_colors: dict[str, list[str]],
) -> Any:
    """Return the claims, one per line: paragraph and stance, area, summary; filtered by area."""
    row_h = 15 * max(2, max(len(r["lines"]) for r in rows)) + 14
    text_mark = {"type": "text", "align": "left", "baseline": "middle", "fontSize": 12}
    stance_text = layer(
        {**text_mark, "fontWeight": "bold", "dy": -7},
        {
            "x": {"value": 0},
            "text": field("stance_line:N"),
            "color": field("stance_label:N", legend=None, scale=stance_colors),
        },
    )
    area_text = layer(
        {**text_mark, "fontSize": 10, "dy": 9, "color": theme.CONTEXT_COLOR},
        {"x": {"value": 0}, "text": field("area_short:N")},
    )
    swatch = layer(
        {"type": "point", "filled": True, "size": 90, "shape": "circle", "opacity": 1},
        {"x": {"value": 196}, "fill": field("area:N", scale=area_scale, legend=None)},
    )
    tips = [
        ("summary:N", "Claim"),
        ("area:N", "Area"),
        ("stance_label:N", "Stance"),
        ("perspective:N", "Perspective"),
        ("gains:N", "Who gains"),
        ("risks:N", "Who risks"),
    ]
    if "case" in rows[0]:
        tips.insert(0, ("case:N", "Case"))
    summary_text = layer(
        {**text_mark, "lineHeight": 15, "color": "#222222"},
        {"x": {"value": 210}, "text": field("lines:N"), "tooltip": tooltip(*tips)},
    )
    return layered(
        stance_text,
        area_text,
        swatch,
        summary_text,
        encoding={"y": field("rank:O", axis=None, title=None)},
        transform=[{"filter": {"param": "area_pick"}}],
        data=inline_values(rows),
        width=760,
        height={"step": row_h},
        title=title_spec("The claims, paragraph by paragraph", fontSize=13, anchor="start"),
    )
