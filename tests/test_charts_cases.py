"""Every chart tells cases apart when a frame holds several, and draws one case as before."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime

import pandas as pd
import pytest

import casekit
from casekit.charts import (
    area_profile_chart,
    argument_map_chart,
    delegation_chart,
    describe,
    formats_chart,
    locator_map,
    record_checks_chart,
    timeline_chart,
)
from casekit.charts.cases import case_labels

pytest.importorskip("altair")


@pytest.fixture(scope="module")
def almaty():
    return casekit.load()


@pytest.fixture(scope="module")
def both(almaty):
    """The Almaty meeting and the Astana summit (its own events, meetings, initiatives)."""
    return casekit.combine([almaty, "astana-summit-2025"], names=["almaty", "astana"])


@pytest.fixture(scope="module")
def twice(almaty):
    """The Almaty case twice, for the tables the Astana case leaves empty."""
    return casekit.combine([almaty, almaty], names=["first", "second"])


#: chart -> (builder of a case, which combined case, how the spec shows cases apart)
CHARTS: dict[str, tuple[Callable, str, str]] = {
    "timeline": (lambda c: timeline_chart(c.events), "both", "panels"),
    "delegations": (
        lambda c: delegation_chart(c.participants, c.meetings, series=None, countries=c.countries),
        "both",
        "facet:column",
    ),
    "area_profile": (lambda c: area_profile_chart(c.initiatives, c.areas), "both", "facet:column"),
    "argument_map": (lambda c: argument_map_chart(c.claims, c.areas), "twice", "columns"),
    "record_checks": (lambda c: record_checks_chart(c.record_checks), "twice", "panels"),
    "formats": (lambda c: formats_chart(c.formats), "twice", "facet:row"),
    "locator_map": (lambda c: locator_map(c.meetings), "both", "panels"),
}


class OneCase:
    """The shipped case with a ``case`` column holding one label in every table."""

    def __init__(self, case: casekit.Case):
        self._case = case

    def __getattr__(self, name):
        table = getattr(self._case, name)
        return table.assign(case="almaty") if name not in ("areas", "countries") else table


def normalised(spec: dict) -> str:
    """The spec without a ``case`` column or tooltip, datasets named by order of use."""
    datasets = spec.pop("datasets", {})
    text = json.dumps(spec, sort_keys=True)
    for i, name in enumerate(datasets):
        text = text.replace(name, f"data-{i}")
    rows = {
        f"data-{i}": [{k: v for k, v in row.items() if k != "case"} for row in values]
        for i, values in enumerate(datasets.values())
    }
    text = text.replace(', {"field": "case", "title": "Case", "type": "nominal"}', "")
    text = text.replace('{"field": "case", "title": "Case", "type": "nominal"}, ', "")
    return text + json.dumps(rows, sort_keys=True)


@pytest.mark.parametrize("name", CHARTS)
def test_one_case_is_drawn_as_without_a_case_column(name, almaty):
    build = CHARTS[name][0]
    plain, labelled = build(almaty).to_dict(), build(OneCase(almaty)).to_dict()
    assert normalised(labelled) == normalised(plain)
    assert "Compares" not in describe(build(OneCase(almaty)))


@pytest.mark.parametrize("name", CHARTS)
def test_several_cases_are_drawn_apart_and_named(name, both, twice):
    build, which, how = CHARTS[name]
    combined = {"both": both, "twice": twice}[which]
    chart = build(combined)
    spec = chart.to_dict(validate=True)
    labels = list(combined.parts)
    if how == "panels":
        titles = [panel["title"]["text"] for panel in spec["vconcat"]]
        assert titles == labels
    elif how.startswith("facet:"):
        facet = spec["facet"][how.split(":")[1]]
        assert facet["field"] == "case" and facet["sort"] == labels
    else:  # a column per case and stance, headed by the case
        x = spec["vconcat"][0]["encoding"]["x"]
        assert [c.split("|")[0] for c in x["sort"][:2]] == labels
    summary = describe(chart).splitlines()[1]
    assert re.match(rf"Compares 2 cases: {labels[0]} \(\d+ \w[\w ]*\), {labels[1]} \(\d+ ", summary)


def test_a_chart_of_one_case_of_a_combined_table_is_that_case(both):
    """Rows of one case only (here Astana's delegations at the Almaty meeting's series)."""
    chart = delegation_chart(both.participants, both.meetings)  # foreign ministers only
    assert "facet" not in chart.to_dict()
    assert "Compares" not in describe(chart)


def test_case_labels_follow_the_category_order_and_need_two_cases():
    frame = pd.DataFrame({"case": pd.Categorical(["b", "a"], categories=["a", "b", "c"])})
    assert case_labels(frame) == ["a", "b"]
    assert case_labels(frame.iloc[:1]) == []
    assert case_labels(pd.DataFrame({"x": [1]})) == []


def test_timeline_subtitle_and_description_end_on_the_same_day(almaty, both):
    """One computation: the subtitle's last day is the description's (an end date)."""
    for events in (almaty.events, both.events):
        spec = timeline_chart(events).to_dict()
        subtitle = spec["title"]["subtitle"]
        shown = re.search(r"(\d+ \w{3} \d{4}) to (\d+ \w{3} \d{4});", subtitle).groups()
        described = re.search(r"from (\S+) to (\S+), by kind", describe(spec)).groups()
        as_iso = [datetime.strptime(d, "%d %b %Y").strftime("%Y-%m-%d") for d in shown]
        assert as_iso == list(described)
    last = almaty.events.assign(end=almaty.events["end_date"].fillna(almaty.events["start_date"]))
    assert described[1] == last["end"].max().strftime("%Y-%m-%d")


def test_timeline_span_keeps_the_precision_of_its_last_event():
    events = pd.DataFrame(
        {
            "title": ["A", "B"],
            "start_date": ["2020-03-01", "2027-01-01"],
            "date_precision": ["day", "year"],
            "kind": ["fm_meeting", "summit"],
        }
    )
    chart = timeline_chart(events, highlight=None)
    assert "1 Mar 2020 to 2027;" in chart.to_dict()["title"]["subtitle"]
    assert "from 2020-03-01 to 2027-01-01" in describe(chart)
