"""Area profile and locator map built from Vega-Lite dicts (issue 3): one table per kind of
data, encodings shared rather than repeated, zero-initiative areas written as such."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import casekit
from casekit.charts import area_profile_chart, describe, locator_map


@pytest.fixture(scope="module")
def case():
    return casekit.load()


def test_area_profile_one_table_shared_axis(case):
    own = case.initiatives[case.initiatives["scope"] == "case"]  # background rows have no area
    chart = area_profile_chart(own, case.areas)
    spec = chart.to_dict(validate=True)
    (rows,) = spec["datasets"].values()  # segments and labels in one table
    segments = [r for r in rows if r["row_kind"] == "segment"]
    labels = [r for r in rows if r["row_kind"] == "total"]
    assert sum(r["n"] for r in segments) == len(own)
    assert len(labels) == len(case.areas)
    inner = spec["spec"]
    assert set(inner["encoding"]) == {"y"}  # the area axis is given once, on the layer
    assert [sorted(layer["encoding"]) for layer in inner["layer"]] == [
        ["color", "opacity", "order", "tooltip", "x"],
        ["text", "x"],
    ]
    assert spec["facet"]["row"]["field"] == "pillar_label"
    assert "Data: 23 rows." in describe(chart)


def test_area_profile_zero_areas_are_written_as_none(case):
    few = case.initiatives[case.initiatives["area_id"].isin(["security", "energy"])]
    chart = area_profile_chart(few, case.areas)
    (rows,) = chart.to_dict(validate=True)["datasets"].values()
    labels = {r["label"]: r["label_text"] for r in rows if r["row_kind"] == "total"}
    assert len(labels) == len(case.areas)  # every area keeps its row
    assert labels["Culture"] == "0 (none)"
    assert labels["Energy"] == "1"
    text = describe(chart)
    assert f"{len(few)} initiatives in 2 areas" in text and "Culture 0" in text


def test_area_profile_without_pillars_is_one_layer_chart():
    chart = area_profile_chart(pd.DataFrame({"area_id": ["energy", "energy", "space"]}))
    spec = chart.to_dict(validate=True)
    assert "facet" not in spec and len(spec["layer"]) == 2
    assert spec["encoding"]["y"]["field"] == "label"


def test_locator_map_two_tables_four_layers(case):
    chart = locator_map(case.meetings)
    spec = chart.to_dict(validate=True)
    sizes = sorted(len(v) for v in spec["datasets"].values())
    assert sizes == [7, 35]  # the cities, the boundaries; nothing else
    assert spec["projection"] == {"type": "mercator"}  # once, for every layer
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["geoshape", "text", "point", "text"]
    assert not any("projection" in layer for layer in spec["layer"])
    text = describe(chart)
    assert "Data: 2 tables of 7, 35 rows." in text
    assert "lon from 68.78 to 108.9" in text  # the cities only, not where names are written


def test_locator_map_labels_carry_their_placement(case):
    spec = locator_map(case.meetings).to_dict(validate=True)
    cities = next(v for v in spec["datasets"].values() if len(v) == 7)
    place = {r["city"]: (r["dx"], r["dy"], r["align"], r["baseline"]) for r in cities}
    assert place["Almaty"] == (7, -3, "left", "bottom")
    assert place["Urumqi"] == (8, -2, "left", "middle")
    labels = spec["layer"][3]["mark"]
    assert labels["dx"] == {"expr": "datum.dx"} and labels["align"] == {"expr": "datum.align"}
    states = spec["layer"][1]
    assert states["transform"] == [{"filter": "datum.properties.region != 'neighbour'"}]


def test_locator_map_state_names_where_they_clear_the_cities(case):
    spec = locator_map(case.meetings).to_dict(validate=True)
    boundaries = next(v for v in spec["datasets"].values() if len(v) == 35)
    at = {
        f["properties"]["iso3"]: (f["properties"]["label_lon"], f["properties"]["label_lat"])
        for f in boundaries
    }
    assert at["KGZ"] == (76.4, 40.5)
    # a fresh copy every time: the shipped boundaries are not changed
    assert "fill" not in json.dumps(casekit.charts.geo.load_boundaries())
