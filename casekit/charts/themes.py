"""Themes across a text: a heatmap of lexicon matches, paragraphs across and areas down."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import altair, finish, require, text_column

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt


def themes_chart(
    counts: pd.DataFrame,
    *,
    title: str = "Themes across the text, paragraph by paragraph",
    width: int = 560,
) -> alt.LayerChart:
    """Draw a heatmap of theme counts: paragraphs across, cooperation areas down.

    Each cell is shaded by the number of matches and also shows the number, so the
    chart reads without colour. Areas keep casekit's order and labels.

    Parameters
    ----------
    counts : pandas.DataFrame
        The long output of :func:`theme_counts` (columns ``para``, ``area_id``,
        ``count``; ``terms`` is shown in the tooltip when present).
    title : str
        Chart title.
    width : int
        Width of the drawing in pixels.

    Returns
    -------
    altair.LayerChart
        The chart; ``casekit.describe(chart)`` gives its text description.

    Raises
    ------
    ValueError
        If ``counts`` lacks a column or has no rows (a ``ChartDataError``).
    """
    alt = altair()
    require(counts, ["para", "area_id", "count"], chart="themes_chart", table="theme_counts")
    areas = [
        str(a)
        for a in (
            counts["area_id"].cat.categories
            if isinstance(counts["area_id"].dtype, pd.CategoricalDtype)
            else pd.unique(counts["area_id"].astype(str))
        )
    ]
    data = pd.DataFrame(
        {
            "para": counts["para"].astype(int).tolist(),
            "area": [theme.area_label(a) for a in text_column(counts["area_id"])],
            "count": counts["count"].astype(int).tolist(),
            "terms": text_column(counts["terms"]).fillna("").tolist()
            if "terms" in counts.columns
            else [""] * len(counts),
        }
    )
    order = [theme.area_label(a) for a in areas]
    paragraphs = sorted(set(data["para"]))
    x = alt.X("para:O", title="Paragraph", sort=paragraphs, axis=alt.Axis(labelAngle=0))
    y = alt.Y("area:N", title=None, sort=order)
    base = alt.Chart(data).encode(x=x, y=y)
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("count:Q", title="Matches", scale=alt.Scale(scheme="greys")),
        tooltip=[
            alt.Tooltip("para:O", title="Paragraph"),
            alt.Tooltip("area:N", title="Area"),
            alt.Tooltip("count:Q", title="Matches"),
            alt.Tooltip("terms:N", title="Terms"),
        ],
    )
    top = max(int(data["count"].max()), 1)
    labels = (
        base.mark_text(fontSize=11)
        .encode(
            text=alt.Text("count:Q"),
            color=alt.condition(f"datum.count > {top / 2}", alt.value("white"), alt.value("black")),
        )
        .transform_filter("datum.count > 0")
    )
    totals = data.groupby("area", sort=False)["count"].sum()
    totals = totals[totals > 0].sort_values(ascending=False)
    busiest = data.groupby("para")["count"].sum()
    if totals.empty:
        summary = f"No term of the lexicon occurs in the {len(paragraphs)} paragraphs."
    else:
        lead = ", ".join(f"{name} ({n})" for name, n in totals.head(3).items())
        summary = (
            f"Matches of {len(order)} areas' terms in {len(paragraphs)} paragraphs; "
            f"most frequent: {lead}. Paragraph {int(busiest.idxmax())} has the most "
            f"matches ({int(busiest.max())})."
        )
    chart = (cells + labels).properties(title=title, width=width, height=max(22 * len(order), 60))
    return finish(chart, summary)
