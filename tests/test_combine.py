"""casekit.combine(): cases joined without id collisions; the Astana case shipped with casekit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import casekit
from casekit.package.problems import ValidationError
from casekit.research.combine import (
    SHARED_TABLES,
    CombinedCase,
    builtin_cases,
    case_path,
    combine,
)
from casekit.resources import data_root as builtin_root
from tests.helpers import read_rows, set_cell

ASTANA = "astana-summit-2025"


@pytest.fixture(scope="module")
def almaty() -> casekit.Case:
    return casekit.load()


@pytest.fixture(scope="module")
def astana() -> casekit.Case:
    return casekit.load(case_path(ASTANA))


@pytest.fixture(scope="module")
def both(almaty, astana) -> CombinedCase:
    return combine([almaty, astana], names=["almaty", "astana"])


# ----------------------------------------------------------------------- the Astana case


def test_astana_case_ships_and_validates():
    assert ASTANA in builtin_cases()
    report = casekit.validate(case_path(ASTANA))
    assert report.ok, str(report)


def test_astana_case_holds_the_fact_sheet_summit(astana):
    summit = astana.meetings.set_index("meeting_id").loc["summit-02"]
    assert (summit["start_date"], summit["city"], summit["host_country"]) == (
        pd.Timestamp("2025-06-17"),
        "Astana",
        "KAZ",
    )
    assert summit["confidence"] == "verified"
    kinds = set(astana.documents["kind"])
    assert kinds == {"declaration", "treaty"}
    assert set(astana.participants["country"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB", "CHN"}
    assert (astana.participants["level"] == "head_of_state").all()
    # the fact sheet does not name the 2025 leaders: unknown stays empty
    assert astana.participants["person"].isna().all()
    planned = astana.meetings.set_index("meeting_id").loc["summit-03"]
    assert (planned["status"], planned["confidence"]) == ("planned", "partly")


def test_every_astana_fact_has_provenance(astana):
    sources = set(astana.sources["source_id"])
    for name in astana.table_names:
        frame = astana[name]
        if "source_id" not in frame.columns or not len(frame):
            continue
        assert frame["source_id"].notna().all() and set(frame["source_id"]) <= sources, name
        if "locator" in frame.columns and name != "sources":
            assert frame["locator"].notna().all(), name
        if "confidence" in frame.columns:
            assert frame["confidence"].notna().all(), name


def test_astana_shared_rows_match_the_almaty_case():
    """The shared vocabularies must not drift apart, or combine() reports a conflict."""
    root, case = builtin_root(), case_path(ASTANA)
    for name in ("areas", "countries"):
        assert read_rows(case / f"{name}.csv") == read_rows(root / f"{name}.csv"), name
    builtin = {row[0]: row for row in read_rows(root / "sources.csv")}
    rows = read_rows(case / "sources.csv")
    notes = rows[0].index("notes")
    for row in rows[1:]:
        if row[0] in builtin:
            drop = lambda r: r[:notes] + r[notes + 1 :]  # noqa: E731
            assert drop(row) == drop(builtin[row[0]]), (
                f"{row[0]} differs from data/sources.csv: copy the row into {case}"
            )


# ----------------------------------------------------------------------- combine


def test_every_own_table_gets_a_case_column_and_keeps_every_column(both, almaty):
    for name in almaty.table_names:
        combined = both[name]
        if name in SHARED_TABLES:
            assert "case" not in combined.columns
            assert list(combined.columns) == list(almaty[name].columns)
        else:
            assert list(combined.columns) == ["case", *almaty[name].columns], name
            assert list(combined["case"].cat.categories) == ["almaty", "astana"]


def test_rows_are_stacked(both, almaty, astana):
    for name in almaty.table_names:
        if name not in SHARED_TABLES:
            assert len(both[name]) == len(almaty[name]) + len(astana[name]), name


def test_ids_are_prefixed_and_unique(both):
    meetings = both.meetings
    assert meetings["meeting_id"].is_unique
    assert {"almaty:summit-02", "astana:summit-02"} <= set(meetings["meeting_id"])
    for name in both.table_names:
        key = both.schema.tables[name].primary_key
        assert not both[name].duplicated(list(key)).any(), name


def test_references_stay_inside_their_case(both):
    meetings = set(both.meetings["meeting_id"])
    events = set(both.events["event_id"])
    assert set(both.participants["meeting_id"]) <= meetings
    assert set(both.documents["meeting_id"]) <= meetings
    assert set(both.events["meeting_id"].dropna()) <= meetings
    assert set(both.initiatives["event_id"].dropna()) <= events
    for name in ("participants", "events", "documents"):
        frame = both[name].dropna(subset=["meeting_id"])
        assert (frame["meeting_id"].str.split(":").str[0] == frame["case"].astype(str)).all()
    checks = both.record_checks.dropna(subset=["related_id"])
    assert checks["related_id"].str.startswith("almaty:").all()


def test_shared_vocabularies_are_merged_once(both, almaty, astana):
    assert both.areas.equals(almaty.areas)
    assert len(both.countries) == 6
    union = set(almaty.sources["source_id"]) | set(astana.sources["source_id"])
    assert set(both.sources["source_id"]) == union
    assert both.sources["source_id"].is_unique


def test_vocabulary_dtypes_survive(both, almaty):
    assert both.events["confidence"].cat.ordered
    assert list(both.events["confidence"].cat.categories) == ["verified", "partly", "unverified"]
    assert pd.api.types.is_datetime64_any_dtype(both.events["start_date"])
    assert both.meetings["number"].dtype == almaty.meetings["number"].dtype


def test_without_prefixes_the_key_includes_the_case(almaty, astana):
    plain = combine([almaty, astana], names=["almaty", "astana"], prefix_ids=False)
    assert (plain.meetings["meeting_id"] == "summit-02").sum() == 2
    assert plain.schema.tables["meetings"].primary_key == ("case", "meeting_id")
    assert not plain.meetings.duplicated(["case", "meeting_id"]).any()


def test_default_labels_and_inputs_by_name_and_folder(almaty):
    combined = combine([builtin_root(), ASTANA])
    assert list(combined.parts) == [almaty.name, ASTANA]
    assert combined.parts[ASTANA] == case_path(ASTANA)
    assert f"{ASTANA}:summit-02" in set(combined.meetings["meeting_id"])


def test_validate_on_a_combined_case_never_checks_a_single_part_silently(both):
    report = casekit.validate(both)
    # either validate() checks every part (all valid here) or it says to do so
    assert report.ok or "validate each part" in str(report)


def test_combining_a_case_with_itself_needs_labels(almaty):
    with pytest.raises(ValueError, match="both called"):
        combine([almaty, almaty])
    twice = combine([almaty, almaty], names=["a", "b"])
    assert len(twice.events) == 2 * len(almaty.events)


@pytest.mark.parametrize(
    ("cases", "kwargs", "error", "match"),
    [
        ([], {}, ValueError, "at least one case"),
        ([42], {}, TypeError, "case folders"),
        ([ASTANA, ASTANA], {"names": ["a"]}, ValueError, "1 labels for 2"),
        (["no/such/folder"], {}, ValidationError, "folder no/such/folder does not exist"),
        ([None], {}, TypeError, "NoneType"),
    ],
)
def test_bad_arguments(cases, kwargs, error, match):
    with pytest.raises(error, match=match):
        combine(cases, **kwargs)


def test_label_with_separator(almaty):
    with pytest.raises(ValueError, match="':'"):
        combine([almaty], names=["a:b"])


def test_unknown_builtin_case_lists_the_known_ones():
    with pytest.raises(KeyError, match=ASTANA):
        case_path("nope")


def test_broken_folder_is_reported_not_a_traceback(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(case_path(ASTANA), folder)
    set_cell(folder / "events.csv", 1, "start_date", "17/06/2025")
    with pytest.raises(ValidationError) as exc:
        combine([builtin_root(), folder])
    (problem,) = exc.value.problems
    assert (problem.table, problem.row, problem.column, problem.rule) == (
        "events",
        1,
        "start_date",
        "type",
    )


def test_conflicting_shared_rows_are_reported(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(case_path(ASTANA), folder)
    set_cell(folder / "areas.csv", 1, "label", "Transport")
    set_cell(folder / "countries.csv", 1, "notes", "a note may differ")
    with pytest.raises(ValidationError) as exc:
        combine([builtin_root(), folder], names=["almaty", "mine"])
    (problem,) = exc.value.problems
    assert (problem.table, problem.column, problem.rule) == ("areas", "label", "conflict")
    assert "'transport_logistics'" in problem.message and "'mine'" in problem.message


# ----------------------------------------------------------------------- charts


def test_every_module_chart_draws_the_combined_case(both):
    from casekit.charts import describe, module_figures

    figures = module_figures(both)
    assert figures
    for name, chart in figures.items():
        assert chart.to_dict(), name
        assert describe(chart), name


def test_timeline_shows_both_cases(both):
    from casekit.charts import timeline_chart

    chart = timeline_chart(both.events, highlight="almaty:fmm-06")
    values = chart.to_dict()["datasets"]
    cases = {row.get("case") for rows in values.values() for row in rows}
    assert {"almaty", "astana"} <= cases


def test_themes_of_the_demo_text_need_no_case(tmp_path: Path):
    from casekit.text import theme_counts, themes_chart

    assert themes_chart(theme_counts()).to_dict()
