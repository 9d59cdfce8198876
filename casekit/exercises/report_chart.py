"""The item-analysis chart (the only place grading imports altair)."""

from __future__ import annotations

from typing import Any


def difficulty_chart(items: list[dict[str, Any]]) -> Any:
    """Return a horizontal bar chart of mean score per question, labelled with the value.

    Parameters
    ----------
    items : list of dict
        Rows from :meth:`GradeReport.items` with a ``difficulty``.
    """
    import altair as alt

    rows = [
        {
            "question": f"{r['notebook']} · {r['question']}",
            "difficulty": r["difficulty"],
            "label": f"{r['difficulty']:.0%}",
            "wrong": r["most_common_wrong"] or "—",
        }
        for r in items
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("question:N", sort=None, title=None),
        x=alt.X(
            "difficulty:Q",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
            title="Mean score (share of the points earned)",
        ),
    )
    bars = base.mark_bar(color="#4c78a8").encode(
        tooltip=[
            alt.Tooltip("question:N"),
            alt.Tooltip("label:N", title="mean score"),
            alt.Tooltip("wrong:N", title="most chosen wrong answer"),
        ]
    )
    text = base.mark_text(align="left", dx=3).encode(text="label:N")
    return (bars + text).properties(
        title="Item analysis: how much of each question the class got right",
        width=420,
        height=alt.Step(22),
    )
