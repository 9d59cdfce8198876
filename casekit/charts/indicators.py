"""Background figures: one measure over years or across countries, with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import (
    ChartDataError,
    builder,
    finish,
    inline_values,
    optional,
    require,
    text_column,
    wrap,
)
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

#: How a qualifier reads before a figure ("more than 100").
QUALIFIER_PHRASE = {"about": "about ", "more_than": "more than ", "exact": ""}
#: Confidence levels drawn paler than verified, so a weaker figure looks weaker.
PALE = {"partly": 0.55, "unverified": 0.3}


@builder
def indicator_chart(
    indicators: pd.DataFrame,
    *,
    by: str = "year",
    title: str = "Background figures",
) -> alt.LayerChart:
    """Draw one measure of the ``indicators`` table as labelled bars.

    Each bar is one row: by year (a series over time) or by country (one year across
    the states). The label on each bar gives the figure as the source reports it,
    with "about" or "more than" where the source says so, and bars resting on a
    single secondary page (confidence ``partly``) are paler, so the label, not the
    colour, carries the value. Rows without a number (ratings such as "high risk of
    debt distress") cannot be drawn as bars and are refused with a message.

    Parameters
    ----------
    indicators : pandas.DataFrame
        Rows of casekit's ``indicators`` table (or the same columns), all in one unit:
        filter first, e.g. ``case.indicators[case.indicators["topic"] == "trade"]``.
        Required: ``figure``, ``unit``, ``measure`` and the column named by ``by``.
        Used when present: ``qualifier``, ``confidence``, ``measured_by``,
        ``source_id``, ``indicator_id``.
    by : {"year", "country"}
        What the bars stand for.
    title : str
        Chart title.

    Returns
    -------
    altair.LayerChart
        The chart.

    Raises
    ------
    ChartDataError
        If a required column is missing, there are no rows, a row has no figure, or
        the rows mix units.
    """
    name = "indicator_chart"
    if by not in ("year", "country"):
        raise ChartDataError(
            f"{name}(): by must be 'year' or 'country', not {by!r}.", chart=name, table="indicators"
        )
    require(indicators, ["figure", "unit", "measure", by], chart=name, table="indicators")
    rows = _rows(indicators, by, name)
    units = sorted({r["unit"] for r in rows})
    if len(units) != 1:
        raise ChartDataError(
            f"{name}(): the rows mix units ({', '.join(units)}); filter them to one unit first.",
            chart=name,
            table="indicators",
        )
    unit = units[0]
    order = [r["bar"] for r in rows]
    tips = tooltip(
        ("bar:N", by.capitalize()),
        ("label:N", "Figure"),
        ("measure:N", "Measure"),
        ("measured_by:N", "Measured by"),
        ("confidence:N", "Confidence"),
        ("source:N", "Source"),
    )
    bars = layer(
        {"type": "bar", "color": theme.CONTEXT_COLOR},
        {
            "opacity": field("opacity:Q", scale=None, legend=None),
            "tooltip": tips,
        },
    )
    labels = layer(
        {"type": "text", "dy": -6, "baseline": "bottom", "fontSize": 12, "color": "#222222"},
        {"text": field("label:N")},
    )
    chart = layered(
        bars,
        labels,
        encoding={
            "x": field("bar:N", sort=order, title=by.capitalize(), axis={"labelAngle": 0}),
            "y": field("figure:Q", title=unit),
        },
        data=inline_values(rows),
        width=max(220, 70 * len(rows)),
        height=240,
        title={**title_spec(title), "subtitle": _subtitle(rows)},
    )
    return cast("alt.LayerChart", finish(chart, _summary(rows, unit)))


def _rows(indicators: pd.DataFrame, by: str, name: str) -> list[dict[str, Any]]:
    """Return one JSON-ready row per bar; refuse rows that have no number."""
    figures = pd.to_numeric(indicators["figure"], errors="coerce")
    if figures.isna().any():
        raise ChartDataError(
            f"{name}(): {int(figures.isna().sum())} row(s) have no figure (a rating such as "
            "'high risk of debt distress' is in value_label); keep rows with a number.",
            chart=name,
            table="indicators",
        )
    bars = text_column(indicators[by])
    qualifiers = text_column(optional(indicators, "qualifier"))
    confidence = text_column(optional(indicators, "confidence"))
    columns = {
        "measure": text_column(indicators["measure"]),
        "unit": text_column(indicators["unit"]),
        "measured_by": text_column(optional(indicators, "measured_by")),
        "source": text_column(optional(indicators, "source_id")),
    }
    rows = []
    for i, figure in enumerate(figures.tolist()):
        bar = bars.iloc[i] or "—"
        phrase = QUALIFIER_PHRASE.get(qualifiers.iloc[i] or "exact", "")
        level = confidence.iloc[i] or "—"
        rows.append(
            {
                "bar": bar,
                "figure": float(figure),
                "label": f"{phrase}{figure:g}",
                "confidence": level,
                "opacity": PALE.get(level, 1.0),
                **{key: (col.iloc[i] or "") for key, col in columns.items()},
            }
        )
    # years left to right; countries from the largest figure down
    key = (lambda r: (-r["figure"], r["bar"])) if by == "country" else (lambda r: r["bar"])
    rows.sort(key=key)
    for rank, r in enumerate(rows):
        r["rank"] = rank
    return rows


def _subtitle(rows: list[dict[str, Any]]) -> list[str]:
    """Name who measured the figures and flag the weaker ones, wrapped to the chart."""
    who = sorted({str(r["measured_by"]) for r in rows if r["measured_by"]})
    weak = sum(1 for r in rows if r["confidence"] != "verified")
    text = f"Measured by: {'; '.join(who)}." if who else ""
    if weak:
        text += f" Paler bars: {weak} figure{'s' if weak > 1 else ''} rated below verified."
    return wrap(text, 60)


def _summary(rows: list[dict[str, Any]], unit: str) -> str:
    """One sentence listing every bar, in the chart's order."""
    parts = [f"{r['bar']}: {r['label']}" for r in rows]
    weak = [str(r["bar"]) for r in rows if r["confidence"] != "verified"]
    text = f"{len(rows)} figures in {unit}: {'; '.join(parts)}."
    if weak:
        text += f" Rated below verified: {', '.join(weak)}."
    return text
