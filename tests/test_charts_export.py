"""Static export (save, ``casekit figures``), the notebook setup() call and the map files."""

from __future__ import annotations

import base64
import csv
import html
import itertools
import json

import pytest

import casekit
from casekit.charts import describe, formats_chart, load_boundaries, load_cities, save
from casekit.charts.figures import FIGURES
from casekit.charts.geo import geo_dir
from casekit.cli import main

alt = pytest.importorskip("altair")
pytest.importorskip("vl_convert")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def case():
    return casekit.load()


def test_save_writes_png_and_svg_deterministically(case, tmp_path):
    chart = formats_chart(case.formats)
    png = save(chart, tmp_path / "a" / "formats.png")
    svg = save(chart, tmp_path / "formats.svg")
    assert png.read_bytes().startswith(PNG_MAGIC)
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "China" in text
    # the aria description reaches the SVG for screen readers
    assert "aria-label" in text and "formats" in text
    # the theme is applied to exports (font) without touching altair's global theme
    assert "Liberation Sans" in text and alt.theme.active != "casekit"
    again = save(chart, tmp_path / "again.svg")
    assert again.read_text(encoding="utf-8") == text


def test_save_refuses_unknown_suffix(case, tmp_path):
    with pytest.raises(ValueError, match=r"png, svg, pdf"):
        save(formats_chart(case.formats), tmp_path / "chart.gif")


def test_figures_command_writes_every_figure(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["figures", str(out), "--formats", "svg"]) == 0
    for name in FIGURES:
        svg = out / f"{name}.svg"
        assert svg.is_file() and svg.stat().st_size > 5_000, name
    notes = (out / "descriptions.md").read_text(encoding="utf-8")
    assert all(f"## {name}" in notes for name in FIGURES)
    assert "Highlighted: 6th Central Asia–China Foreign Ministers' Meeting" in notes
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == len(FIGURES) + 1


def test_figures_command_png_and_bad_arguments(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["figures", str(out), "--only", "delegations"]) == 0
    assert (out / "delegations.png").read_bytes().startswith(PNG_MAGIC)
    assert (out / "delegations.svg").is_file()
    assert not (out / "timeline.png").exists()
    assert main(["figures", str(out), "--formats", "gif"]) == 2
    assert main(["figures", str(out), "--only", "pie"]) == 2
    err = capsys.readouterr().err
    assert "gif" in err and "pie" in err


@pytest.fixture
def restore_altair():
    before = (alt.renderers.active, alt.theme.active)
    yield
    alt.renderers.enable(before[0])
    alt.theme.enable(before[1])


def test_setup_enables_offline_svg_and_the_theme(case, restore_altair):
    from casekit.charts.render import setup

    note = setup()
    assert alt.renderers.active == "casekit-svg" and alt.theme.active == "casekit"
    assert "offline" in note
    spec = formats_chart(case.formats).to_dict()
    bundle = alt.renderers.get()(spec)
    # An <img> of the SVG (JupyterLab shows it in untrusted notebooks), described in text.
    prefix = '<img src="data:image/svg+xml;base64,'
    assert bundle["text/html"].startswith(prefix)
    encoded = bundle["text/html"][len(prefix) :].split('"', 1)[0]
    svg = base64.b64decode(encoded).decode("utf-8")
    assert svg.startswith("<svg") and "Liberation Sans" in svg
    assert bundle["text/plain"] == describe(spec)
    first_line = describe(spec).split("\n", 1)[0]
    assert html.escape(first_line, quote=True) in bundle["text/html"]  # the alt text
    # deterministic output, which nbval compares
    assert alt.renderers.get()(formats_chart(case.formats).to_dict()) == bundle


def test_setup_interactive_offline_and_bad_name(restore_altair):
    from casekit.charts.render import setup

    setup("jupyter")
    assert alt.renderers.active == "jupyter"
    assert alt.renderers.options.get("offline") is True
    with pytest.raises(ValueError, match="svg, png, jupyter"):
        setup("html")


# --- the shipped map files ---------------------------------------------------------------


def test_boundaries_are_small_and_hold_the_six_states():
    path = geo_dir() / "central_asia_110m.geojson"
    assert path.stat().st_size < 100_000
    features = load_boundaries()["features"]
    regions = {f["properties"]["iso3"]: f["properties"]["region"] for f in features}
    assert {k for k, v in regions.items() if v == "central_asia"} == {
        "KAZ",
        "KGZ",
        "TJK",
        "TKM",
        "UZB",
    }
    assert regions["CHN"] == "china"


def _area(ring):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring)) / 2


def test_boundary_rings_are_wound_for_d3():
    """Exterior rings clockwise, holes anticlockwise: otherwise Vega fills the globe."""
    for feature in load_boundaries()["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for polygon in polygons:
            assert _area(polygon[0]) < 0, feature["properties"]["name"]
            for hole in polygon[1:]:
                assert _area(hole) > 0


def test_city_gazetteer_has_sources_the_seven_cities_and_the_six_capitals():
    cities = load_cities()
    assert set(cities.loc[cities["always_shown"], "city"]) == {
        "Almaty",
        "Astana",
        "Xi'an",
        "Chengdu",
        "Urumqi",
        "Dushanbe",
        "Bishkek",
    }
    assert set(cities.loc[~cities["always_shown"], "city"]) == {"Ashgabat", "Tashkent", "Beijing"}
    assert cities["source"].str.contains("GeoNames").all()
    assert cities["source"].str.contains("CC-BY 4.0").all()
    assert cities["lat"].between(25, 55).all() and cities["lon"].between(55, 120).all()
    readme = (geo_dir() / "README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in readme and "public domain" in readme
    assert "GeoNames" in readme and "CC-BY 4.0" in readme
    with open(geo_dir() / "cities.csv", newline="", encoding="utf-8") as handle:
        assert "source" in next(csv.reader(handle))


def test_map_inline_data_is_offline(case):
    spec = casekit.charts.locator_map(case.meetings).to_dict()
    assert "url" not in json.dumps(spec)
