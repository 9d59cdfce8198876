"""The data's substance: provenance on every factual row, a complete meeting series."""

import pandas as pd
import pytest

import casekit
from casekit.package.schema import read_package
from tests.helpers import DATA

SCHEMA = read_package(DATA)
STATES = {"KAZ", "KGZ", "TJK", "TKM", "UZB", "CHN"}
# The glossary cites sources too, but may list a term the references do not document
# (empty source, said so in the row): tests/test_scholarship.py checks it.
FACTUAL = [
    name for name, t in SCHEMA.tables.items() if "source_id" in t.field_names and name != "glossary"
]


@pytest.fixture(scope="module")
def case():
    return casekit.load()


def test_the_standard_validator_accepts_the_package():
    from frictionless import validate

    report = validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


@pytest.mark.parametrize("table", FACTUAL)
def test_every_factual_row_has_a_source_and_locator(case, table):
    frame = case.table(table)
    assert frame["source_id"].notna().all()
    assert frame["source_id"].isin(case.sources["source_id"]).all()
    if "locator" in frame.columns:
        assert frame["locator"].notna().all() and (frame["locator"].str.len() > 3).all()


def test_every_source_is_used(case):
    used = set()
    for table in FACTUAL:
        used |= set(case.table(table)["source_id"].dropna())
    used |= set(case.countries["source_id"].dropna())
    used |= set(case.glossary["source_id"].dropna())
    assert set(case.sources["source_id"]) <= used | {"src-factsheet"}


def test_article_locators_point_at_paragraphs_1_to_11(case):
    for table in FACTUAL:
        frame = case.table(table)
        from_article = frame[frame["source_id"] == "src-article"]
        if "locator" in frame.columns and len(from_article):
            paras = from_article["locator"].str.extract(r"^para (\d+)")[0].dropna().astype(int)
            assert paras.between(1, 11).all(), table
    assert case.claims["para"].between(1, 11).all()


def test_foreign_ministers_series_is_complete_and_in_order(case):
    fmm = case.meetings[case.meetings.series == "foreign_ministers"].sort_values("number")
    assert list(fmm["number"]) == [1, 2, 3, 4, 5, 6]
    assert list(fmm["meeting_id"]) == [f"fmm-0{i}" for i in range(1, 7)]
    assert fmm["start_date"].is_monotonic_increasing and fmm["start_date"].is_unique
    almaty = fmm.iloc[-1]
    assert (almaty.city, almaty.start_date) == ("Almaty", pd.Timestamp("2025-04-26"))
    assert almaty.host_country == "KAZ" and almaty["mode"] == "in_person"
    assert fmm.iloc[0]["mode"] == "video"


def test_summits_are_in_order(case):
    summits = case.meetings[case.meetings.series == "heads_of_state"].sort_values("start_date")
    assert list(summits["start_date"].dt.year) == [2022, 2023, 2025, 2027]
    planned = summits[summits.status == "planned"]
    assert list(planned["meeting_id"]) == ["summit-03"]
    assert (planned["confidence"] != "verified").all()


def test_each_state_appears_once_per_foreign_ministers_meeting(case):
    fmm_ids = case.meetings.loc[case.meetings.series == "foreign_ministers", "meeting_id"]
    states = case.participants[
        case.participants.country.notna() & case.participants.meeting_id.isin(fmm_ids)
    ]
    counts = states.groupby(["meeting_id", "country"], observed=True).size()
    assert (counts == 1).all()
    assert set(states["country"]) == STATES
    assert states.groupby("meeting_id", observed=True)["country"].nunique().eq(6).all()


def test_turkmenistan_sent_its_ambassador_to_almaty(case):
    p = case.participants
    row = p[(p.meeting_id == "fmm-06") & (p.country == "TKM")].iloc[0]
    assert row.level == "ambassador"
    ministers = p[(p.meeting_id == "fmm-06") & (p.level == "foreign_minister")]
    assert set(ministers["country"]) == STATES - {"TKM"}
    assert ministers["is_chair"].sum() == 1


def test_almaty_adopted_an_information_communique(case):
    docs = case.documents[case.documents.meeting_id == "fmm-06"]
    assert list(docs["kind"]) == ["communique"]
    assert "Information Communiqu" in docs.iloc[0]["title"]
    checks = case.record_checks
    assert (checks.verdict == "differs").sum() >= 5
    assert (checks.verdict == "unverified").sum() >= 5


def test_unverified_items_stay_unverified(case):
    unconfirmed = case.initiatives[case.initiatives.in_almaty_record == "unverified"]
    assert len(unconfirmed) >= 8
    sco = case.initiatives[case.initiatives.name.str.contains("Anti-Drug")]
    assert len(sco) == 1 and sco.iloc[0]["in_almaty_record"] == "unverified"
    for table in ("events", "meetings"):
        planned = case.table(table)
        planned = planned[planned.status == "planned"]
        assert (planned["confidence"] != "verified").any() or planned.empty


def test_countries_are_the_six_states_with_cow_codes(case):
    countries = case.countries.set_index("iso3")
    assert set(countries.index) == STATES
    assert countries.loc["KAZ", "cow_code"] == 705 and countries.loc["CHN", "cow_code"] == 710
    borders = set(countries.index[countries["borders_china"].fillna(False)])
    assert borders == {"KAZ", "KGZ", "TJK"}


def test_events_cover_2020_to_2027(case):
    own = case.events[case.events["scope"] == "case"]
    years = own["start_date"].dt.year
    assert years.min() == 2020 and years.max() == 2027
    background = case.events[case.events["scope"] == "background"]
    assert background["start_date"].dt.year.min() < 2020  # the context reaches back to 1992


def test_claims_are_interpretations_not_facts(case):
    claims = case.claims
    assert set(claims["source_id"]) == {"src-article"}
    assert set(claims["stance"]) == {"opportunity", "ambivalent", "risk"}
    assert claims["summary"].str.len().between(20, 300).all()
