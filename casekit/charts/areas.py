"""Cooperation-area profile: initiatives per area, grouped by pillar."""

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
)

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

PILLAR_LABELS: dict[str, str] = {
    "connectivity": "Connectivity",
    "security": "Security",
    "soft_power": "Soft power",
    "environment": "Environment",
    "institutions": "Institutions",
}
RECORD_LABELS: dict[str, str] = {
    "confirmed": "In the Almaty record",
    "unverified": "Not shown in the Almaty record",
    "not_applicable": "Not an Almaty item",
}
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
    at its end. When the ``in_almaty_record`` column is present, each bar is split
    into initiatives the Almaty record is shown to contain (solid), those it is not
    shown to contain (pale) and those outside the Almaty record (paler), with the
    split written in the label too.

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
    alt = altair()
    name = "area_profile_chart"
    require(initiatives, ["area_id"], chart=name, table="initiatives")
    data = pd.DataFrame(
        {
            "area_id": text_column(initiatives["area_id"]).fillna(theme.NO_AREA),
            "record": text_column(optional(initiatives, "in_almaty_record")),
            "name": text_column(optional(initiatives, "name")).fillna(""),
        }
    )
    has_record = data["record"].notna().any()
    data["record"] = data["record"].fillna("not_applicable" if has_record else "all")
    meta = pd.DataFrame({"area_id": list(theme.AREA_ORDER)})
    meta["label"] = meta["area_id"].map(theme.area_label)
    meta["pillar"] = None
    meta["sort_order"] = range(len(meta))
    if areas is not None:
        require(areas, ["area_id", "label"], chart=name, table="areas", argument="areas")
        meta = pd.DataFrame(
            {
                "area_id": text_column(areas["area_id"]),
                "label": text_column(areas["label"]),
                "pillar": text_column(optional(areas, "pillar")),
                "sort_order": int_column(optional(areas, "sort_order")),
            }
        )
        meta["sort_order"] = meta["sort_order"].fillna(pd.Series(range(len(meta)),
                                                                 index=meta.index))
    extra = sorted(set(data["area_id"]) - set(meta["area_id"]))
    if extra:
        meta = pd.concat(
            [meta, pd.DataFrame({"area_id": extra, "label": [theme.area_label(a) for a in extra],
                                 "pillar": None, "sort_order": range(900, 900 + len(extra))})],
            ignore_index=True,
        )
    meta["pillar_label"] = meta["pillar"].map(
        lambda p: PILLAR_LABELS.get(p, str(p).replace("_", " ").capitalize()) if p else "All areas"
    )
    counts = data.groupby(["area_id", "record"]).size().rename("n").reset_index()
    counts = counts.merge(meta, on="area_id", how="left")
    totals = data.groupby("area_id").size().rename("total").reset_index().merge(meta, on="area_id")
    # areas with no initiative still get a row (a zero is information)
    totals = meta.merge(totals[["area_id", "total"]], on="area_id", how="left")
    totals["total"] = totals["total"].fillna(0).astype(int)
    split = data.pivot_table(index="area_id", columns="record", aggfunc="size", fill_value=0)
    totals["label_text"] = totals.apply(lambda r: _bar_label(r, split, has_record), axis=1)
    totals = totals.sort_values(["sort_order", "area_id"]).reset_index(drop=True)
    order = list(totals["label"])
    pillars = list(dict.fromkeys(totals["pillar_label"]))
    pillar_first = totals.groupby("pillar_label")["sort_order"].min().sort_values()
    pillars = list(pillar_first.index)
    rec_domain = [r for r in RECORD_OPACITY if r in set(counts["record"])] or ["all"]
    counts["record_label"] = counts["record"].map(lambda r: RECORD_LABELS.get(r, "Initiatives"))
    counts["record_rank"] = counts["record"].map(lambda r: list(RECORD_OPACITY).index(r)
                                                 if r in RECORD_OPACITY else 0)
    area_ids = list(totals["area_id"])
    color = alt.Color(
        "area_id:N",
        scale=alt.Scale(domain=area_ids, range=[theme.area_color(a) for a in area_ids]),
        legend=None,
    )
    y = alt.Y("label:N", sort=order, title=None,
              axis=alt.Axis(labelFontSize=13, labelLimit=240, domain=False, ticks=False,
                            minExtent=190))
    xmax = int(totals["total"].max()) if len(totals) else 1
    x_scale = alt.Scale(domain=[0, xmax * 1.45 + 1], nice=False)
    counts["row_kind"] = "segment"
    totals_rows = totals.assign(row_kind="total", n=0, record="", record_label="", record_rank=0)
    combined = pd.concat([counts, totals_rows], ignore_index=True)[
        ["row_kind", "area_id", "label", "pillar_label", "record_label", "record_rank", "n",
         "total", "label_text"]
    ]
    combined["total"] = int_column(combined["total"])
    bars = alt.Chart().transform_filter("datum.row_kind == 'segment'").mark_bar(
        height={"band": 0.72}, stroke="white", strokeWidth=1
    ).encode(
        x=alt.X("sum(n):Q", title="Number of initiatives", scale=x_scale,
                axis=alt.Axis(tickMinStep=1, format="d", grid=True, tickCount=6)),
        y=y,
        color=color,
        opacity=alt.Opacity(
            "record_label:N",
            scale=alt.Scale(domain=[RECORD_LABELS.get(r, "Initiatives") for r in rec_domain],
                            range=[RECORD_OPACITY.get(r, 1.0) for r in rec_domain]),
            legend=alt.Legend(title="Shade of each bar", orient="bottom", symbolType="square",
                              symbolFillColor="#333333", labelLimit=320, titleLimit=320)
            if has_record else None,
        ),
        order=alt.Order("record_rank:Q", sort="ascending"),
        tooltip=[alt.Tooltip("label:N", title="Area"),
                 alt.Tooltip("pillar_label:N", title="Pillar"),
                 alt.Tooltip("record_label:N", title="Almaty record"),
                 alt.Tooltip("n:Q", title="Initiatives")],
    )
    text = alt.Chart().transform_filter("datum.row_kind == 'total'").mark_text(
        align="left", dx=5, fontSize=12, color="#222222"
    ).encode(x=alt.X("total:Q", scale=x_scale), y=y, text=alt.Text("label_text:N"))
    if len(pillars) > 1:
        chart = alt.layer(bars, text, data=inline(combined)).properties(
            width=460, height=alt.Step(30)
        ).facet(
            row=alt.Row(
                "pillar_label:N", sort=pillars, title=None,
                header=alt.Header(labelOrient="top", labelAnchor="start", labelAngle=0,
                                  labelFontSize=12, labelFontWeight="bold", labelColor="#555555",
                                  labelExpr="upper(datum.value)", labelPadding=4),
            ),
            spacing=12,
        ).resolve_scale(y="independent")
    else:
        chart = alt.layer(bars, text, data=inline(combined)).properties(
            width=460, height=alt.Step(30)
        )
    n = int(totals["total"].sum())
    top = totals.sort_values(["total", "sort_order"], ascending=[False, True]).iloc[0]
    subtitle = f"{n} initiatives in {int((totals['total'] > 0).sum())} areas"
    if has_record:
        confirmed = int((data["record"] == "confirmed").sum())
        subtitle += f"; {confirmed} shown in the Almaty record"
    chart = chart.properties(title=alt.Title(title, subtitle=subtitle))
    per_area = ", ".join(f"{r.label} {r.total}" for r in totals.itertuples())
    summary = f"{subtitle}. Most: {top['label']} ({top['total']}). Per area: {per_area}."
    return finish(chart, kind="area_profile", summary=summary)


def _bar_label(row: pd.Series, split: pd.DataFrame, has_record: bool) -> str:
    total = int(row["total"])
    if not has_record or total == 0 or row["area_id"] not in split.index:
        return str(total)
    confirmed = int(split.loc[row["area_id"]].get("confirmed", 0))
    return f"{total} ({confirmed} in Almaty record)" if confirmed else str(total)
