"""Round trip: scaffold, fill from a fixture, validate, load, combine, chart."""

from __future__ import annotations

from pathlib import Path

import pytest

import casekit
from casekit.research.combine import combine
from casekit.research.scaffold import scaffold
from tests.helpers import read_rows, write_rows

FIXTURE = Path(__file__).parent / "research_fixtures" / "xian-summit-2023"


def fill(case: Path) -> None:
    """Copy the fixture's tables into ``case``; append its sources to the scaffolded ones."""
    for source in sorted(FIXTURE.glob("*.csv")):
        rows = read_rows(source)
        target = case / source.name
        if source.name == "sources.csv":
            rows = read_rows(target) + rows[1:]
        assert rows[0] == read_rows(target)[0], f"{source.name}: header differs from schema"
        write_rows(target, rows)


@pytest.fixture(scope="module")
def xian(tmp_path_factory) -> Path:
    case = scaffold(
        "xian-summit-2023",
        tmp_path_factory.mktemp("cases") / "xian",
        title="The 1st China–Central Asia Summit (Xi'an, 2023)",
    )
    fill(case)
    return case


def test_round_trip(xian):
    from casekit.charts import delegation_chart, describe, module_figures, timeline_chart

    report = casekit.validate(xian)
    assert report.ok, str(report)
    mine = casekit.load(xian)
    assert len(mine.participants) == 6 and len(mine.meetings) == 1

    both = combine([casekit.load(), mine, "astana-summit-2025"], names=["almaty", "xian", "astana"])
    # the fixture's summit-01 and the Almaty case's summit-01 no longer collide
    assert {"almaty:summit-01", "xian:summit-01"} <= set(both.meetings["meeting_id"])
    assert both.participants["participant_id"].is_unique
    assert set(both.participants["case"]) == {"almaty", "xian", "astana"}

    for name, chart in module_figures(both).items():
        assert describe(chart), name
    summits = both.participants[both.participants["meeting_id"].str.contains("summit")]
    chart = delegation_chart(
        summits,
        both.meetings,
        series="heads_of_state",
        countries=both.countries,
        title="Who signed at the summits",
    )
    assert "at 3 meetings" in describe(chart)
    text = describe(timeline_chart(both.events, highlight="xian:evt-001"))
    assert "Summits" in text


def test_a_typo_in_the_filled_case_is_found_where_it_is(xian, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(xian, broken)
    rows = read_rows(broken / "participants.csv")
    rows[3][rows[0].index("meeting_id")] = "sumit-01"
    write_rows(broken / "participants.csv", rows)
    (problem,) = casekit.validate(broken).problems
    assert (problem.table, problem.row, problem.column, problem.rule) == (
        "participants",
        3,
        "meeting_id",
        "foreign-key",
    )
    assert "did you mean 'summit-01'" in problem.hint
