"""casekit.charts on the shipped case: valid Vega-Lite, intended encodings, small inline data."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

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
    theme,
    timeline_chart,
)

alt = pytest.importorskip("altair")


@pytest.fixture(scope="module")
def case():
    return casekit.load()


#: chart name -> (builder, fields it must encode, inline-data budget in bytes)
CHARTS: dict[str, tuple[Callable, set[str], int]] = {
    "timeline": (
        lambda c: timeline_chart(c.events),
        {"start_date", "end_date", "lane_y", "area", "status", "label"},
        40_000,
    ),
    "delegations": (
        lambda c: delegation_chart(c.participants, c.meetings, countries=c.countries),
        {"meeting", "country", "level_label", "person_short"},
        30_000,
    ),
    "area_profile": (
        lambda c: area_profile_chart(c.initiatives, c.areas),
        {"n", "label", "area_id", "record_label", "label_text", "pillar_label"},
        15_000,
    ),
    "argument_map": (
        lambda c: argument_map_chart(c.claims, c.areas),
        {"area", "stance_label", "claims", "lines", "stance_line"},
        40_000,
    ),
    "record_checks": (
        lambda c: record_checks_chart(c.record_checks),
        {"article_lines", "record_lines", "verdict", "verdict_text", "para_label"},
        40_000,
    ),
    "formats": (
        lambda c: formats_chart(c.formats),
        {"start_date", "end_date", "date", "row", "milestone", "highlight"},
        15_000,
    ),
    "locator_map": (
        lambda c: locator_map(c.meetings),
        {"lat", "lon", "label", "kind", "properties.fill"},
        60_000,
    ),
}


def encoded_fields(spec: dict) -> set[str]:
    """Every field named in any encoding (including facets) of a spec."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key in ("encoding", "facet"):
                enc = node.get(key)
                if isinstance(enc, dict):
                    items = [enc] if "field" in enc else list(enc.values())
                    for channel in items:
                        defs = channel if isinstance(channel, list) else [channel]
                        for d in defs:
                            if isinstance(d, dict) and "field" in d:
                                found.add(d["field"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in spec.items() if k != "datasets"})
    return found


@pytest.fixture(scope="module")
def specs(case):
    return {name: build(case).to_dict(validate=True) for name, (build, _, _) in CHARTS.items()}


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_is_schema_valid_and_encodes_intended_fields(name, specs):
    spec = specs[name]
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    missing = CHARTS[name][1] - encoded_fields(spec)
    assert not missing, f"{name} does not encode {missing}"


@pytest.mark.parametrize("name", list(CHARTS))
def test_inline_data_within_budget_and_offline(name, specs):
    spec = specs[name]
    size = len(json.dumps(spec.get("datasets", {})))
    assert 0 < size <= CHARTS[name][2], f"{name}: {size} bytes of inline data"
    # everything is inline: no data or script is fetched from a URL
    text = json.dumps(spec)
    assert '"url"' not in text


@pytest.mark.parametrize("name", list(CHARTS))
def test_describe_is_deterministic_and_informative(name, case):
    build = CHARTS[name][0]
    first, second = describe(build(case)), describe(build(case))
    assert first == second
    assert "Marks:" in first and "Encodings:" in first and "Data:" in first
    assert len(first) < 1500
    # describe works on the dict form too, with the same result
    assert describe(build(case).to_dict()) == first


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_composes_with_other_altair_charts(name, case):
    """A researcher can put a casekit chart beside, above or on top of their own."""
    import pandas as pd

    chart = CHARTS[name][0](case)
    own = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q")
    for composed in (chart | own, own & chart):
        spec = composed.to_dict(validate=True)
        # the description of the casekit chart travels with it into the composition
        assert chart.to_dict()["description"] in json.dumps(spec, ensure_ascii=False)
    resized = chart.properties(title="My own title").to_dict(validate=True)
    assert resized["title"] == "My own title"


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_carries_an_aria_description(name, specs):
    assert len(specs[name]["description"]) > 40


def test_timeline_highlights_the_almaty_meeting(case, specs):
    text = describe(timeline_chart(case.events))
    almaty = "6th Central Asia–China Foreign Ministers' Meeting, Almaty, 26 Apr 2025"
    assert f"Highlighted: {almaty}" in text
    spec = json.dumps(specs["timeline"])
    assert theme.HIGHLIGHT_COLOR in spec
    # no highlight when asked for none
    assert "Highlighted" not in describe(timeline_chart(case.events, highlight=None))


def test_turkmen_ambassador_stands_out(case, specs):
    rows = [r for d in specs["delegations"]["datasets"].values() for r in d]
    amb = [r for r in rows if r["meeting_id"] == "fmm-06" and r["iso3"] == "TKM"]
    assert len(amb) == 1
    assert amb[0]["level_label"] == "Ambassador" and amb[0]["outlined"] is True
    # the ambassador's colour is the warm accent, and the level is written in the cell
    assert theme.LEVEL_STYLE["ambassador"]["color"] == theme.HIGHLIGHT_COLOR
    outlined = [r for r in rows if r["outlined"]]
    assert [r["iso3"] for r in outlined] == ["TKM"]
    assert "Turkmenistan (ambassador, 6th · 2025 Almaty)" in describe(
        delegation_chart(case.participants, case.meetings, countries=case.countries)
    )


def test_area_colours_are_the_fixed_palette_everywhere(specs):
    def scales(node):
        if isinstance(node, dict):
            if isinstance(node.get("scale"), dict) and "range" in node["scale"]:
                yield node.get("field"), node["scale"]
            for value in node.values():
                yield from scales(value)
        elif isinstance(node, list):
            for value in node:
                yield from scales(value)

    by_label = {theme.area_label(a): c for a, c in theme.AREA_COLORS.items()}
    checked = 0
    for name in ("timeline", "argument_map", "area_profile"):
        for field, scale in scales(specs[name]):
            if field not in ("area", "area_id"):
                continue
            for value, colour in zip(scale["domain"], scale["range"], strict=True):
                expected = theme.AREA_COLORS.get(value) or by_label.get(value)
                if expected:
                    assert colour == expected, (name, value)
                    checked += 1
    assert checked >= 9
    assert len(set(theme.AREA_COLORS.values())) == len(theme.AREA_ORDER) == 9
    assert len(set(theme.AREA_SHAPES.values())) == 9


def test_never_colour_alone(specs):
    """Each colour-coded chart also writes its categories (text) or varies shape."""
    for name in ("timeline", "delegations", "record_checks", "formats", "locator_map"):
        spec = json.dumps(specs[name])
        assert '"shape"' in spec or '"text"' in spec, name


def test_building_charts_changes_no_global_state(case):
    before = (alt.theme.active, alt.renderers.active, alt.data_transformers.active)
    for build, _, _ in CHARTS.values():
        build(case)
    assert (alt.theme.active, alt.renderers.active, alt.data_transformers.active) == before


def test_import_casekit_and_charts_does_not_import_altair():
    code = (
        "import sys, casekit, casekit.charts, casekit.theme, casekit.notebook;"
        "print('altair' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
