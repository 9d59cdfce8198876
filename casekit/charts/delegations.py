"""Delegation levels: who each state sent to each foreign ministers' meeting."""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Any

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import (
    builder,
    date_column,
    finish,
    inline_values,
    int_column,
    optional,
    require,
    text_column,
)
from casekit.charts._spec import field, layer, layered, tooltip
from casekit.charts._spec import title as title_spec
from casekit.charts.cases import case_labels, compared, facet_by_case, same_id
from casekit.charts.labels import country_names

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

COUNTRY_NAMES: dict[str, str] = country_names()
SECRETARIAT = "Secretariat"
#: Levels drawn in calm colours; every other level is a warm colour that stands out.
MINISTER_LEVELS = ("head_of_state", "foreign_minister")
LIGHT_FILLS = {
    theme.OKABE_ITO["sky_blue"],
    theme.OKABE_ITO["orange"],
    theme.OKABE_ITO["grey"],
    theme.OKABE_ITO["purple"],
}


@builder
def delegation_chart(
    participants: pd.DataFrame,
    meetings: pd.DataFrame | None = None,
    *,
    series: str | None = "foreign_ministers",
    highlight: str | None = "fmm-06",
    countries: pd.DataFrame | None = None,
    title: str = "Who came to the table: delegation level at each foreign ministers' meeting",
) -> alt.LayerChart | alt.FacetChart:
    """Draw one cell per state and meeting, labelled and coloured by delegation level.

    Ministers are calm blues; anything below a foreign minister (acting minister, other
    minister, deputy, ambassador) is a warm colour *and* is written in the cell, so an
    ambassador (Turkmenistan in Almaty, 2025) stands out without relying on colour.
    Cells of the highlighted meeting below minister level get a thick outline.

    Parameters
    ----------
    participants : pandas.DataFrame
        casekit's ``participants`` table or the same columns. Required: ``meeting_id``,
        ``country``, ``level``. Used when present: ``person``, ``office``,
        ``is_chair``, ``confidence``.
    meetings : pandas.DataFrame, optional
        casekit's ``meetings`` table, for ordering (``start_date``), labels (``number``,
        ``city``, ``mode``) and for keeping one ``series``. Without it, meetings are
        ordered by ``meeting_id``.
    series : str or None
        Keep meetings of this ``series`` (needs ``meetings``); ``None`` keeps all.
    highlight : str or None
        ``meeting_id`` whose lower-level delegations are outlined.
    countries : pandas.DataFrame, optional
        casekit's ``countries`` table, for country names (``iso3``, ``name``).
    title : str
        Chart title.

    Returns
    -------
    altair.LayerChart or altair.FacetChart
        The chart. When the delegations drawn come from several cases (a ``case``
        column, as :func:`casekit.combine` gives), the cases side by side, each headed
        with its label and showing its own meetings; each state keeps its row.

    Raises
    ------
    ChartDataError
        If a required column is missing or nothing is left to draw.
    """
    name = "delegation_chart"
    require(participants, ["meeting_id", "country", "level"], chart=name, table="participants")
    rows = _participant_rows(participants)
    names = _country_names(countries)
    order: list[str] = sorted({r["meeting_id"] for r in rows})
    labels: dict[str, str] = {m: m for m in order}
    if meetings is not None:
        order, labels = _meeting_columns(meetings, rows, series)
        kept = set(order)
        rows = [r for r in rows if r["meeting_id"] in kept]
    if not rows:
        from casekit.charts._base import ChartDataError

        raise ChartDataError(
            f"{name}(): no participants belong to the meetings to draw"
            + (f" (series {series!r})" if series else "")
            + ".",
            chart=name,
            table="participants",
        )
    drawn_cases = {r.get("case") for r in rows}
    cases = [c for c in case_labels(participants) if c in drawn_cases]
    if len(cases) < 2:
        cases = []
        for r in rows:
            r.pop("case", None)
    style = {lv: theme.LEVEL_STYLE.get(lv, {}) for lv in {r["level"] for r in rows}}
    _describe_cells(rows, labels, names, style, highlight)
    data = _one_per_cell(rows)
    col_order = [labels[m] for m in order if m in {r["meeting_id"] for r in data}]
    subtitle = _subtitle(data)
    layers = _layers(data, style)
    encoding = _axes(col_order, _row_order(data, names))
    size = {"width": {"step": 118 if len(col_order) <= 6 else 96}, "height": {"step": 46}}
    heading = title_spec(title, subtitle=textwrap.wrap(subtitle, 110))
    if cases:
        panel = layered(*layers, encoding=encoding, **size)
        # side by side: each state keeps its row across the cases
        chart = facet_by_case(
            panel,
            cases,
            data=inline_values(data),
            title=heading,
            direction="column",
            independent=("x",),
            spacing=18,
        )
    else:
        chart = layered(*layers, encoding=encoding, data=inline_values(data), title=heading, **size)
    states = {r["country"] for r in data}
    n_states = len(states - {SECRETARIAT})
    secretariat = " and the Secretariat" if SECRETARIAT in states else ""
    summary = (
        f"{len(data)} delegations from {n_states} states{secretariat} at "
        f"{len(col_order)} meetings. {subtitle}"
    )
    if cases:
        per_case = Counter(r["case"] for r in data)
        summary = compared({c: per_case[c] for c in cases}, "delegations") + " " + summary
    return finish(chart, summary)


def _participant_rows(participants: pd.DataFrame) -> list[dict[str, Any]]:
    """Return one plain row per participant that belongs to a meeting."""
    columns = {
        "meeting_id": text_column(participants["meeting_id"]).tolist(),
        "iso3": text_column(participants["country"]).tolist(),
        "level": _filled(participants["level"], "unknown"),
        "person": _filled(optional(participants, "person"), ""),
        "office": _filled(optional(participants, "office"), ""),
        "confidence": _filled(optional(participants, "confidence"), "—"),
    }
    if "case" in participants.columns:
        columns["case"] = text_column(participants["case"]).tolist()
    rows = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values())]
    # a delegation without a meeting has no column to go in
    return [r for r in rows if r["meeting_id"] is not None]


def _country_names(countries: pd.DataFrame | None) -> dict[str, str]:
    """Return ISO-3 code to name: casekit's names, updated from ``countries``."""
    names = dict(COUNTRY_NAMES)
    if countries is not None:
        require(
            countries,
            ["iso3", "name"],
            chart="delegation_chart",
            table="countries",
            argument="countries",
        )
        names.update(
            zip(text_column(countries["iso3"]), text_column(countries["name"]), strict=True)
        )
    return names


def _meeting_columns(
    meetings: pd.DataFrame, rows: list[dict[str, Any]], series: str | None
) -> tuple[list[str], dict[str, str]]:
    """Return the meetings to draw, in date order, and their two-line column labels."""
    name = "delegation_chart"
    require(
        meetings, ["meeting_id", "start_date"], chart=name, table="meetings", argument="meetings"
    )
    starts = date_column(meetings["start_date"], chart=name, column="start_date")
    meta = list(
        zip(
            text_column(meetings["meeting_id"]),
            [None if pd.isna(d) else d for d in starts],
            text_column(optional(meetings, "series")),
            int_column(optional(meetings, "number")),
            text_column(optional(meetings, "city")),
            text_column(optional(meetings, "mode")),
            strict=True,
        )
    )
    # by date, then id; meetings without a date (or id) last
    meta.sort(key=lambda m: (m[1] is None, m[1] or 0, m[0] is None, m[0] or ""))
    if series is not None and any(m[2] is not None for m in meta):
        meta = [m for m in meta if m[2] == series]
    present = {r["meeting_id"] for r in rows}
    meta = [m for m in meta if m[0] in present]
    labels = {}
    for meeting_id, start, _series, number, city, mode in meta:
        place = city or ("video" if mode == "video" else "—")
        ordinal = f"{_ordinal(number)} · " if number is not None else ""
        year = start.year if start is not None else ""
        labels[meeting_id] = f"{ordinal}{year}|{place}"
    return [m[0] for m in meta], labels


def _describe_cells(
    rows: list[dict[str, Any]],
    labels: dict[str, str],
    names: dict[str, str],
    style: dict[str, dict[str, str]],
    highlight: str | None,
) -> None:
    """Give each row its column, row, level label, outline and ink colour, in place."""
    highlighted = same_id(pd.Series([r["meeting_id"] for r in rows], dtype="object"), highlight)
    for r, outlined in zip(rows, highlighted.tolist(), strict=True):
        level, iso3 = r["level"], r["iso3"]
        r["meeting"] = labels.get(r["meeting_id"])
        r["country"] = names.get(iso3, iso3) if iso3 else SECRETARIAT
        r["level_label"] = style[level].get("short", level.replace("_", " ").capitalize())
        r["below_minister"] = level not in MINISTER_LEVELS
        r["outlined"] = r["below_minister"] and bool(outlined) and iso3 is not None
        r["person_short"] = _short_name(r["person"])
        color = style[level].get("color", theme.NO_AREA_COLOR)
        r["ink"] = "black" if color in LIGHT_FILLS else "white"
        if "case" in r:  # after the fields every row has, as for one case
            r["case"] = r.pop("case")


def _one_per_cell(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep one row per (case,) meeting and country: the highest-ranking participant."""
    rank = {lv: i for i, lv in enumerate(theme.LEVEL_STYLE)}
    rows = sorted(
        rows,
        key=lambda r: (
            r["meeting"] is None,
            r["meeting"] or "",
            r["country"] is None,
            r["country"] or "",
            rank.get(r["level"], 99),
        ),
    )
    cells_seen: set[tuple[str | None, str | None, str | None]] = set()
    data = []
    for r in rows:
        cell = (r.get("case"), r["meeting"], r["country"])
        if cell not in cells_seen:
            cells_seen.add(cell)
            data.append(r)
    return data


def _row_order(data: list[dict[str, Any]], names: dict[str, str]) -> list[str]:
    """Return the states top to bottom: the six in casekit's order, others, Secretariat."""
    iso3s = {r["iso3"] for r in data}
    states = {r["country"] for r in data}
    row_order = [names.get(c, c) for c in COUNTRY_NAMES if c in iso3s]
    row_order += sorted(states - set(row_order) - {SECRETARIAT})
    if SECRETARIAT in states:
        row_order.append(SECRETARIAT)
    return row_order


def _axes(col_order: list[str], row_order: list[str]) -> dict[str, dict[str, Any]]:
    """Return the x (meetings, labelled on top) and y (states) encodings."""
    x = field(
        "meeting:O",
        sort=col_order,
        title=None,
        axis={
            "orient": "top",
            "labelAngle": 0,
            "labelExpr": "split(datum.label, '|')",
            "labelFontSize": 12,
            "labelPadding": 20,
            "labelBaseline": "alphabetic",
            "domain": False,
            "ticks": False,
        },
    )
    y = field(
        "country:N",
        sort=row_order,
        title=None,
        axis={"labelFontSize": 13, "domain": False, "ticks": False, "labelPadding": 8},
    )
    return {"x": x, "y": y}


def _layers(data: list[dict[str, Any]], style: dict[str, dict[str, str]]) -> list[Any]:
    """Return the cells (coloured by level), their outline and their two lines of text."""
    levels = [lv for lv in theme.LEVEL_STYLE if lv in style]
    levels += sorted(set(style) - set(levels))
    label_of = {r["level"]: r["level_label"] for r in data}
    level_labels = [label_of[lv] for lv in levels if lv in label_of]
    level_colors = [style[lv].get("color", theme.NO_AREA_COLOR) for lv in levels if lv in label_of]
    tips = [
        ("country:N", "State"),
        ("meeting_id:N", "Meeting"),
        ("person:N", "Person"),
        ("office:N", "Office"),
        ("level_label:N", "Level"),
        ("confidence:N", "Confidence"),
    ]
    if "case" in data[0]:
        tips.insert(0, ("case:N", "Case"))
    cells = layer(
        {"type": "rect", "cornerRadius": 3, "stroke": "white", "strokeWidth": 2},
        {
            "color": field(
                "level_label:N",
                scale={"domain": level_labels, "range": level_colors},
                sort=level_labels,
                legend={
                    "title": "Delegation led by",
                    "orient": "bottom",
                    "columns": 4,
                    "symbolType": "square",
                    "titleLimit": 300,
                },
            ),
            "tooltip": tooltip(*tips),
        },
    )
    outline = layer(
        {"type": "rect", "filled": False, "stroke": "black", "strokeWidth": 3.5, "cornerRadius": 3},
        transform=[{"filter": "datum.outlined"}],
    )
    ink = field("ink:N", scale=None)
    level_text = layer(
        {"type": "text", "fontSize": 12, "fontWeight": "bold", "dy": -7},
        {"text": field("level_label:N"), "color": ink},
    )
    person_text = layer(
        {"type": "text", "fontSize": 10, "dy": 9},
        {"text": field("person_short:N"), "color": ink},
    )
    return [cells, outline, level_text, person_text]


def _subtitle(data: list[dict[str, Any]]) -> str:
    below = [r for r in data if r["below_minister"] and r["country"] != SECRETARIAT]
    if not below:
        return "Every state sent its foreign minister."
    parts = [
        f"{r['country']} ({r['level'].replace('_', ' ')}, {r['meeting'].replace('|', ' ')}"
        + (f", {r['case']})" if "case" in r else ")")
        for r in below
    ]
    return "Below foreign-minister level: " + "; ".join(parts) + "."


def _filled(series: pd.Series, default: str) -> list[str]:
    """Return ``series`` as plain strings, ``default`` where missing."""
    return [default if v is None else v for v in text_column(series).tolist()]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _short_name(person: str) -> str:
    """Return a name that fits a cell: the full name if short, else all but the first word."""
    person = person.split(";")[0].strip()
    if len(person) <= 18:
        return person
    words = person.split()
    return " ".join(words[1:])[:18] if len(words) > 1 else person[:18]
