"""The C5+X dataset (data/c5x): every row sourced, dates and levels as the source sheet
gives them, disagreements recorded, the GCC corrections held, one rule for every format.

The source sheet's rows are transcribed in ``tests/c5x_material.py`` (a checked list);
each meeting row must match exactly one of them, so none is invented or dropped.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import casekit
from casekit.package.schema import read_package
from casekit.resources import data_root as builtin_root
from tests.c5x_material import ROWS

C5X = builtin_root() / "c5x"
SECTION_FORMAT = {
    1: "c5-usa",
    2: "c5-eu",
    3: "c5-rus",
    5: "c5-jpn",
    6: "c5-kor",
    7: "c5-ind",
    8: "c5-deu",
    9: "c5-gcc",
    10: "c5-ita",
    11: "c5-fra",
    12: "c5-gbr",
    13: "c5-aze",
    14: "c5-las",
}


@pytest.fixture(scope="module")
def c5x():
    return casekit.load("c5x")


@pytest.fixture(scope="module")
def almaty():
    return casekit.load()


@pytest.fixture(scope="module")
def sheet_rows(c5x):
    """Each format_meetings row (China's left out) with its source-sheet row."""

    def locator(r):
        return f"c5x sheet §{r[0]}: {r[1] if r[1] == 'Summit plan' else r[1].split(' ')[0]}"

    material = {(locator(r), SECTION_FORMAT[r[0]]): r for r in ROWS}
    meetings = c5x.format_meetings
    pairs = []
    for row in meetings[meetings.format_id != "c5-chn"].itertuples():
        pairs.append((row, material[row.locator, row.format_id]))
    return pairs


def _level(cell: str) -> str:
    """The coding rule of the codebook, applied to the sheet's level cell."""
    c = cell.lower()
    if c.startswith("heads of state"):
        return "heads_of_state"
    if c.startswith("not stated"):
        return ""
    if "under secretary" in c or "deputy nsa" in c:
        return "other"
    return "foreign_ministers" if c.startswith("fm") else "other"


def _date(cell: str) -> tuple[str, str, str]:
    if cell == "Summit plan":  # the Korean summit: "September 16-17, 2026"
        return "2026-09-16", "2026-09-17", "day"
    y, mo, d, d2 = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:/(\d\d))?", cell).groups()
    if d:
        return f"{y}-{mo}-{d}", f"{y}-{mo}-{d2 or d}", "day"
    return (f"{y}-{mo}-01", "", "month") if mo else (f"{y}-01-01", "", "year")


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def _day(value) -> str:
    return "" if pd.isna(value) else value.strftime("%Y-%m-%d")


def test_the_standard_validator_accepts_the_dataset():
    from frictionless import validate

    report = validate(str(C5X / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_loads_with_one_call_and_is_not_a_case(c5x):
    assert c5x.name == "casekit-c5x"
    assert c5x.table_names == (
        "sources",
        "formats",
        "format_meetings",
        "format_meeting_sources",
        "format_checks",
    )
    assert "c5x" not in casekit.builtin_cases()


def test_every_sheet_row_is_one_meeting_and_nothing_is_added(c5x, sheet_rows):
    assert len(sheet_rows) == len(ROWS) == 89
    assert len({id(pair[1]) for pair in sheet_rows}) == len(ROWS)
    assert len(c5x.format_meetings) == 89 + 10  # and China's ten from the fact sheet


def test_dates_levels_places_and_confidence_match_the_sheet(sheet_rows):
    for row, (_sec, date, level, place, ordinal, _out, _urls, confidence) in sheet_rows:
        start, end, precision = _date(date)
        assert (_day(row.start_date), _day(row.end_date), row.date_precision) == (
            start,
            end,
            precision,
        ), row.meeting_id
        assert _text(row.level) == _level(level), row.meeting_id
        assert row.level_as_stated == level
        if _text(row.city):
            assert _text(row.city).split(" ")[0] in place, row.meeting_id
        if _text(row.ordinal_as_stated):
            assert ordinal.replace("**", "").startswith(_text(row.ordinal_as_stated))
        else:
            assert ordinal == "—", row.meeting_id
        assert row.confidence == confidence, row.meeting_id


def test_every_page_the_sheet_names_is_a_source_of_its_meeting(c5x, sheet_rows):
    url = dict(zip(c5x.sources.source_id, c5x.sources.url, strict=True))
    links = c5x.format_meeting_sources
    for row, material in sheet_rows:
        urls = material[6]
        assert url[row.source_id] == urls[0], row.meeting_id  # the first page is the main one
        mine = {url[s] for s in links[links.meeting_id == row.meeting_id].source_id}
        assert mine == set(urls), row.meeting_id


def test_every_row_has_a_source_locator_and_confidence(c5x):
    known = set(c5x.sources.source_id)
    for name in ("formats", "format_meetings", "format_checks"):
        frame = c5x[name]
        assert frame.source_id.isin(known).all(), name
        assert frame.locator.str.match(r"^(c5x sheet §\d+: |fact sheet §\d)").all(), name
        assert frame.confidence.notna().all(), name
    used = set(c5x.format_meeting_sources.source_id)
    used |= set(c5x.format_checks.other_source_id.dropna())
    used |= set(c5x.formats.source_id) | set(c5x.format_checks.source_id)
    assert set(c5x.sources.source_id) == used  # every source is used


def test_chinas_rows_restate_the_almaty_case(c5x, almaty):
    china = c5x.format_meetings[c5x.format_meetings.format_id == "c5-chn"]
    case = almaty.meetings.set_index("meeting_id")
    assert sorted(china.case_meeting_id) == sorted(case.index)
    for row in china.itertuples():
        src = case.loc[row.case_meeting_id]
        assert row.start_date == src.start_date and row.status == src.status
        assert _text(row.city) == _text(src.city)
        assert row.source_id == src.source_id and row.locator == src.locator
        level = "foreign_ministers" if src.series == "foreign_ministers" else "heads_of_state"
        assert row.level == level
        titles = almaty.documents[almaty.documents.meeting_id == row.case_meeting_id].title
        assert _text(row.outcome_document) == "; ".join(titles)


def test_shared_sources_are_the_same_pages_in_both_packages(c5x, almaty):
    columns = ["title", "publisher", "url", "language", "kind"]
    mine = c5x.sources.set_index("source_id")[columns].astype(str)
    theirs = almaty.sources.set_index("source_id")[columns].astype(str)
    shared = mine.index.intersection(theirs.index)
    assert len(shared) >= 20
    pd.testing.assert_frame_equal(mine.loc[shared], theirs.loc[shared])


def test_formats_schema_is_the_same_in_both_descriptors():
    mine = read_package(C5X).table("formats")
    theirs = read_package(builtin_root()).table("formats")
    assert theirs.path == "c5x/formats.csv"  # one copy of the rows
    assert mine.fields == theirs.fields
    assert mine.primary_key == theirs.primary_key


def test_status_says_as_of_when(c5x):
    meetings = c5x.format_meetings
    held = meetings.status == "held"
    assert meetings.loc[held, "status_as_of"].isna().all()
    assert meetings.loc[~held, "status_as_of"].notna().all()
    statuses = dict(zip(meetings.meeting_id, meetings.status, strict=True))
    assert statuses["fm-jpn-10"] == "cancelled"  # Astana, 9 August 2024
    assert statuses["fm-kor-11"] == "planned"  # 16-17 September 2026
    assert statuses["fm-rus-02"] == statuses["fm-rus-05"] == "announced"  # no report after


def test_gcc_corrections_hold(c5x, almaty):
    m = c5x.format_meetings.set_index("meeting_id")
    riyadh, jeddah, samarkand = m.loc["fm-gcc-01"], m.loc["fm-gcc-02"], m.loc["fm-gcc-05"]
    assert (riyadh.city, _day(riyadh.start_date)) == ("Riyadh", "2022-09-07")
    assert "Joint Action Plan 2023–2027" in riyadh.outcome_document
    assert "refers to" in jeddah.outcome_document  # the summit did not adopt the plan
    assert (samarkand.status, samarkand.city, _day(samarkand.start_date)) == (
        "postponed",
        "Samarkand",
        "2025-05-05",
    )
    gcc = almaty.formats.set_index("format_id").loc["c5-gcc"]
    assert _day(gcc.start_date) == "2022-09-07" and gcc.start_precision == "day"
    assert "adopted the Joint Action Plan 2023–2027 at the first ministerial" in gcc.notes
    assert "postponed" in gcc.notes
    everything = " ".join(
        " ".join(map(str, frame.astype(str).to_numpy().ravel()))
        for case in (c5x, almaty)
        for frame in (case[name] for name in case.table_names if name != "format_checks")
    )
    assert "summit adopted a Joint Action Plan" not in everything


def test_disagreements_are_recorded_not_picked_silently(c5x):
    checks = c5x.format_checks
    recorded = set(zip(checks.meeting_id, checks.aspect, strict=True))
    # the sheet's list of discrepancies, and the rows whose confidence names one
    for key in [
        ("fm-gcc-01", "outcome_document"),
        ("fm-gcc-05", "status"),
        ("fm-rus-01", "ordinal"),
        ("fm-eu-04", "date"),
        ("fm-usa-13", "ordinal"),
        ("fm-eu-18", "date"),
        ("fm-gcc-05", "place"),
        ("fm-usa-04", "date"),
        ("fm-usa-11", "attendance"),
        ("fm-ind-05", "attendance"),
    ]:
        assert key in recorded, key
    disagreeing = c5x.format_meeting_sources.query("role == 'disagreeing'")
    assert set(disagreeing.meeting_id) <= set(checks.meeting_id)
    assert set(disagreeing.source_id) <= set(checks.other_source_id.dropna())
    meetings = c5x.format_meetings.set_index("meeting_id")
    for check in checks[checks.resolution == "unresolved"].itertuples():
        row = meetings.loc[check.meeting_id]  # partly, or the disputed value left uncoded
        uncoded = check.aspect == "attendance" and pd.isna(row.tkm_represented_by)
        assert row.confidence == "partly" or uncoded, check.check_id


def test_formats_follow_from_their_meetings_by_one_rule(c5x):
    meetings = c5x.format_meetings
    held = meetings[meetings.status == "held"].sort_values("start_date")
    for fmt in c5x.formats.itertuples():
        mine = held[held.format_id == fmt.format_id]
        first = mine.iloc[0]
        assert fmt.start_date == first.start_date
        # the fact sheet's page where it dates the start the same way, else the meeting's
        assert fmt.source_id == first.source_id or fmt.locator.startswith("fact sheet §5")
        assert fmt.recent_date == mine.start_date.max()
        leaders = mine[mine.level == "heads_of_state"]
        if leaders.empty:
            assert pd.isna(fmt.first_summit_date), fmt.format_id
        else:
            assert fmt.first_summit_date == leaders.start_date.min(), fmt.format_id
    summits = c5x.formats.set_index("format_id")
    # the same kind of event coded the same way: both virtual summits of January 2022
    assert summits.loc["c5-chn", "first_summit_place"] == "virtual"
    assert summits.loc["c5-ind", "first_summit_place"] == "virtual"
    assert summits.loc["c5-rus", "start_basis"] == "earliest_found"
    assert (summits.drop("c5-rus").start_basis == "first_meeting").all()


def test_every_partner_of_the_sheet_has_a_format(c5x):
    formats = c5x.formats.set_index("format_id")
    assert len(formats) == 14
    assert set(formats[~formats.classic_c5plus1].index) == {"c5-aze", "c5-las"}
    assert set(formats[formats.partner_kind == "organisation"].index) == {
        "c5-eu",
        "c5-gcc",
        "c5-las",
    }
    assert formats.loc[formats.partner_kind == "state", "partner_iso3"].notna().all()


def test_turkmenistan_codes_come_from_the_level_cell(sheet_rows):
    for row, material in sheet_rows:
        if _text(row.tkm_represented_by):
            # named (TM, Turkmen...), or left out of a list of the other four
            assert re.search(r"\bTM\b|Turkmen|lists KZ, KG, TJ, UZ", material[2]), row.meeting_id


def test_known_gaps_are_listed_in_the_readme():
    readme = (C5X / "README.md").read_text(encoding="utf-8")
    gaps = readme.split("## Known gaps", 1)[1]
    for partner in ["US", "EU", "Russia", "China", "Japan", "Korea", "India", "Germany", "GCC"]:
        assert f"**{partner}:**" in gaps, partner
    for partner in ["Italy", "France", "United Kingdom", "Turkey"]:
        assert partner in gaps, partner


def test_committed_codebook_and_citation_are_there():
    from casekit.codebook import CODEBOOK_FILE, codebook_markdown

    assert (C5X / CODEBOOK_FILE).read_text(encoding="utf-8") == codebook_markdown(C5X)
    citation = (C5X / "CITATION.cff").read_text(encoding="utf-8")
    assert "type: dataset" in citation and "version: 1.0.0" in citation


def test_the_transcription_matches_the_source_sheet():
    """tests/c5x_material.py is the sheet's table rows, cell for cell (excerpts left out)."""
    from tests.helpers import reference_file

    text = reference_file("c5x.md").read_text(encoding="utf-8")
    parsed = []
    for section in re.split(r"\n## ", text):
        heading = re.match(r"(\d+)\. ", section)
        if not heading:
            continue
        for line in section.splitlines():
            if not line.startswith("| ") or line.startswith(("| date", "|---")):
                continue
            date, level, place, ordinal, outcome, src, _excerpt, conf = [
                c.strip() for c in line.strip().strip("|").split(" | ")
            ]
            urls = tuple(u.rstrip(".,") for u in re.findall(r"https?://[^\s;)]+", src + " " + conf))
            lowest = "partly" if "partly" in conf else "verified"
            parsed.append(
                (int(heading.group(1)), date, level, place, ordinal, outcome, urls, lowest)
            )
    assert parsed == ROWS


def test_cite_names_the_dataset_first_and_every_page_a_check_uses():
    text = casekit.cite("format_checks", case="c5x")
    first, second = text.splitlines()[:2]
    assert first.startswith("casekit contributors (2026). C5+X: Central Asia's meetings")
    assert "casekit-c5x, version 1.0.0" in first and second.startswith("casekit contributors")
    checks = casekit.load("c5x").format_checks
    for source in set(checks.source_id) | set(checks.other_source_id.dropna()):
        assert f"[{source}]" in text
    assert not casekit.cite("meetings").startswith("casekit contributors (2026). C5+X")
