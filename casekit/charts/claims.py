"""The source article's argument map: claims by area and stance, click an area to filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from casekit import theme
from casekit.charts._base import (
    altair,
    builder,
    finish,
    inline,
    int_column,
    optional,
    require,
    text_column,
    wrap,
)
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

#: Areas whose colour is light enough to need dark text on top.
LIGHT_AREAS = {"energy", "digital_ai"}
PERSPECTIVE_LABELS = {"china": "China", "central_asia": "Central Asia", "both": "Both"}


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
    data = pd.DataFrame(
        {
            "claim_id": text_column(optional(claims, "claim_id")),
            "area_id": text_column(claims["area_id"]).fillna(theme.NO_AREA),
            "stance": text_column(claims["stance"]).fillna("unknown"),
            "summary": text_column(claims["summary"]).fillna(""),
            "para": int_column(optional(claims, "para")),
            "perspective": text_column(optional(claims, "perspective")).map(
                lambda p: PERSPECTIVE_LABELS.get(p, p) if p else "—"
            ),
            "gains": text_column(optional(claims, "gains")).fillna("—"),
            "risks": text_column(optional(claims, "risks")).fillna("—"),
        }
    )
    labels = {a: theme.area_label(a) for a in data["area_id"]}
    order_ids = [a for a in (*theme.AREA_ORDER, theme.NO_AREA) if a in labels]
    if areas is not None:
        require(areas, ["area_id", "label"], chart=name, table="areas", argument="areas")
        ids = text_column(areas["area_id"])
        labels.update(zip(ids, text_column(areas["label"]), strict=True))
        if "sort_order" in areas.columns:
            ids = ids.iloc[pd.to_numeric(areas["sort_order"], errors="coerce").argsort().values]
        order_ids = [a for a in ids if a in set(data["area_id"])]
        if theme.NO_AREA in set(data["area_id"]):
            order_ids.append(theme.NO_AREA)
    order_ids += sorted(set(data["area_id"]) - set(order_ids))
    data["area"] = data["area_id"].map(labels)
    data["area_short"] = data["area"].map(lambda a: a if len(a) <= 26 else a[:25] + "…")
    stances = [s for s in theme.STANCE_STYLE if s in set(data["stance"])]
    stances += sorted(set(data["stance"]) - set(stances))
    style = {
        s: theme.STANCE_STYLE.get(
            s, {"color": theme.CONTEXT_COLOR, "shape": "circle", "label": s.capitalize()}
        )
        for s in stances
    }
    data["stance_label"] = data["stance"].map(lambda s: style[s]["label"])
    data["stance_mark"] = data["stance"].map(
        lambda s: {"opportunity": "▲", "risk": "▼", "ambivalent": "±"}.get(s, "•")
    )
    data["para_label"] = data["para"].map(lambda p: f"¶{p}" if p is not None else "")
    data = data.sort_values(
        ["para", "claim_id"], key=lambda c: c.map(lambda v: (v is None, v)), na_position="last"
    ).reset_index(drop=True)
    data["lines"] = data["summary"].map(lambda s: wrap(s, 84, max_lines=5))
    data["rank"] = range(len(data))
    area_labels = [labels[a] for a in order_ids]
    area_colors = [theme.area_color(a) for a in order_ids]
    select = alt.selection_point(
        fields=["area"], bind="legend", on="click", clear="dblclick", name="area_pick"
    )
    area_scale = {"domain": area_labels, "range": area_colors}
    grid_data = (
        data.groupby(["area", "area_id", "stance", "stance_label"])
        .size()
        .rename("claims")
        .reset_index()
    )
    grid_data["ink"] = ["black" if a in LIGHT_AREAS else "white" for a in grid_data["area_id"]]
    stance_labels = [style[s]["label"] for s in stances]
    max_claims = int(grid_data["claims"].max())
    circles = layer(
        {"type": "circle", "opacity": 0.9, "stroke": "white", "strokeWidth": 1},
        {
            "size": field(
                "claims:Q", scale={"domain": [0, max_claims], "range": [0, 1300]}, legend=None
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
        params=[select.param],
    )
    counts = layer(
        {"type": "text", "fontSize": 12, "fontWeight": "bold"},
        {"text": field("claims:Q"), "color": field("ink:N", scale=None)},
    )
    grid = layered(
        circles,
        counts,
        encoding={
            "x": field(
                "stance_label:N",
                sort=stance_labels,
                title=None,
                axis={
                    "orient": "top",
                    "labelAngle": 0,
                    "labelFontSize": 13,
                    "domain": False,
                    "ticks": False,
                    "labelFontWeight": "bold",
                },
            ),
            "y": field(
                "area:N",
                sort=area_labels,
                title=None,
                axis={"labelFontSize": 12, "labelLimit": 200, "domain": False, "ticks": False},
            ),
        },
        data=inline(grid_data),
        width={"step": 96},
        height={"step": 40},
        title=title_spec("Claims per area and stance", fontSize=13, anchor="start"),
    )
    row_h = 15 * max(2, max(len(lines) for lines in data["lines"])) + 14
    # paragraph, stance symbol and word on one line; the area below it
    data["stance_line"] = [
        f"{para} {mark} {label}".strip()
        for para, mark, label in zip(
            data["para_label"], data["stance_mark"], data["stance_label"], strict=True
        )
    ]
    text_mark = {"type": "text", "align": "left", "baseline": "middle", "fontSize": 12}
    stance_text = layer(
        {**text_mark, "fontWeight": "bold", "dy": -7},
        {
            "x": {"value": 0},
            "text": field("stance_line:N"),
            "color": field(
                "stance_label:N",
                legend=None,
                scale={"domain": stance_labels, "range": [style[s]["color"] for s in stances]},
            ),
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
    summary_text = layer(
        {**text_mark, "lineHeight": 15, "color": "#222222"},
        {
            "x": {"value": 210},
            "text": field("lines:N"),
            "tooltip": tooltip(
                ("summary:N", "Claim"),
                ("area:N", "Area"),
                ("stance_label:N", "Stance"),
                ("perspective:N", "Perspective"),
                ("gains:N", "Who gains"),
                ("risks:N", "Who risks"),
            ),
        },
    )
    claim_list = layered(
        stance_text,
        area_text,
        swatch,
        summary_text,
        encoding={"y": field("rank:O", axis=None, title=None)},
        transform=[{"filter": {"param": "area_pick"}}],
        data=inline(data),
        width=760,
        height={"step": row_h},
        title=title_spec("The claims, paragraph by paragraph", fontSize=13, anchor="start"),
    )
    per_stance = data["stance_label"].value_counts()
    stance_text_sum = ", ".join(f"{per_stance.get(s, 0)} {s.lower()}" for s in stance_labels)
    # one above the other: fits a notebook cell (about 900 px) as well as a handout page
    chart = alt.VConcatChart(
        vconcat=[grid, claim_list],
        spacing=24,
        resolve={"scale": {"color": "independent"}},
        title=title_spec(
            title,
            subtitle=f"{len(data)} claims from the source article: {stance_text_sum}. "
            "Symbols and words give each stance; click an area to filter the list.",
        ),
    )
    areas_only = data.loc[data["area_id"] != theme.NO_AREA, "area"]
    top = areas_only.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    cross = int((data["area_id"] == theme.NO_AREA).sum())
    summary = f"{len(data)} claims: {stance_text_sum}."
    if len(top):
        summary += f" Most for one area: {top.index[0]} ({int(top.iloc[0])})."
    if cross:
        summary += f" {cross} cross-cutting (no single area)."
    return finish(chart, kind="argument_map", summary=summary)
