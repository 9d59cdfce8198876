"""casekit.load(): typed tables from the shipped data package."""

import pandas as pd
import pytest

import casekit
from casekit.package.schema import read_package
from tests.helpers import DATA

SCHEMA = read_package(DATA)


@pytest.fixture(scope="module")
def case():
    return casekit.load()


def test_every_table_in_the_schema_is_loaded(case):
    assert case.table_names == tuple(SCHEMA.tables)
    expected = {
        "sources",
        "countries",
        "meetings",
        "participants",
        "documents",
        "areas",
        "events",
        "initiatives",
        "claims",
        "record_checks",
        "formats",
    }
    assert expected <= set(case.table_names)


def test_tables_are_attributes_and_items(case):
    assert case.meetings is case["meetings"] is case.table("meetings")
    with pytest.raises(AttributeError, match="tables: sources"):
        case.no_such_table  # noqa: B018
    with pytest.raises(KeyError, match="the tables are"):
        case.table("meeting")


@pytest.mark.parametrize("table", sorted(SCHEMA.tables))
def test_dtypes_follow_the_schema(case, table):
    frame = case.table(table)
    assert list(frame.columns) == list(SCHEMA.table(table).field_names)
    for spec in SCHEMA.table(table).fields:
        dtype = frame[spec.name].dtype
        if spec.type == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype), spec.name
        elif spec.enum is not None:
            assert isinstance(dtype, pd.CategoricalDtype), spec.name
            assert list(dtype.categories) == list(spec.enum)
            assert dtype.ordered == spec.ordered
        elif spec.type == "integer":
            assert dtype == "Int64", spec.name
        elif spec.type == "boolean":
            assert dtype == "boolean", spec.name
        elif spec.type == "number":
            assert dtype == "Float64", spec.name
        else:
            assert dtype == "string", spec.name


def test_ordered_categories_compare(case):
    confidence = case.meetings["confidence"]
    assert confidence.cat.ordered
    assert list(confidence.cat.categories) == ["verified", "partly", "unverified"]
    assert (confidence <= "partly").any()


def test_tables_listing(case):
    listing = casekit.tables()
    assert list(listing["table"]) == list(case.table_names)
    assert (listing["rows"] > 0).all()
    assert listing.loc[listing.table == "meetings", "rows"].item() == len(case.meetings)


def test_repr_names_tables_and_sizes(case):
    text = repr(case)
    assert "meetings (" in text and "casekit-almaty-2025" in text


def test_load_accepts_the_descriptor_path(case):
    again = casekit.load(DATA / "datapackage.json")
    pd.testing.assert_frame_equal(again.events, case.events)


def test_each_load_returns_independent_frames(case):
    first = casekit.load()
    first.meetings.loc[0, "name"] = "changed"
    assert casekit.load().meetings.loc[0, "name"] != "changed"
