"""The codebook is generated from the schema and kept in sync."""

import casekit
from casekit.package.codebook import CODEBOOK_FILE, codebook_markdown
from casekit.package.schema import read_package
from tests.helpers import DATA


def test_committed_codebook_is_up_to_date():
    committed = (DATA / CODEBOOK_FILE).read_text(encoding="utf-8")
    assert committed == codebook_markdown(), "run `casekit codebook --write`"


def test_codebook_describes_every_column_of_every_table():
    schema = read_package(DATA)
    for table in schema.tables.values():
        book = casekit.codebook(table.name)
        assert list(book["column"]) == list(table.field_names)
        assert (book["description"].str.len() > 10).all(), table.name


def test_codebook_shows_order_keys_and_links():
    book = casekit.codebook("participants").set_index("column")
    assert "primary key" in book.loc["participant_id", "rules"]
    assert "refers to meetings.meeting_id" in book.loc["meeting_id", "rules"]
    assert book.loc["confidence", "allowed_values"] == "verified → partly → unverified"


def test_every_field_and_table_is_documented():
    schema = read_package(DATA)
    for table in schema.tables.values():
        assert table.title and len(table.description) > 20, table.name
        for spec in table.fields:
            assert spec.title and spec.description, f"{table.name}.{spec.name}"
