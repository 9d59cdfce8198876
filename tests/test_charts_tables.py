"""Delegations, record checks and formats built from Vega-Lite dicts (issue 3): one table
each, layout positions kept out of the description, the same cells and milestones."""

from __future__ import annotations

import pandas as pd
import pytest

import casekit
from casekit.charts import (
    delegation_chart,
    describe,
    formats_chart,
    record_checks_chart,
)


@pytest.fixture(scope="module")
def case():
    return casekit.load()


def _rows(spec: dict) -> list[dict]:
    (rows,) = spec["datasets"].values()  # one table: layers filter it, none adds its own
    return rows


def test_record_checks_one_table_and_no_layout_ranges(case):
    chart = record_checks_chart(case.record_checks)
    spec = chart.to_dict(validate=True)
    assert len(_rows(spec)) == len(case.record_checks)
    text = describe(chart)
    assert f"Data: {len(case.record_checks)} rows." in text
    assert "Range:" not in text  # top, sep and x only place the text
    # the headers are drawn from the first row, once each
    header = spec["layer"][0]
    assert header["transform"][0] == {"filter": "datum.top == 0"}
    assert "The article says" in str(header["transform"])


def test_record_checks_rows_grouped_by_verdict(case):
    rows = _rows(record_checks_chart(case.record_checks).to_dict(validate=True))
    order = {"differs": 0, "unverified": 1, "consistent": 2}
    ranks = [order[r["verdict"]] for r in rows]
    assert ranks == sorted(ranks)
    tops = [r["top"] for r in rows]
    assert tops[0] == 0 and tops == sorted(tops)
    assert all(r["top"] < r["sep"] for r in rows)


def test_delegations_one_cell_per_meeting_and_state():
    participants = pd.DataFrame(
        {
            "meeting_id": ["m1", "m1", "m1", "m2"],
            "country": ["KAZ", "KAZ", "CHN", "KAZ"],
            "level": ["ambassador", "foreign_minister", "foreign_minister", None],
            "person": ["A. Envoy", "B. Minister", None, "C. Unknown"],
        }
    )
    chart = delegation_chart(participants, highlight="m2")
    rows = _rows(chart.to_dict(validate=True))
    cells = {(r["meeting_id"], r["iso3"]): r for r in rows}
    assert len(rows) == len(cells) == 3
    assert cells["m1", "KAZ"]["person"] == "B. Minister"  # the highest-ranking participant
    assert cells["m2", "KAZ"]["level_label"] == "Unknown"
    assert [r["country"] for r in rows if r["outlined"]] == ["Kazakhstan"]
    assert "Kazakhstan (unknown, m2)" in describe(chart)


def test_formats_milestones_in_one_table(case):
    chart = formats_chart(case.formats)
    rows = _rows(chart.to_dict(validate=True))
    spans = [r for r in rows if r["end_date"] is not None]
    assert len(spans) == len(case.formats)  # one line per format
    assert all(r["date"] == r["start_date"] for r in spans)
    assert "Data: 22 rows." in describe(chart)


def test_formats_same_day_launch_and_summit_shows_the_summit():
    formats = pd.DataFrame(
        {
            "partner": ["X", "Y"],
            "start_date": ["2010-01-01", "2015-05-05"],
            "first_summit_date": ["2010-01-01", None],
            "recent_date": ["2012-03-04", None],
        }
    )
    rows = _rows(formats_chart(formats, highlight="Y").to_dict(validate=True))
    assert [(r["row"], r["milestone"]) for r in rows] == [
        ("► Y", "Format launched"),
        ("X", "First summit"),
        ("X", "Most recent meeting"),
    ]
    assert {r["row"]: r["end_date"] for r in rows if r["end_date"]} == {
        "X": "2012-03-04",
        "► Y": "2015-05-05",
    }


def test_delegations_leave_out_rows_without_a_meeting():
    participants = pd.DataFrame(
        {
            "meeting_id": ["m1", None],
            "country": ["KAZ", "KGZ"],
            "level": ["foreign_minister", "ambassador"],
        }
    )
    spec = delegation_chart(participants).to_dict(validate=True)
    assert [r["country"] for r in _rows(spec)] == ["Kazakhstan"]
