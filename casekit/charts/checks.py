"""Record checks: what the source article says against what primary sources show."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import (
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
from casekit.charts.cases import case_labels, chart_per_case

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
) -> alt.LayerChart | alt.VConcatChart:
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
    altair.LayerChart or altair.VConcatChart
        The chart; one table per case, titled with it, when ``record_checks`` holds
        several cases (a ``case`` column, as :func:`casekit.combine` gives).

    Raises
    ------
    ChartDataError
        If a required column is missing or there are no rows.
    """
    name = "record_checks_chart"
    require(
        record_checks,
        ["article_says", "record_shows", "verdict"],
        chart=name,
        table="record_checks",
    )
    cases = case_labels(_kept(record_checks, verdicts))
    if cases:
        return chart_per_case(
            _kept(record_checks, verdicts),
            cases,
            lambda part: record_checks_chart(part, verdicts=verdicts, title=title),
            title=title,
            subtitle=f"{len(cases)} cases, one table each",
            noun="record checks",
        )
    rows = _check_rows(record_checks, verdicts)
    style = {
        v: theme.VERDICT_STYLE.get(
            v, {"color": theme.CONTEXT_COLOR, "symbol": "•", "label": v.capitalize()}
        )
        for v in dict.fromkeys(r["verdict"] for r in rows)
    }
    total = _lay_out(rows, style)
    drawn = [v for v in (*VERDICT_ORDER, *sorted(set(style) - set(VERDICT_ORDER))) if v in style]
    # positions (top, sep, x) only place the text: no axis, so describe() skips them
    y_scale = {"domain": [-2.2, total], "reverse": True, "nice": False, "zero": False}
    counts = Counter(r["verdict"] for r in rows)
    tally = ", ".join(
        f"{counts.get(v, 0)} {VERDICT_PHRASE.get(v, style[v]['label'].lower())}" for v in drawn
    )
    chart = layered(
        *_layers(drawn, style),
        encoding={"y": field("top:Q", scale=y_scale, axis=None)},
        data=inline_values(rows),
        width=COLUMNS["verdict"] + 110,
        height=int((total + 2.2) * LINE_PX),
        title=title_spec(title, subtitle=f"{len(rows)} checks: {tally}"),
    )
    summary = f"{len(rows)} record checks: {tally}."
    return finish(chart, summary)


def _check_rows(
    record_checks: pd.DataFrame, verdicts: tuple[str, ...] | None
) -> list[dict[str, Any]]:
    """Return one plain row per check (of ``verdicts``), disagreements first."""
    name = "record_checks_chart"
    columns = {
        "check_id": _filled(optional(record_checks, "check_id"), ""),
        "article_says": _filled(record_checks["article_says"], ""),
        "record_shows": _filled(record_checks["record_shows"], ""),
        "verdict": _filled(record_checks["verdict"], "unverified"),
        "para": int_column(optional(record_checks, "article_para")).tolist(),
        "source": [
            f"{source} {locator}".strip()
            for source, locator in zip(
                _filled(optional(record_checks, "source_id"), ""),
                _filled(optional(record_checks, "locator"), ""),
                strict=True,
            )
        ],
        "confidence": _filled(optional(record_checks, "confidence"), "—"),
    }
    rows = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values())]
    if verdicts is not None:
        rows = [r for r in rows if r["verdict"] in verdicts]
        if not rows:
            from casekit.charts._base import ChartDataError

            raise ChartDataError(
                f"{name}(): no record check has verdict {verdicts}.",
                chart=name,
                table="record_checks",
            )
    rank = {v: i for i, v in enumerate(VERDICT_ORDER)}
    rows.sort(
        key=lambda r: (
            rank.get(r["verdict"], len(rank)),
            999 if r["para"] is None else r["para"],
            r["check_id"],
        )
    )
    return rows


def _lay_out(rows: list[dict[str, Any]], style: dict[str, dict[str, str]]) -> float:
    """Wrap each row's texts and place it below the previous one; return the last line."""
    top = 0.0
    for r in rows:
        v, para = r["verdict"], r["para"]
        r["article_lines"] = wrap(r["article_says"], WRAP["article"])
        r["record_lines"] = wrap(r["record_shows"], WRAP["record"])
        r["verdict_text"] = f"{style[v]['symbol']} {style[v]['label']}"
        r["para_label"] = f"¶{para}" if para is not None else "—"
        height = max(len(r["article_lines"]), len(r["record_lines"]))
        r["top"] = top
        r["sep"] = top + height + 0.6
        top += height + 1.2
    return top - 0.6


def _layers(drawn: list[str], style: dict[str, dict[str, str]]) -> list[Any]:
    """Return the header, the rules between rows and the four columns of text."""
    tips = tooltip(
        ("check_id:N", "Check"),
        ("verdict:N", "Verdict"),
        ("source:N", "Source"),
        ("confidence:N", "Confidence"),
    )
    text_style = {
        "type": "text",
        "align": "left",
        "baseline": "top",
        "fontSize": 12,
        "lineHeight": LINE_PX,
    }
    rules = layer(
        {"type": "rule", "color": "#DDDDDD"},
        {
            "y": field("sep:Q", axis=None),  # on the shared y scale
            "x": {"value": 0},
            "x2": {"value": COLUMNS["verdict"] + 110},
        },
    )
    para = layer(
        {**text_style, "color": theme.CONTEXT_COLOR},
        {"x": {"value": COLUMNS["para"]}, "text": field("para_label:N")},
    )
    article = layer(
        {**text_style, "color": "#222222"},
        {"x": {"value": COLUMNS["article"]}, "text": field("article_lines:N"), "tooltip": tips},
    )
    record = layer(
        {**text_style, "color": "#222222"},
        {"x": {"value": COLUMNS["record"]}, "text": field("record_lines:N"), "tooltip": tips},
    )
    verdict = layer(
        {**text_style, "fontWeight": "bold"},
        {
            "x": {"value": COLUMNS["verdict"]},
            "text": field("verdict_text:N"),
            "color": field(
                "verdict:N",
                scale={"domain": drawn, "range": [style[v]["color"] for v in drawn]},
                legend=None,
            ),
            "tooltip": tips,
        },
    )
    return [_header(), rules, para, article, record, verdict]


def _header() -> Any:
    """Return the column headers, drawn from the first row of the main data.

    That row (``top == 0``) is made into four rows, one per header: no extra dataset.
    """
    headers = {
        "para": "¶",
        "article": "The article says",
        "record": "Primary sources show",
        "verdict": "Verdict",
    }
    return layer(
        {
            "type": "text",
            "align": "left",
            "baseline": "top",
            "fontSize": 13,
            "fontWeight": "bold",
            "color": "#222222",
        },
        {
            "x": field("x:Q", scale=None, axis=None),
            "y": {"value": 0},
            "text": field("label:N"),
        },
        transform=[
            {"filter": "datum.top == 0"},
            {"calculate": json.dumps([COLUMNS[key] for key in headers]), "as": "x"},
            {"calculate": json.dumps(list(headers.values()), ensure_ascii=False), "as": "label"},
            {"flatten": ["x", "label"]},
        ],
    )


def _kept(record_checks: pd.DataFrame, verdicts: tuple[str, ...] | None) -> pd.DataFrame:
    """Return the rows with one of ``verdicts`` (every row when ``verdicts`` is None)."""
    if verdicts is None:
        return record_checks
    return record_checks[text_column(record_checks["verdict"]).isin(verdicts)]


def _filled(series: pd.Series, default: str) -> list[str]:
    """Return ``series`` as plain strings, ``default`` where missing."""
    return [default if v is None else v for v in text_column(series).tolist()]
