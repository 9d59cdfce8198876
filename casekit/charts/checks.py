"""Record checks: what the source article says against what primary sources show."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from casekit import theme
from casekit.charts._base import (
    altair,
    builder,
    finish,
    inline,
    inline_values,
    int_column,
    optional,
    require,
    text_column,
    wrap,
)

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

#: Rows are grouped in this order: disagreements first.
VERDICT_ORDER = ("differs", "unverified", "consistent")
#: How the tally reads ("6 differ, 13 unverified, 12 consistent").
VERDICT_PHRASE = {"differs": "differ", "unverified": "unverified", "consistent": "consistent"}
LINE_PX = 16
COLUMNS = {"para": 0, "article": 40, "record": 350, "verdict": 700}
WRAP = {"article": 40, "record": 46}


@builder
def record_checks_chart(
    record_checks: pd.DataFrame,
    *,
    verdicts: tuple[str, ...] | None = None,
    title: str = "Checking the article against the record",
) -> alt.LayerChart:
    """Draw the record checks as a readable table, grouped by verdict.

    Each row gives the article's paragraph, what the article says, what primary
    sources show and the verdict, written as a word with a symbol (× differs,
    ? unverified, √ consistent) and coloured, so colour is never the only cue. Rows
    with a difference come first.

    Parameters
    ----------
    record_checks : pandas.DataFrame
        casekit's ``record_checks`` table or the same columns. Required:
        ``article_says``, ``record_shows``, ``verdict``. Used when present:
        ``check_id``, ``article_para``, ``source_id``, ``locator``, ``confidence``.
    verdicts : tuple of str, optional
        Keep only these verdicts (e.g. ``("differs",)`` for a slide); default: all.
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
    name = "record_checks_chart"
    require(record_checks, ["article_says", "record_shows", "verdict"], chart=name,
            table="record_checks")
    data = pd.DataFrame(
        {
            "check_id": text_column(optional(record_checks, "check_id")).fillna(""),
            "article_says": text_column(record_checks["article_says"]).fillna(""),
            "record_shows": text_column(record_checks["record_shows"]).fillna(""),
            "verdict": text_column(record_checks["verdict"]).fillna("unverified"),
            "para": int_column(optional(record_checks, "article_para")),
            "source": (
                text_column(optional(record_checks, "source_id")).fillna("")
                + " "
                + text_column(optional(record_checks, "locator")).fillna("")
            ).str.strip(),
            "confidence": text_column(optional(record_checks, "confidence")).fillna("—"),
        }
    )
    if verdicts is not None:
        data = data[data["verdict"].isin(verdicts)]
        if data.empty:
            from casekit.charts._base import ChartDataError

            raise ChartDataError(f"{name}(): no record check has verdict {verdicts}.",
                                 chart=name, table="record_checks")
    rank = {v: i for i, v in enumerate(VERDICT_ORDER)}
    data["verdict_rank"] = data["verdict"].map(lambda v: rank.get(v, len(rank)))
    data["para_sort"] = data["para"].map(lambda p: 999 if p is None else p)
    data = data.sort_values(["verdict_rank", "para_sort", "check_id"]).reset_index(drop=True)
    style = {
        v: theme.VERDICT_STYLE.get(v, {"color": theme.CONTEXT_COLOR, "symbol": "•",
                                       "label": v.capitalize()})
        for v in data["verdict"].unique()
    }
    data["article_lines"] = data["article_says"].map(lambda s: wrap(s, WRAP["article"]))
    data["record_lines"] = data["record_shows"].map(lambda s: wrap(s, WRAP["record"]))
    data["verdict_text"] = data["verdict"].map(
        lambda v: f"{style[v]['symbol']} {style[v]['label']}"
    )
    data["para_label"] = data["para"].map(lambda p: f"¶{p}" if p is not None else "—")
    heights = [max(len(a), len(r)) for a, r in zip(data["article_lines"], data["record_lines"],
                                                     strict=True)]
    tops, y = [], 0.0
    for h in heights:
        tops.append(y)
        y += h + 1.2
    total = y - 0.6
    data["top"] = tops
    data["sep"] = [t + h + 0.6 for t, h in zip(tops, heights, strict=True)]
    verdicts = [v for v in (*VERDICT_ORDER, *sorted(set(data["verdict"]) - set(VERDICT_ORDER)))
                if v in style]
    y_scale = alt.Scale(domain=[-2.2, total], reverse=True, nice=False, zero=False)
    base = alt.Chart().encode(y=alt.Y("top:Q", scale=y_scale, axis=None))
    tooltip = [
        alt.Tooltip("check_id:N", title="Check"),
        alt.Tooltip("verdict:N", title="Verdict"),
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("confidence:N", title="Confidence"),
    ]
    text_style = {"align": "left", "baseline": "top", "fontSize": 12, "lineHeight": LINE_PX}
    para = base.mark_text(**text_style, color=theme.CONTEXT_COLOR).encode(
        x=alt.XValue(COLUMNS["para"]), text=alt.Text("para_label:N"))
    article = base.mark_text(**text_style, color="#222222").encode(
        x=alt.XValue(COLUMNS["article"]), text=alt.Text("article_lines:N"), tooltip=tooltip)
    record = base.mark_text(**text_style, color="#222222").encode(
        x=alt.XValue(COLUMNS["record"]), text=alt.Text("record_lines:N"), tooltip=tooltip)
    verdict = base.mark_text(**text_style, fontWeight="bold").encode(
        x=alt.XValue(COLUMNS["verdict"]),
        text=alt.Text("verdict_text:N"),
        color=alt.Color(
            "verdict:N",
            scale=alt.Scale(domain=verdicts, range=[style[v]["color"] for v in verdicts]),
            legend=None,
        ),
        tooltip=tooltip,
    )
    rules = alt.Chart().mark_rule(color="#DDDDDD").encode(
        y=alt.Y("sep:Q", scale=y_scale, axis=None),
        x=alt.XValue(0),
        x2=alt.X2Value(COLUMNS["verdict"] + 110),
    )
    headers = [
        {"x": COLUMNS[key], "label": label}
        for key, label in (("para", "¶"), ("article", "The article says"),
                           ("record", "Primary sources show"), ("verdict", "Verdict"))
    ]
    header = alt.Chart(inline_values(headers)).mark_text(
        align="left", baseline="top", fontSize=13, fontWeight="bold", color="#222222"
    ).encode(x=alt.X("x:Q", scale=None, axis=None), y=alt.YValue(0), text=alt.Text("label:N"))
    chart = alt.layer(
        header, rules, para, article, record, verdict, data=inline(data)
    ).properties(
        width=COLUMNS["verdict"] + 110,
        height=int((total + 2.2) * LINE_PX),
    )
    counts = data["verdict"].value_counts()
    tally = ", ".join(
        f"{counts.get(v, 0)} {VERDICT_PHRASE.get(v, style[v]['label'].lower())}" for v in verdicts
    )
    chart = chart.properties(title=alt.Title(title, subtitle=f"{len(data)} checks: {tally}"))
    summary = f"{len(data)} record checks: {tally}."
    return finish(chart, kind="record_checks", summary=summary, layout=("top", "sep", "x"))
