"""Charts on a researcher's own DataFrames, and the clear error on bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casekit
from casekit.charts import (
    ChartDataError,
    area_profile_chart,
    argument_map_chart,
    delegation_chart,
    describe,
    formats_chart,
    locator_map,
    record_checks_chart,
    timeline_chart,
)

pytest.importorskip("altair")

#: builder, the columns it cannot do without, the casekit table that has them
REQUIRED = [
    (timeline_chart, ["title", "start_date", "kind"], "events"),
    (delegation_chart, ["meeting_id", "country", "level"], "participants"),
    (area_profile_chart, ["area_id"], "initiatives"),
    (argument_map_chart, ["area_id", "stance", "summary"], "claims"),
    (record_checks_chart, ["article_says", "record_shows", "verdict"], "record_checks"),
    (formats_chart, ["partner", "start_date"], "formats"),
    (locator_map, ["city"], "meetings"),
]


@pytest.fixture(scope="module")
def case():
    return casekit.load()


@pytest.mark.parametrize(
    ("build", "required", "table"), REQUIRED, ids=[r[0].__name__ for r in REQUIRED]
)
def test_missing_columns_give_a_clear_error(build, required, table):
    frame = pd.DataFrame({"something_else": [1, 2]})
    with pytest.raises(ChartDataError) as info:
        build(frame)
    err = info.value
    assert isinstance(err, ValueError)
    message = str(err)
    for column in required:
        assert repr(column) in message
    assert f"`{table}` table" in message and f"casekit.load().{table}" in message
    assert build.__name__ in message
    assert err.missing == tuple(required) and err.table == table


@pytest.mark.parametrize(
    ("build", "required", "table"), REQUIRED, ids=[r[0].__name__ for r in REQUIRED]
)
def test_one_missing_column_is_named_alone(build, required, table, case):
    frame = getattr(case, table).drop(columns=[required[-1]])
    with pytest.raises(ChartDataError, match=repr(required[-1])) as info:
        build(frame)
    assert info.value.missing == (required[-1],)


@pytest.mark.parametrize(
    ("build", "required", "table"), REQUIRED, ids=[r[0].__name__ for r in REQUIRED]
)
def test_empty_frame_and_non_frame_are_refused(build, required, table, case):
    with pytest.raises(ChartDataError, match="empty"):
        build(getattr(case, table).iloc[0:0])
    with pytest.raises(ChartDataError, match="pandas DataFrame"):
        build([{"a": 1}])


def test_unreadable_dates_are_named():
    events = pd.DataFrame(
        {"title": ["x", "y"], "start_date": ["2024-01-01", "soon"], "kind": ["summit", "summit"]}
    )
    with pytest.raises(ChartDataError, match=r"'start_date'.*'soon'"):
        timeline_chart(events)


def test_unknown_city_names_the_fix():
    meetings = pd.DataFrame({"city": ["Almaty", "Samarkand"]})
    with pytest.raises(ChartDataError, match=r"'Samarkand'.*cities=") as info:
        locator_map(meetings)
    assert "Almaty" not in str(info.value).split("no coordinates for")[1].split(".")[0]
    own = pd.DataFrame(
        {"city": ["Almaty", "Samarkand"], "lat": [43.25, 39.65], "lon": [76.91, 66.96]}
    )
    spec = locator_map(meetings, cities=own).to_dict(validate=True)
    assert "Samarkand" in str(spec["datasets"])


# --- a researcher's own DataFrames: plain strings, minimal columns, extra columns -------


def test_timeline_on_own_minimal_frame_with_a_case_column():
    events = pd.DataFrame(
        {
            "title": ["Example meeting A", "Example meeting B", "Example forum"],
            "start_date": ["2019-03-01", "2021-09-15", "2022-02-02"],
            "kind": ["fm_meeting", "fm_meeting", "a_new_kind"],
            "case": ["own case", "own case", "own case"],
        }
    )
    chart = timeline_chart(events, highlight=None, title="My case")
    spec = chart.to_dict(validate=True)
    text = describe(chart)
    assert "My case" in text and "3 events" in text
    assert "A new kind" in json.dumps(spec)  # unknown kinds get a readable lane
    assert '"case"' in json.dumps(spec)  # the case column reaches the tooltip


def test_delegations_without_meetings_table():
    participants = pd.DataFrame(
        {
            "meeting_id": ["m1", "m1", "m2", "m2"],
            "country": ["KAZ", "CHN", "KAZ", "CHN"],
            "level": ["foreign_minister", "foreign_minister", "ambassador", "head_of_state"],
        }
    )
    chart = delegation_chart(participants, highlight="m2")
    spec = chart.to_dict(validate=True)
    rows = [r for d in spec["datasets"].values() for r in d]
    assert {r["meeting"] for r in rows} == {"m1", "m2"}
    assert [r["country"] for r in rows if r["outlined"]] == ["Kazakhstan"]


def test_other_charts_on_own_minimal_frames():
    area_profile_chart(pd.DataFrame({"area_id": ["energy", "energy", "space"]})).to_dict(
        validate=True
    )
    argument_map_chart(
        pd.DataFrame(
            {"area_id": ["energy", None], "stance": ["risk", "hope"], "summary": ["One.", "Two."]}
        )
    ).to_dict(validate=True)
    record_checks_chart(
        pd.DataFrame({"article_says": ["a"], "record_shows": ["b"], "verdict": ["differs"]})
    ).to_dict(validate=True)
    formats_chart(
        pd.DataFrame({"partner": ["X", "Y"], "start_date": ["2010-01-01", "2015-05-05"]}),
        highlight="Y",
    ).to_dict(validate=True)
    locator_map(pd.DataFrame({"city": ["Nur-Sultan", None]})).to_dict(validate=True)


def test_categorical_and_nullable_dtypes_are_accepted(case):
    """The typed tables from load() (Categorical, Int64, boolean, NaT) draw as well as plain
    strings do, and give the same description."""
    typed = describe(record_checks_chart(case.record_checks))
    plain = describe(record_checks_chart(case.record_checks.astype(object)))
    assert typed == plain


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_timeline_on_any_subset_of_events(case, data):
    rows = data.draw(
        st.lists(st.integers(0, len(case.events) - 1), min_size=1, max_size=12, unique=True)
    )
    events = case.events.iloc[sorted(rows)]
    chart = timeline_chart(events)
    chart.to_dict(validate=True)
    assert f"{len(events)} events" in describe(chart)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_argument_map_on_any_subset_of_claims(case, data):
    rows = data.draw(
        st.lists(st.integers(0, len(case.claims) - 1), min_size=1, max_size=10, unique=True)
    )
    chart = argument_map_chart(case.claims.iloc[sorted(rows)], case.areas)
    chart.to_dict(validate=True)
    assert f"{len(rows)} claims" in describe(chart)


def test_combined_cases_keep_highlights_and_count_shared_meetings_once():
    """casekit.combine() prefixes ids with the case and repeats shared rows per case."""
    combine = getattr(casekit, "combine", None)
    if combine is None or "astana-summit-2025" not in casekit.builtin_cases():
        pytest.skip("no second built-in case to combine")
    both = combine([casekit.load(), "astana-summit-2025"], names=["almaty", "astana"])
    assert both.events["event_id"].str.contains(":").all()
    timeline = describe(timeline_chart(both.events))
    assert "Highlighted: 6th Central Asia–China Foreign Ministers' Meeting" in timeline
    spec = delegation_chart(both.participants, both.meetings).to_dict(validate=True)
    outlined = [r for d in spec["datasets"].values() for r in d if r["outlined"]]
    assert [r["iso3"] for r in outlined] == ["TKM"]
    alone, combined = (
        describe(locator_map(casekit.load().meetings)),
        describe(locator_map(both.meetings)),
    )
    assert "Almaty: FM 2025;" in combined and "Almaty: FM 2025, FM 2025" not in combined
    # one map per case: the Almaty case's map says what the Almaty case alone says
    assert f"almaty: {alone.splitlines()[1]}" in combined.splitlines()[1]
