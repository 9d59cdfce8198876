"""Delegation levels: who each state sent to each foreign ministers' meeting."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd

from casekit import theme
from casekit.charts._base import (
    altair,
    builder,
    date_column,
    finish,
    inline,
    int_column,
    optional,
    require,
    same_id,
    text_column,
)

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

COUNTRY_NAMES: dict[str, str] = {
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
    "CHN": "China",
}
SECRETARIAT = "Secretariat"
#: Levels drawn in calm colours; every other level is a warm colour that stands out.
MINISTER_LEVELS = ("head_of_state", "foreign_minister")
LIGHT_FILLS = {theme.OKABE_ITO["sky_blue"], theme.OKABE_ITO["orange"], theme.OKABE_ITO["grey"],
               theme.OKABE_ITO["purple"]}


@builder
def delegation_chart(
    participants: pd.DataFrame,
    meetings: pd.DataFrame | None = None,
    *,
    series: str | None = "foreign_ministers",
    highlight: str | None = "fmm-06",
    countries: pd.DataFrame | None = None,
    title: str = "Who came to the table: delegation level at each foreign ministers' meeting",
) -> alt.LayerChart:
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
    altair.LayerChart
        The chart.

    Raises
    ------
    ChartDataError
        If a required column is missing or nothing is left to draw.
    """
    alt = altair()
    name = "delegation_chart"
    require(participants, ["meeting_id", "country", "level"], chart=name, table="participants")
    data = pd.DataFrame(
        {
            "meeting_id": text_column(participants["meeting_id"]),
            "iso3": text_column(participants["country"]),
            "level": text_column(participants["level"]).fillna("unknown"),
            "person": text_column(optional(participants, "person")).fillna(""),
            "office": text_column(optional(participants, "office")).fillna(""),
            "confidence": text_column(optional(participants, "confidence")).fillna("—"),
        }
    )
    names = dict(COUNTRY_NAMES)
    if countries is not None:
        require(countries, ["iso3", "name"], chart=name, table="countries", argument="countries")
        names.update(zip(text_column(countries["iso3"]), text_column(countries["name"]),
                         strict=True))
    order = sorted(data["meeting_id"].dropna().unique())
    labels = {m: m for m in order}
    if meetings is not None:
        require(meetings, ["meeting_id", "start_date"], chart=name, table="meetings",
                argument="meetings")
        meta = pd.DataFrame(
            {
                "meeting_id": text_column(meetings["meeting_id"]),
                "start": date_column(meetings["start_date"], chart=name, column="start_date"),
                "series": text_column(optional(meetings, "series")),
                "number": int_column(optional(meetings, "number")),
                "city": text_column(optional(meetings, "city")).replace("", None),
                "mode": text_column(optional(meetings, "mode")),
            }
        ).sort_values(["start", "meeting_id"])
        if series is not None and meta["series"].notna().any():
            meta = meta[meta["series"] == series]
        meta = meta[meta["meeting_id"].isin(set(data["meeting_id"]))]
        order = list(meta["meeting_id"])
        for row in meta.itertuples():
            place = row.city or ("video" if row.mode == "video" else "—")
            number = f"{_ordinal(row.number)} · " if row.number is not None else ""
            year = row.start.year if pd.notna(row.start) else ""
            labels[row.meeting_id] = f"{number}{year}|{place}"
        data = data[data["meeting_id"].isin(order)]
    if data.empty:
        from casekit.charts._base import ChartDataError

        raise ChartDataError(
            f"{name}(): no participants belong to the meetings to draw"
            + (f" (series {series!r})" if series else "")
            + ".",
            chart=name,
            table="participants",
        )
    data["meeting"] = data["meeting_id"].map(labels)
    data["country"] = data["iso3"].map(lambda c: names.get(c, c) if c else SECRETARIAT)
    data["level_label"] = data["level"].map(
        lambda lv: theme.LEVEL_STYLE.get(lv, {}).get("short", lv.replace("_", " ").capitalize())
    )
    data["below_minister"] = ~data["level"].isin(MINISTER_LEVELS)
    data["outlined"] = (
        data["below_minister"] & same_id(data["meeting_id"], highlight) & data["iso3"].notna()
    )
    data["person_short"] = data["person"].map(_short_name)
    levels = [lv for lv in theme.LEVEL_STYLE if lv in set(data["level"])]
    levels += sorted(set(data["level"]) - set(levels))
    level_labels = [data.loc[data["level"] == lv, "level_label"].iloc[0] for lv in levels]
    level_colors = [theme.LEVEL_STYLE.get(lv, {}).get("color", theme.NO_AREA_COLOR)
                    for lv in levels]
    data["ink"] = data["level"].map(
        lambda lv: "black"
        if theme.LEVEL_STYLE.get(lv, {}).get("color", theme.NO_AREA_COLOR) in LIGHT_FILLS
        else "white"
    )
    row_order = [names.get(c, c) for c in COUNTRY_NAMES if c in set(data["iso3"])]
    row_order += sorted(set(data["country"]) - set(row_order) - {SECRETARIAT})
    if SECRETARIAT in set(data["country"]):
        row_order.append(SECRETARIAT)
    col_order = [labels[m] for m in order if m in set(data["meeting_id"])]
    # one cell per (meeting, country): keep the highest-ranking participant
    rank = {lv: i for i, lv in enumerate(theme.LEVEL_STYLE)}
    data["rank"] = data["level"].map(lambda lv: rank.get(lv, 99))
    data = data.sort_values(["meeting", "country", "rank"]).drop_duplicates(["meeting", "country"])
    data = data.drop(columns=["rank"]).reset_index(drop=True)

    x = alt.X(
        "meeting:O",
        sort=col_order,
        title=None,
        axis=alt.Axis(orient="top", labelAngle=0, labelExpr="split(datum.label, '|')",
                      labelFontSize=12, labelPadding=20, labelBaseline="alphabetic",
                      domain=False, ticks=False),
    )
    y = alt.Y("country:N", sort=row_order, title=None,
              axis=alt.Axis(labelFontSize=13, domain=False, ticks=False, labelPadding=8))
    tooltip = [
        alt.Tooltip("country:N", title="State"),
        alt.Tooltip("meeting_id:N", title="Meeting"),
        alt.Tooltip("person:N", title="Person"),
        alt.Tooltip("office:N", title="Office"),
        alt.Tooltip("level_label:N", title="Level"),
        alt.Tooltip("confidence:N", title="Confidence"),
    ]
    base = alt.Chart().encode(x=x, y=y)  # the data is set once, on the layer
    cells = base.mark_rect(cornerRadius=3, stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "level_label:N",
            scale=alt.Scale(domain=level_labels, range=level_colors),
            sort=level_labels,
            legend=alt.Legend(title="Delegation led by", orient="bottom", columns=4,
                              symbolType="square", titleLimit=300),
        ),
        tooltip=tooltip,
    )
    outline = base.transform_filter("datum.outlined").mark_rect(
        filled=False, stroke="black", strokeWidth=3.5, cornerRadius=3
    )
    level_text = base.mark_text(fontSize=12, fontWeight="bold", dy=-7).encode(
        text=alt.Text("level_label:N"), color=alt.Color("ink:N", scale=None)
    )
    person_text = base.mark_text(fontSize=10, dy=9).encode(
        text=alt.Text("person_short:N"), color=alt.Color("ink:N", scale=None)
    )
    n_cols = len(col_order)
    chart = alt.layer(cells, outline, level_text, person_text, data=inline(data)).properties(
        width=alt.Step(118 if n_cols <= 6 else 96),
        height=alt.Step(46),
        title=alt.Title(title, subtitle=textwrap.wrap(_subtitle(data), 110)),
    )
    states = data.loc[data["country"] != SECRETARIAT, "country"].nunique()
    secretariat = " and the Secretariat" if SECRETARIAT in set(data["country"]) else ""
    summary = (
        f"{len(data)} delegations from {states} states{secretariat} at "
        f"{len(col_order)} meetings. {_subtitle(data)}"
    )
    return finish(chart, kind="delegations", summary=summary)


def _subtitle(data: pd.DataFrame) -> str:
    below = data[data["below_minister"] & (data["country"] != SECRETARIAT)]
    if below.empty:
        return "Every state sent its foreign minister."
    parts = [
        f"{row.country} ({row.level.replace('_', ' ')}, {row.meeting.replace('|', ' ')})"
        for row in below.itertuples()
    ]
    return "Below foreign-minister level: " + "; ".join(parts) + "."


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
