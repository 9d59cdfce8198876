"""Shared preparation of the C5+X meetings charts: one tidy row per meeting.

Both the partners' calendar and the meetings-per-year chart start from the
``format_meetings`` table (and, when given, ``formats`` for the partners' names). The
level labels come from the C5+X schema (``data/c5x/datapackage.json``), so a chart
says what the codebook says.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from casekit.charts import theme
from casekit.charts._base import (
    ChartDataError,
    date_column,
    date_labels,
    iso_dates,
    optional,
    require,
    text_column,
)
from casekit.charts.cases import same_id

#: Level values in drawing order ("" = not stated), as in the schema.
LEVELS: tuple[str, ...] = ("heads_of_state", "foreign_ministers", "other", "")
NOT_STATED = "Level not stated"
#: Statuses drawn as held (filled marks); the others are drawn hollow.
HELD = "held"


@lru_cache(maxsize=1)
def level_labels() -> dict[str, str]:
    """Return level value to label, read from the C5+X schema's ``level`` categories.

    Returns
    -------
    dict of str to str
        E.g. ``{"heads_of_state": "Heads of state", ...}``, plus ``""`` for a level the
        source does not state. Falls back to the values themselves if the schema has no
        labels.
    """
    from casekit.package.schema import read_package
    from casekit.resources import resolve_root

    labels = {value: value.replace("_", " ").capitalize() for value in LEVELS if value}
    schema = read_package(resolve_root("c5x"))
    for resource in schema.raw.get("resources", []):
        if resource.get("name") != "format_meetings":
            continue
        for spec in resource["schema"]["fields"]:
            if spec["name"] == "level":
                for category in spec.get("categories", []):
                    if isinstance(category, dict) and "label" in category:
                        labels[str(category["value"])] = str(category["label"])
    labels[""] = NOT_STATED
    return labels


def meeting_rows(
    meetings: pd.DataFrame,
    formats: pd.DataFrame | None,
    *,
    chart: str,
    highlight: str | None,
) -> pd.DataFrame:
    """Return one plain-Python row per meeting, ready for a chart.

    Columns: ``format_id``, ``partner`` (the row label, ``► `` before the highlighted
    format), ``highlight``, ``date`` (ISO), ``when`` (at the row's precision), ``year``,
    ``level`` ("" if not stated), ``level_label``, ``held``, ``status``, ``place``,
    ``ordinal``, ``outcome``, ``confidence``. Partners are ordered by their first
    meeting, and the frame by partner, then date.

    Raises
    ------
    ChartDataError
        If a required column is missing, there are no rows or dates are unreadable.
    """
    require(meetings, ["format_id", "start_date", "level"], chart=chart, table="format_meetings")
    if formats is not None:
        require(formats, ["format_id", "partner"], chart=chart, table="formats", argument="formats")
    dates = date_column(meetings["start_date"], chart=chart, column="start_date")
    labels = level_labels()
    data = pd.DataFrame(
        {
            "format_id": text_column(meetings["format_id"]).fillna(""),
            "date": iso_dates(dates),
            "when": date_labels(dates, optional(meetings, "date_precision", "day")),
            "level": text_column(meetings["level"]).fillna(""),
            "status": text_column(optional(meetings, "status", HELD)).fillna(HELD),
            "city": text_column(optional(meetings, "city")).fillna(""),
            "mode": text_column(optional(meetings, "mode")).fillna(""),
            "ordinal": text_column(optional(meetings, "ordinal_as_stated")).fillna("—"),
            "outcome": text_column(optional(meetings, "outcome_document")).fillna("—"),
            "confidence": text_column(optional(meetings, "confidence")).fillna("—"),
        }
    )
    data = data[data["date"].notna()].copy()
    if data.empty:
        raise ChartDataError(f"{chart}(): no meeting has a start_date.", chart=chart)
    unknown = sorted(set(data["level"]) - set(LEVELS))
    if unknown:
        raise ChartDataError(
            f"{chart}(): column 'level' holds {unknown[0]!r}; use one of "
            f"{', '.join(v for v in LEVELS if v)} (or leave it empty).",
            chart=chart,
        )
    names = _partner_names(formats)
    data["partner"] = [names.get(f, f) for f in data["format_id"]]
    data["highlight"] = same_id(data["format_id"], highlight).astype(bool)
    data["partner"] = [
        f"► {p}" if h else p for p, h in zip(data["partner"], data["highlight"], strict=True)
    ]
    data["year"] = [int(d[:4]) for d in data["date"]]
    data["level_label"] = [labels.get(v, v) for v in data["level"]]
    data["held"] = data["status"] == HELD
    data["place"] = [
        c or ("virtual" if m in ("virtual", "hybrid") else "place not found")
        for c, m in zip(data["city"], data["mode"], strict=True)
    ]
    first = data.groupby("partner")["date"].min().sort_values(kind="stable")
    order = {p: i for i, p in enumerate(first.index)}
    data["row_order"] = data["partner"].map(order)
    return data.sort_values(["row_order", "date"], kind="stable").reset_index(drop=True)


def _partner_names(formats: pd.DataFrame | None) -> dict[str, str]:
    if formats is None:
        return {}
    ids = text_column(formats["format_id"])
    return dict(zip(ids, text_column(formats["partner"]), strict=True))


def level_scales(levels_present: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Return the level labels present, in order, with their colours and shapes."""
    labels = level_labels()
    present = [v for v in LEVELS if v in levels_present]
    return (
        [labels[v] for v in present],
        [theme.MEETING_LEVEL_STYLE[v]["color"] for v in present],
        [theme.MEETING_LEVEL_STYLE[v]["shape"] for v in present],
    )


def partner_counts(data: pd.DataFrame, level: str) -> str:
    """Return "EU 3, China 3, ..." for held meetings at ``level``, most first."""
    held = data[data["held"] & (data["level"] == level)]
    counts = held.groupby("partner", sort=False).size().sort_values(ascending=False, kind="stable")
    return ", ".join(f"{str(p).removeprefix('► ')} {n}" for p, n in counts.items()) or "none"
