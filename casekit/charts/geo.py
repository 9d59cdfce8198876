"""Locator map: the six states and the cities where the mechanism met.

Boundaries are Natural Earth 1:110m countries (public domain) and city coordinates are
GeoNames (CC-BY 4.0), both shipped in ``data/geo/`` (built by ``scripts/build_map.py``).
Everything is inline: the map draws offline.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from casekit import resources
from casekit.charts import theme
from casekit.charts._base import (
    ChartDataError,
    builder,
    date_column,
    finish,
    inline_values,
    optional,
    require,
    text_column,
)
from casekit.charts._spec import field, layer, layered
from casekit.charts._spec import title as title_spec
from casekit.charts.cases import case_labels, chart_per_case

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

BOUNDARIES = "central_asia_110m.geojson"
CITIES = "cities.csv"
REGION_FILL = {"central_asia": "#E8DDB5", "china": "#F3D3C4", "neighbour": "#F2F2F2"}
REGION_LABEL = {
    "central_asia": "Central Asian state",
    "china": "China",
    "neighbour": "Other country",
}
#: Where a city's label sits next to its dot: dx, dy (px), align, baseline.
LABEL_PLACE = (8, -2, "left", "middle")
#: Nudges (dx, dy in px, align, baseline) so labels of neighbouring cities do not collide.
LABEL_NUDGE = {
    "Bishkek": (-7, -3, "right", "bottom"),
    "Almaty": (7, -3, "left", "bottom"),
    "Dushanbe": (-5, 6, "right", "top"),
}
HOSTED = "Hosted a meeting"
OTHER_CITY = "Other city in the module"
#: Where to write the names of small states so they clear the city labels (lon, lat).
STATE_LABEL_AT = {"KGZ": (76.4, 40.5), "TJK": (73.4, 37.4), "TKM": (58.6, 39.9)}


class UnknownCitiesError(ChartDataError):
    """Meetings name cities the gazetteer has no coordinates for.

    Attributes
    ----------
    cities : tuple of str
        The cities without coordinates.
    known : tuple of str
        The cities the gazetteer has.
    """

    def __init__(self, cities: list[str], known: list[str], *, chart: str):
        self.cities, self.known = tuple(cities), tuple(known)
        super().__init__(
            f"{chart}(): no coordinates for {self.listing()}. Pass "
            "cities=DataFrame(city, lat, lon) with these places (the gazetteer has "
            f"{', '.join(self.known)}).",
            chart=chart,
            table="cities",
        )

    def listing(self) -> str:
        """Return the unknown cities, quoted and comma-separated."""
        return ", ".join(map(repr, self.cities))


def geo_dir() -> Path:
    """Return the folder holding the map files (source checkout or installed wheel).

    Returns
    -------
    pathlib.Path
        ``data/geo`` of a source checkout, or ``casekit/_data/geo`` inside a wheel.

    Raises
    ------
    FileNotFoundError
        If neither exists.
    """
    folder = resources.geo_dir()
    if (folder / BOUNDARIES).is_file():
        return folder
    raise FileNotFoundError(
        f"casekit's map files ({BOUNDARIES}, {CITIES}) were not found; reinstall casekit "
        "or run scripts/build_map.py in a source checkout."
    )


@lru_cache(maxsize=1)
def _boundaries_text() -> str:
    return (geo_dir() / BOUNDARIES).read_text(encoding="utf-8")


def load_boundaries() -> dict[str, Any]:
    """Return the shipped country boundaries as a GeoJSON FeatureCollection.

    Returns
    -------
    dict
        A fresh copy; properties ``iso3``, ``name``, ``region`` (``central_asia``,
        ``china``, ``neighbour``), ``label_lon``, ``label_lat``.
    """
    return json.loads(_boundaries_text())


def load_cities() -> pd.DataFrame:
    """Return the gazetteer of the module's cities (GeoNames, CC-BY 4.0).

    Returns
    -------
    pandas.DataFrame
        Columns ``city``, ``iso3``, ``lat``, ``lon``, ``geonameid``,
        ``geonames_name``, ``aliases`` (``;``-separated), ``always_shown`` (true for the
        cities the module names, drawn on every map; false for the other capitals of the
        six states, drawn only where a meeting took place) and ``source``.
    """
    return _cities_frame().copy()


@lru_cache(maxsize=1)
def _cities_frame() -> pd.DataFrame:
    return pd.read_csv(
        geo_dir() / CITIES, keep_default_na=False, dtype={"aliases": str, "source": str}
    )


@builder
def locator_map(
    meetings: pd.DataFrame,
    *,
    cities: pd.DataFrame | None = None,
    title: str = "Where the China–Central Asia mechanism has met",
) -> alt.LayerChart | alt.VConcatChart:
    """Draw a locator map of the six states with the cities where meetings took place.

    Central Asian states and China are filled (two different fills, each labelled
    with its name), neighbours are pale. Every city of the gazetteer is marked and
    named, except those whose ``always_shown`` is false and that hosted no meeting;
    cities that hosted meetings get a larger dot and the list of meetings
    (e.g. "FM 2021, FM 2023, summit 2023") in their label.

    Parameters
    ----------
    meetings : pandas.DataFrame
        casekit's ``meetings`` table or the same columns. Required: ``city``. Used
        when present: ``series``, ``start_date``, ``number``, ``status``, ``mode``.
    cities : pandas.DataFrame, optional
        A gazetteer with ``city``, ``lat``, ``lon`` (and optionally ``aliases`` and
        ``always_shown``); default: casekit's (:func:`load_cities`), which holds the
        module's cities and the capitals of the six states. Pass your own for other
        places (``casekit figures --cities FILE.csv`` adds a CSV's rows to casekit's).
    title : str
        Chart title.

    Returns
    -------
    altair.LayerChart or altair.VConcatChart
        The chart; one map per case, titled with it, when ``meetings`` holds several
        cases (a ``case`` column, as :func:`casekit.combine` gives).

    Raises
    ------
    ChartDataError
        If a column is missing, or a meeting city is not in the gazetteer.
    """
    name = "locator_map"
    require(meetings, ["city"], chart=name, table="meetings")
    gazetteer = load_cities() if cities is None else cities
    require(gazetteer, ["city", "lat", "lon"], chart=name, table="cities", argument="cities")
    cases = case_labels(meetings)
    if cases:
        return chart_per_case(
            meetings,
            cases,
            lambda part: locator_map(part, cities=cities, title=title),
            title=title,
            subtitle=f"{len(cases)} cases, one map each",
            noun="meetings",
        )
    known = [str(c) for c in gazetteer["city"]]
    tags, cityless = _meetings_by_city(meetings, _lookup(gazetteer), known)
    places = _city_rows(gazetteer, tags)
    hosted = [p for p in places if p["meetings"]]
    n_meetings = sum(p["meetings"] for p in places)
    video = len(cityless)
    subtitle = (
        f"{n_meetings} in-person meetings in {len(hosted)} cities"
        + (f"; {video} by video or with no city yet" if video else "")
        + ". Boundaries: Natural Earth (public domain); cities: GeoNames (CC-BY 4.0)."
    )
    chart = layered(
        *_state_layers(),
        *_city_layers(),
        data=inline_values(places),
        projection={"type": "mercator"},
        width=760,
        height=470,
        title=title_spec(title, subtitle=subtitle),
    )
    busiest = sorted(hosted, key=lambda p: (-p["meetings"], p["city"]))
    listing = "; ".join(f"{p['city']}: {p['tags']}" for p in busiest)
    summary = (
        f"Map of Central Asia and China with {len(places)} cities. {subtitle} By city: {listing}."
    )
    return finish(chart, summary)


def _lookup(gazetteer: pd.DataFrame) -> dict[str, str]:
    """Return every name and alias of the gazetteer's cities (case-folded) to the city."""
    known = [str(c) for c in gazetteer["city"]]
    aliases = optional(gazetteer, "aliases", "").tolist()
    lookup: dict[str, str] = {}
    for city, alias_text in zip(known, aliases, strict=True):
        lookup[city.casefold()] = city
        alias_text = "" if alias_text is None or alias_text != alias_text else str(alias_text)
        for alias in alias_text.split(";"):
            if alias.strip():
                lookup[alias.strip().casefold()] = city
    return lookup


def _meetings_by_city(
    meetings: pd.DataFrame, lookup: dict[str, str], known: list[str]
) -> tuple[dict[str, list[str]], set[tuple[str, object]]]:
    """Return each city's meeting tags in date order, and the meetings with no city.

    Raises
    ------
    ChartDataError
        If a meeting's city is not in the gazetteer.
    """
    name = "locator_map"
    starts = date_column(optional(meetings, "start_date"), chart=name, column="start_date")
    held: dict[tuple[str, str, pd.Timestamp | None], tuple[pd.Timestamp | None, str]] = {}
    cityless: set[tuple[str, object]] = set()
    unknown: set[str] = set()
    for city, series, start, status in zip(
        text_column(meetings["city"]),
        text_column(optional(meetings, "series")).fillna(""),
        [None if pd.isna(s) else s for s in starts],
        text_column(optional(meetings, "status")).fillna("held"),
        strict=True,
    ):
        key = lookup.get(city.casefold()) if city else None
        if not city:  # a meeting by video or not yet placed, counted once
            cityless.add((series, start))
        elif key is None:
            unknown.add(city)
        else:  # a meeting shared by combined cases is one meeting
            held.setdefault((key, series, start), (start, _meeting_tag(series, start, status)))
    if unknown:
        raise UnknownCitiesError(sorted(unknown), sorted(known), chart=name)
    tags: dict[str, list[str]] = {}  # per city, in date order (undated last)
    by_date = sorted(held.items(), key=lambda item: (item[1][0] is None, item[1][0] or 0))
    for (key, _, _), (_, tag) in by_date:
        tags.setdefault(key, []).append(tag)
    return tags, cityless


def _city_rows(gazetteer: pd.DataFrame, tags: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Return one row per city drawn (hosts first): its meetings, label and placement."""
    known = [str(c) for c in gazetteer["city"]]
    lats = pd.to_numeric(gazetteer["lat"], errors="coerce").tolist()
    lons = pd.to_numeric(gazetteer["lon"], errors="coerce").tolist()
    shown = [_truthy(v) for v in optional(gazetteer, "always_shown", "true").tolist()]
    places = _places(known, lats, lons, shown, tags)
    places.sort(key=lambda p: (not p["meetings"], p["city"]))
    return places


def _state_layers() -> tuple[Any, Any]:
    """Return the shipped boundaries and each state's name, written at its label point."""
    features = load_boundaries()["features"]
    for f in features:
        props = f["properties"]
        props["fill"] = REGION_FILL.get(props["region"], "#F2F2F2")
        props["label_lon"], props["label_lat"] = STATE_LABEL_AT.get(props["iso3"], _label_at(f))
    boundaries = inline_values(features)
    shapes = layer(
        {"type": "geoshape", "stroke": "white", "strokeWidth": 0.8},
        {
            "fill": field("properties.fill:N", scale=None),
            "tooltip": field("properties.name:N", title="Country"),
        },
        data=boundaries,
    )
    state_names = layer(
        {"type": "text", "fontSize": 12, "fontWeight": "bold", "color": "#6B5D3A", "opacity": 0.85},
        {
            "longitude": field("properties.label_lon:Q", title="lon"),
            "latitude": field("properties.label_lat:Q", title="lat"),
            "text": field("properties.name:N", title="name"),
        },
        transform=[{"filter": "datum.properties.region != 'neighbour'"}],
        data=boundaries,
    )
    return shapes, state_names


def _city_layers() -> tuple[Any, Any]:
    """Return the city dots (hosts large, others small) and their labels."""
    kinds = [HOSTED, OTHER_CITY]
    legend = {"title": None, "orient": "bottom"}
    lon, lat = field("lon:Q"), field("lat:Q")
    dots = layer(
        {"type": "point", "filled": True, "opacity": 1, "stroke": "white", "strokeWidth": 1},
        {
            "longitude": lon,
            "latitude": lat,
            "shape": field(
                "kind:N", scale={"domain": kinds, "range": ["circle", "square"]}, legend=legend
            ),
            "size": field("kind:N", scale={"domain": kinds, "range": [170, 60]}, legend=legend),
            "color": field(
                "kind:N",
                scale={"domain": kinds, "range": [theme.HIGHLIGHT_COLOR, "#333333"]},
                legend=legend,
            ),
            "tooltip": [
                field("city:N", title="City"),
                field("tags:N", title="Meetings"),
                field("lat:Q", format=".2f"),
                field("lon:Q", format=".2f"),
            ],
        },
    )
    # city names (and their meetings), right of the dot or nudged clear of a neighbour:
    # one text layer whose placement each row carries (align, baseline, dx, dy)
    labels = layer(
        {
            "type": "text",
            "fontSize": 12,
            "lineHeight": 14,
            "color": "#1A1A1A",
            **{prop: {"expr": f"datum.{prop}"} for prop in ("align", "baseline", "dx", "dy")},
        },
        {"longitude": lon, "latitude": lat, "text": field("label:N")},
    )
    return dots, labels


def _places(
    known: list[str],
    lats: list[float],
    lons: list[float],
    shown: list[bool],
    tags: dict[str, list[str]],
) -> list[dict[str, Any]]:
    """One row per city to draw: those with coordinates that are always shown or hosted."""
    places = []
    for city, lat, lon, always in zip(known, lats, lons, shown, strict=True):
        if lat != lat or lon != lon:  # no coordinates: not drawn
            continue
        listed = tags.get(city, [])
        if not (always or listed):  # e.g. a capital kept only to place researchers' meetings
            continue
        dx, dy, align, baseline = LABEL_NUDGE.get(city, LABEL_PLACE)
        places.append(
            {
                "city": city,
                "lat": float(lat),
                "lon": float(lon),
                "meetings": len(listed),
                "tags": ", ".join(listed),
                "kind": HOSTED if listed else OTHER_CITY,
                "label": [city, ", ".join(listed)] if listed else [city],
                "dx": dx,
                "dy": dy,
                "align": align,
                "baseline": baseline,
            }
        )
    return places


def _truthy(value: object) -> bool:
    """Read an ``always_shown`` cell: anything but false, 0, no or empty-string is true."""
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "")
    return bool(value) and value == value  # NaN is not shown


def _meeting_tag(series: str, start: pd.Timestamp | None, status: str) -> str:
    """Return e.g. "FM 2021", "summit 2023" or "meeting (planned)"."""
    kind = {"foreign_ministers": "FM", "heads_of_state": "summit"}.get(series, "meeting")
    year = f" {start.year}" if start is not None else ""
    return kind + year + ("" if status == "held" else " (planned)")


def _label_at(feature: dict[str, Any]) -> tuple[float, float]:
    return feature["properties"]["label_lon"], feature["properties"]["label_lat"]
