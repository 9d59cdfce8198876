"""The C5+X charts (partners' calendar, meetings per year): valid, offline, labelled from
the schema, China highlighted without colour alone, computed from the rows, and refusing
bad input with a one-line message."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import casekit
from casekit.charts import (
    ChartDataError,
    describe,
    meetings_per_year_chart,
    partners_calendar_chart,
    save,
)
from casekit.charts._partners import level_labels

pytest.importorskip("altair")


@pytest.fixture(scope="module")
def c5x():
    return casekit.load("c5x")


@pytest.fixture(scope="module")
def calendar(c5x):
    return partners_calendar_chart(c5x.format_meetings, c5x.formats)


@pytest.fixture(scope="module")
def per_year(c5x):
    return meetings_per_year_chart(c5x.format_meetings, c5x.formats)


def _values(spec: dict) -> list[dict]:
    [values] = spec["datasets"].values()
    return values


def test_both_charts_are_valid_and_offline(calendar, per_year):
    for chart in (calendar, per_year):
        spec = chart.to_dict(validate=True)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
        assert '"url"' not in json.dumps(spec)
        assert len(json.dumps(spec["datasets"])) < 60_000
        # no per-mark aria labels: the chart's description carries the text (small SVG)
        assert all(layer["mark"].get("aria") is False for layer in spec.get("layer", [spec]))


def test_calendar_has_one_mark_per_meeting_and_one_row_per_partner(c5x, calendar):
    values = _values(calendar.to_dict())
    assert len(values) == len(c5x.format_meetings) == 99
    assert len({v["partner"] for v in values}) == 14
    # rows follow the first meeting: Japan (2004) on top, the United Kingdom (2026) last
    spec = calendar.to_dict()
    order = spec["encoding"]["y"]["sort"]
    assert order[0] == "Japan" and order[-1] == "United Kingdom"


def test_china_is_highlighted_by_band_arrow_and_bold(calendar):
    spec = calendar.to_dict()
    values = _values(spec)
    china = [v for v in values if v["highlight"]]
    assert len(china) == 10 and {v["partner"] for v in china} == {"► China"}
    assert spec["layer"][0]["mark"]["type"] == "rect"  # the shaded band
    assert spec["layer"][0]["transform"][0] == {"filter": "datum.highlight"}
    assert "bold" in json.dumps(spec["encoding"]["y"]["axis"]["labelFontWeight"])
    plain = partners_calendar_chart(
        casekit.load("c5x").format_meetings, casekit.load("c5x").formats, highlight=None
    )
    assert not any(v["highlight"] for v in _values(plain.to_dict()))


def test_level_labels_come_from_the_schema_and_shapes_double_colour(calendar):
    labels = level_labels()
    assert labels["heads_of_state"] == "Heads of state"  # the schema's category label
    spec = calendar.to_dict()
    points = spec["layer"][1]["encoding"]
    assert points["color"]["scale"]["domain"] == points["shape"]["scale"]["domain"]
    assert points["color"]["scale"]["domain"][:3] == [
        labels["heads_of_state"],
        labels["foreign_ministers"],
        labels["other"],
    ]
    assert len(set(points["shape"]["scale"]["range"])) == len(points["shape"]["scale"]["range"])


def test_meetings_not_held_are_hollow(c5x, calendar):
    values = _values(calendar.to_dict())
    not_held = [v for v in values if not v["held"]]
    assert len(not_held) == int((c5x.format_meetings.status != "held").sum()) == 10
    gcc = [v for v in not_held if v["date"] == "2025-05-05"]
    assert gcc and gcc[0]["status"] == "postponed"


def test_calendar_description_counts_from_the_rows(calendar):
    text = describe(calendar)
    assert "99 meetings of 14 formats, 2004 to 2027; 89 held" in text
    assert "19 heads of state" in text
    assert "China (►): 9 held since 2020, 3 at heads-of-state level." in text
    assert describe(calendar) == text  # deterministic, for nbval


def test_per_year_counts_held_meetings_by_partner_year_and_level(c5x, per_year):
    values = _values(per_year.to_dict())
    held = c5x.format_meetings[c5x.format_meetings.status == "held"]
    assert sum(v["meetings"] for v in values) == len(held) == 89
    us_2021 = [v for v in values if v["partner"] == "United States" and v["year"] == 2021]
    assert {v["level"]: v["meetings"] for v in us_2021} == {"foreign_ministers": 2, "other": 1}
    eu_2022 = [v for v in values if v["partner"] == "European Union" and v["year"] == 2022]
    assert {v["level"]: v["meetings"] for v in eu_2022} == {
        "heads_of_state": 1,
        "foreign_ministers": 1,
    }
    spec = per_year.to_dict()
    assert spec["encoding"]["y"]["sort"][0] == "Japan"
    assert "► China" in spec["encoding"]["y"]["sort"]
    # one lane per level inside each partner's row; level doubled by shape
    assert spec["encoding"]["yOffset"]["field"] == spec["encoding"]["shape"]["field"]
    text = describe(per_year)
    assert "89 meetings of 14 partners, 2004 to 2026; busiest year 2022 (13 meetings)" in text


def test_per_year_can_count_other_statuses(c5x):
    chart = meetings_per_year_chart(
        c5x.format_meetings, c5x.formats, statuses=("postponed", "cancelled")
    )
    values = _values(chart.to_dict(validate=True))
    assert sorted((v["partner"], v["year"]) for v in values) == [
        ("Gulf Cooperation Council", 2025),
        ("Japan", 2024),
    ]


def test_bad_input_gets_a_one_line_message(c5x):
    meetings = c5x.format_meetings
    with pytest.raises(ChartDataError, match="lacks the column 'level'"):
        partners_calendar_chart(meetings.drop(columns=["level"]))
    bad = meetings.assign(level=meetings.level.astype(str).replace("other", "ministers"))
    with pytest.raises(ChartDataError, match="holds 'ministers'"):
        meetings_per_year_chart(bad)
    with pytest.raises(ChartDataError, match="no meeting has status"):
        meetings_per_year_chart(meetings, statuses=("abandoned",))
    with pytest.raises(ChartDataError, match="ISO dates"):
        partners_calendar_chart(meetings.assign(start_date="soon"))


def test_works_on_a_researchers_own_rows_without_formats():
    own = pd.DataFrame(
        {
            "format_id": ["x", "x", "y"],
            "start_date": ["2020-01-01", "2021-06-01", "2019-03-01"],
            "level": ["heads_of_state", "", "foreign_ministers"],
        }
    )
    chart = partners_calendar_chart(own, highlight="x")
    values = _values(chart.to_dict(validate=True))
    assert [v["partner"] for v in values] == ["y", "► x", "► x"]
    assert "Level not stated" in {v["level_label"] for v in values}


def test_charts_render_offline_to_png_and_svg(tmp_path, calendar, per_year):
    for name, chart in (("calendar", calendar), ("per_year", per_year)):
        png = save(chart, tmp_path / f"{name}.png")
        svg = save(chart, tmp_path / f"{name}.svg")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
        assert "aria-label" in svg.read_text(encoding="utf-8")


def test_both_are_module_figures():
    from casekit.charts.figures import FIGURES, module_figures

    assert {"partners_calendar", "meetings_per_year"} <= set(FIGURES)
    figures = module_figures()
    assert describe(figures["partners_calendar"]).startswith("Central Asia's partners")
