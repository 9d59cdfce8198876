"""Several cases in one chart: which cases a frame holds, and how a chart shows them apart.

``casekit.combine([...])`` gives every table of its own a ``case`` column. A chart whose
frame holds two cases or more draws each case apart, labelled with the case:

- **a facet per case** (:func:`facet_by_case`): the meetings of each case side by side
  for the delegations (each state keeps its row), a row of formats per case for the C5+X
  formats (on the same years), a column per case for the area profile; one legend serves
  every case;
- **a panel per case** (:func:`stack_by_case`, :func:`chart_per_case`): the chart once
  per case, one above the other, each titled with its case: the timeline (on the same
  years, one legend, each case with only its own lanes), the record checks and the
  locator map;
- the argument map gives each stance a column per case in its grid and names the case
  beside each claim.

A frame with one case, or no ``case`` column, is drawn exactly as before: the builders ask
:func:`case_labels` and take their single-case path when it returns fewer than two labels.
:func:`compared` writes the sentence with which ``describe()`` names the cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from casekit.charts._base import altair, finish, text_column

CASE = "case"
#: How a case's facet or panel is labelled.
HEADER: dict[str, Any] = {
    "labelOrient": "top",
    "labelAnchor": "start",
    "labelAngle": 0,
    "labelFontSize": 13,
    "labelFontWeight": "bold",
    "labelPadding": 6,
}


def case_labels(frame: pd.DataFrame) -> list[str]:
    """Return the cases ``frame`` holds, in order, when it holds two or more.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table, usually from :func:`casekit.combine`.

    Returns
    -------
    list of str
        The labels in the ``case`` column's category order (else in order of first
        appearance), only those with rows; an empty list when there is no ``case``
        column or a single case, so the chart is drawn as for one case.

    Examples
    --------
    >>> import pandas as pd
    >>> case_labels(pd.DataFrame({"case": ["b", "a", "b"]}))
    ['b', 'a']
    >>> case_labels(pd.DataFrame({"case": ["a", "a"]}))
    []
    """
    if CASE not in frame.columns:
        return []
    column = frame[CASE]
    present = [str(v) for v in column.dropna().unique()]
    if isinstance(column.dtype, pd.CategoricalDtype):
        present = [str(c) for c in column.cat.categories if str(c) in set(present)]
    return present if len(present) > 1 else []


def same_id(ids: pd.Series, wanted: str | None) -> pd.Series:
    """Return where ``ids`` equal ``wanted``, also as ``case:wanted`` (combined cases).

    :func:`casekit.combine` prefixes each case's ids with its label, so the Almaty
    meeting ``fmm-06`` is ``almaty:fmm-06`` there; a highlight by the plain id finds it in
    every case.

    Examples
    --------
    >>> same_id(pd.Series(["fmm-06", "almaty:fmm-06", "fmm-05"]), "fmm-06").tolist()
    [True, True, False]
    """
    if not wanted:
        return pd.Series(False, index=ids.index)
    return ids.map(lambda v: v is not None and (v == wanted or str(v).endswith(f":{wanted}")))


def case_values(frame: pd.DataFrame, labels: Sequence[str]) -> list[str | None]:
    """Return each row's case as plain text (``None`` everywhere when ``labels`` is empty)."""
    if not labels:
        return [None] * len(frame)
    return text_column(frame[CASE]).tolist()


def compared(counts: dict[str, int], noun: str) -> str:
    """Return the sentence naming the cases a chart compares.

    Examples
    --------
    >>> compared({"almaty": 30, "astana": 6}, "events")
    'Compares 2 cases: almaty (30 events), astana (6 events).'
    """
    listing = ", ".join(f"{label} ({n} {noun})" for label, n in counts.items())
    return f"Compares {len(counts)} cases: {listing}."


def case_field(labels: Sequence[str]) -> dict[str, Any]:
    """Return the facet field definition that labels each row or column by case."""
    return {"field": CASE, "type": "nominal", "sort": list(labels), "title": None, "header": HEADER}


def facet_by_case(
    spec: Any,
    labels: Sequence[str],
    *,
    data: Any,
    title: Any,
    direction: str = "row",
    independent: Sequence[str] = (),
    **properties: Any,
) -> Any:
    """Return ``spec`` drawn once per case, as rows (or columns) labelled by case.

    Parameters
    ----------
    spec : altair.LayerChart
        The chart of one case, without data or title; its data rows carry ``case``.
    labels : sequence of str
        The cases, in order.
    data : altair data
        The rows of every case.
    title : dict or str
        The whole chart's title.
    direction : str
        ``"row"`` (default) or ``"column"``.
    independent : sequence of str
        Scales each case gets its own of (e.g. ``("y",)`` when cases have different
        rows); the others are shared, so one legend serves every case.
    **properties
        Further facet-chart properties (``spacing``, ...).

    Returns
    -------
    altair.FacetChart
        The faceted chart.
    """
    if independent:
        properties["resolve"] = {"scale": {channel: "independent" for channel in independent}}
    return altair().FacetChart(
        spec=spec, facet={direction: case_field(labels)}, data=data, title=title, **properties
    )


def stack_by_case(panels: dict[str, Any], *, title: Any, shared: Sequence[str] = ()) -> Any:
    """Return one panel per case, one above the other, each titled with its case.

    Parameters
    ----------
    panels : dict of str to altair chart
        Case label to that case's chart (its own title is replaced by the label).
    title : dict or str
        The whole chart's title.
    shared : sequence of str
        Channels whose scale (and legend) the panels share, when every panel gives it
        the same domain; each panel keeps its own scales otherwise.

    Returns
    -------
    altair.VConcatChart
        The stacked chart.
    """
    alt = altair()
    for label, chart in panels.items():
        chart.title = {"text": label, "fontSize": 14, "anchor": "start"}
    properties: dict[str, Any] = {}
    if shared:
        properties["resolve"] = {"scale": {channel: "shared" for channel in shared}}
    return alt.VConcatChart(vconcat=list(panels.values()), spacing=28, title=title, **properties)


def split_by_case(frame: pd.DataFrame, labels: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Return the rows of each case, without the ``case`` column."""
    values = text_column(frame[CASE])
    return {label: frame[values == label].drop(columns=[CASE]) for label in labels}


def chart_per_case(
    frame: pd.DataFrame,
    labels: Sequence[str],
    build: Callable[[pd.DataFrame], Any],
    *,
    title: str,
    subtitle: str,
    noun: str,
) -> Any:
    """Return ``build`` drawn for each case's rows, stacked, and described as a whole.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of several cases (a ``case`` column).
    labels : sequence of str
        The cases, in order (from :func:`case_labels`).
    build : callable
        Draws one case's rows (a frame without the ``case`` column), as for one case.
    title, subtitle : str
        The whole chart's title and subtitle.
    noun : str
        What a row is ("record checks"), for the sentence naming the cases.

    Returns
    -------
    altair.VConcatChart
        One panel per case; its description names the cases, then each panel's own.
    """
    parts = split_by_case(frame, labels)
    panels = {label: build(part) for label, part in parts.items()}
    described = []
    for label, panel in panels.items():
        text = str(panel.description)
        heading = panel.title.get("text") if isinstance(panel.title, dict) else panel.title
        described.append(f"{label}: {text.removeprefix(str(heading).rstrip('.') + '. ')}")
    chart = stack_by_case(panels, title={"text": title, "subtitle": subtitle})
    counts = {label: len(part) for label, part in parts.items()}
    return finish(chart, " ".join([compared(counts, noun), *described]))
