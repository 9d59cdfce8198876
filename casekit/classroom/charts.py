"""The dashboard's chart: how the class answered each question of one exercise set.

An Altair chart like the package's others, rendered to SVG on the server with vl-convert
(no JavaScript and nothing fetched from outside). The verdict is named in the legend and
in each bar's tooltip, and the bars are in a fixed order, so colour is not the only cue.
"""

from __future__ import annotations

from typing import Any

#: Verdicts in the order they are stacked, with their label and colour (Paul Tol, muted).
VERDICTS: tuple[tuple[str, str, str], ...] = (
    ("correct", "Correct", "#117733"),
    ("partial", "Partly correct", "#DDCC77"),
    ("wrong", "Not yet / cannot check", "#CC6677"),
    ("recorded", "Recorded (not autograded)", "#88CCEE"),
)


def spread_chart(set_view: dict[str, Any]) -> Any:
    """Return a stacked bar chart of verdicts per question.

    Parameters
    ----------
    set_view : dict
        One entry of ``class_view(...)["sets"]`` (see :mod:`casekit.classroom.analysis`).
    """
    import altair as alt

    rows = [
        {"question": q["id"], "verdict": label, "order": i, "students": q[key]}
        for q in set_view["questions"]
        for i, (key, label, _colour) in enumerate(VERDICTS)
        if q[key]
    ]
    answered = {r["question"] for r in rows}
    rows += [  # unanswered questions keep their place, with an empty bar
        {"question": q["id"], "verdict": "Correct", "order": 0, "students": 0}
        for q in set_view["questions"]
        if q["id"] not in answered
    ]
    if not rows:
        rows = [{"question": "(no answers yet)", "verdict": "Correct", "order": 0, "students": 0}]
    order = [q["id"] for q in set_view["questions"]] or ["(no answers yet)"]
    most = max((sum(q[k] for k, _l, _c in VERDICTS) for q in set_view["questions"]), default=0)
    ticks = alt.Axis(values=list(range(most + 1)), format="d") if most <= 10 else alt.Axis()
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("question:N", sort=order, title=None),
            x=alt.X(
                "sum(students):Q",
                title="Students (latest answer)",
                axis=ticks,
            ),
            color=alt.Color(
                "verdict:N",
                scale=alt.Scale(
                    domain=[label for _k, label, _c in VERDICTS],
                    range=[colour for _k, _l, colour in VERDICTS],
                ),
                legend=alt.Legend(title="Verdict", orient="bottom"),
            ),
            order=alt.Order("order:Q"),
            tooltip=["question:N", "verdict:N", "students:Q"],
        )
        .properties(
            title=f"{set_view['notebook']}: how the class answered",
            width=420,
            height=alt.Step(20),
        )
    )


def spread_svg(set_view: dict[str, Any]) -> str:
    """Return :func:`spread_chart` rendered as SVG text (vl-convert, offline)."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(spread_chart(set_view).to_dict()))
