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

from casekit import theme
from casekit.charts._base import (
    ChartDataError,
    altair,
    builder,
    date_column,
    finish,
    inline,
    inline_values,
    int_column,
    optional,
    require,
    text_column,
)

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

BOUNDARIES = "central_asia_110m.geojson"
CITIES = "cities.csv"
REGION_FILL = {"central_asia": "#E8DDB5", "china": "#F3D3C4", "neighbour": "#F2F2F2"}
REGION_LABEL = {"central_asia": "Central Asian state", "china": "China",
                "neighbour": "Other country"}
#: Nudges (dx, dy in px) so labels of neighbouring cities do not collide.
LABEL_NUDGE = {"Bishkek": (-7, -3, "right", "bottom"), "Almaty": (7, -3, "left", "bottom"),
               "Dushanbe": (-5, 6, "right", "top")}
#: Where to write the names of small states so they clear the city labels (lon, lat).
STATE_LABEL_AT = {"KGZ": (76.4, 40.5), "TJK": (73.4, 37.4), "TKM": (58.6, 39.9)}


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
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data" / "geo", here.parent / "data" / "geo"):
        if (candidate / BOUNDARIES).is_file():
            return candidate
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
        ``geonames_name``, ``aliases`` (``;``-separated), ``source``.
    """
    return pd.read_csv(geo_dir() / CITIES, keep_default_na=False,
                       dtype={"aliases": str, "source": str})


@builder
def locator_map(
    meetings: pd.DataFrame,
    *,
    cities: pd.DataFrame | None = None,
    title: str = "Where the China–Central Asia mechanism has met",
) -> alt.LayerChart:
    """Draw a locator map of the six states with the cities where meetings took place.

    Central Asian states and China are filled (two different fills, each labelled
    with its name), neighbours are pale. Every city in the gazetteer is marked and
    named; cities that hosted meetings get a larger dot and the list of meetings
    (e.g. "FM 2021, FM 2023, summit 2023") in their label.

    Parameters
    ----------
    meetings : pandas.DataFrame
        casekit's ``meetings`` table or the same columns. Required: ``city``. Used
        when present: ``series``, ``start_date``, ``number``, ``status``, ``mode``.
    cities : pandas.DataFrame, optional
        A gazetteer with ``city``, ``lat``, ``lon`` (and optionally ``aliases``);
        default: casekit's (:func:`load_cities`). Pass your own for other places.
    title : str
        Chart title.

    Returns
    -------
    altair.LayerChart
        The chart.

    Raises
    ------
    ChartDataError
        If a column is missing, or a meeting city is not in the gazetteer.
    """
    alt = altair()
    name = "locator_map"
    require(meetings, ["city"], chart=name, table="meetings")
    gazetteer = load_cities() if cities is None else cities
    require(gazetteer, ["city", "lat", "lon"], chart=name, table="cities", argument="cities")
    lookup: dict[str, str] = {}
    for row in gazetteer.itertuples():
        lookup[str(row.city).casefold()] = str(row.city)
        for alias in str(getattr(row, "aliases", "") or "").split(";"):
            if alias.strip():
                lookup[alias.strip().casefold()] = str(row.city)
    met = pd.DataFrame(
        {
            "city": text_column(meetings["city"]).replace("", None),
            "series": text_column(optional(meetings, "series")).fillna(""),
            "start": date_column(optional(meetings, "start_date"), chart=name,
                                 column="start_date"),
            "status": text_column(optional(meetings, "status")).fillna("held"),
        }
    )
    # meetings without a city (video, or not yet placed), each counted once
    cityless = met[met["city"].isna()].drop_duplicates(["series", "start"])
    met = met.dropna(subset=["city"])
    met["city_key"] = met["city"].map(lambda c: lookup.get(c.casefold()))
    unknown = sorted(set(met.loc[met["city_key"].isna(), "city"]))
    if unknown:
        raise ChartDataError(
            f"{name}(): no coordinates for {', '.join(map(repr, unknown))}. Pass "
            "cities=DataFrame(city, lat, lon) with these places (casekit's gazetteer has "
            f"{', '.join(sorted(gazetteer['city'].astype(str)))}).",
            chart=name,
            table="cities",
        )
    # a meeting shared by combined cases is one meeting
    met = met.drop_duplicates(["city_key", "series", "start"]).sort_values("start")
    met["tag"] = [
        ("FM" if s == "foreign_ministers" else "summit" if s == "heads_of_state" else "meeting")
        + (f" {d.year}" if pd.notna(d) else "")
        + ("" if st == "held" else " (planned)")
        for s, d, st in zip(met["series"], met["start"], met["status"], strict=True)
    ]
    per_city = met.groupby("city_key").agg(meetings=("tag", "size"), tags=("tag", ", ".join))
    places = pd.DataFrame(
        {
            "city": gazetteer["city"].astype(str),
            "lat": pd.to_numeric(gazetteer["lat"], errors="coerce"),
            "lon": pd.to_numeric(gazetteer["lon"], errors="coerce"),
        }
    ).dropna()
    places = places.merge(per_city, left_on="city", right_index=True, how="left")
    places["meetings"] = int_column(places["meetings"]).fillna(0).astype(int)
    places["tags"] = places["tags"].fillna("")
    places["hosted"] = places["meetings"] > 0
    places["kind"] = places["hosted"].map(
        {True: "Hosted a meeting", False: "Other city in the module"}
    )
    places["label"] = [
        [c, t] if t else [c] for c, t in zip(places["city"], places["tags"], strict=True)
    ]
    places = places.sort_values(["hosted", "city"], ascending=[False, True]).reset_index(drop=True)

    boundaries = load_boundaries()
    features = boundaries["features"]
    for f in features:
        f["properties"]["fill"] = REGION_FILL.get(f["properties"]["region"], "#F2F2F2")
    countries = inline_values(features)
    states = pd.DataFrame(
        [
            {
                "name": f["properties"]["name"],
                "lon": STATE_LABEL_AT.get(f["properties"]["iso3"], _label_at(f))[0],
                "lat": STATE_LABEL_AT.get(f["properties"]["iso3"], _label_at(f))[1],
            }
            for f in features
            if f["properties"]["region"] != "neighbour"
        ]
    )
    projection = {"type": "mercator"}
    shapes = alt.Chart(countries).mark_geoshape(stroke="white", strokeWidth=0.8).encode(
        fill=alt.Fill("properties.fill:N", scale=None),
        tooltip=alt.Tooltip("properties.name:N", title="Country"),
    ).project(**projection)
    state_names = alt.Chart(inline(states)).mark_text(
        fontSize=12, fontWeight="bold", color="#6B5D3A", opacity=0.85
    ).encode(
        longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), text=alt.Text("name:N")
    ).project(**projection)
    dots = alt.Chart(inline(places)).mark_point(filled=True, opacity=1, stroke="white",
                                        strokeWidth=1).encode(
        longitude=alt.Longitude("lon:Q"),
        latitude=alt.Latitude("lat:Q"),
        shape=alt.Shape("kind:N", scale=alt.Scale(
            domain=["Hosted a meeting", "Other city in the module"], range=["circle", "square"]),
            legend=alt.Legend(title=None, orient="bottom")),
        size=alt.Size("kind:N", scale=alt.Scale(
            domain=["Hosted a meeting", "Other city in the module"], range=[170, 60]),
            legend=alt.Legend(title=None, orient="bottom")),
        color=alt.Color("kind:N", scale=alt.Scale(
            domain=["Hosted a meeting", "Other city in the module"],
            range=[theme.HIGHLIGHT_COLOR, "#333333"]), legend=alt.Legend(title=None,
                                                                         orient="bottom")),
        tooltip=[alt.Tooltip("city:N", title="City"),
                 alt.Tooltip("tags:N", title="Meetings"),
                 alt.Tooltip("lat:Q", format=".2f"), alt.Tooltip("lon:Q", format=".2f")],
    ).project(**projection)
    label_layers = []
    nudged = set(LABEL_NUDGE)
    rest = places[~places["city"].isin(nudged)]
    label_layers.append(
        alt.Chart(inline(rest)).mark_text(align="left", dx=8, dy=-2, fontSize=12, lineHeight=14,
                                  baseline="middle", color="#1A1A1A").encode(
            longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"),
            text=alt.Text("label:N"),
        ).project(**projection)
    )
    for city, (dx, dy, align, baseline) in LABEL_NUDGE.items():
        sub = places[places["city"] == city]
        if sub.empty:
            continue
        label_layers.append(
            alt.Chart(inline(sub)).mark_text(align=align, dx=dx, dy=dy, fontSize=12, lineHeight=14,
                                     baseline=baseline, color="#1A1A1A").encode(
                longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"),
                text=alt.Text("label:N"),
            ).project(**projection)
        )
    hosted = places[places["hosted"]]
    n_meetings = int(places["meetings"].sum())
    video = len(cityless)
    subtitle = (
        f"{n_meetings} in-person meetings in {len(hosted)} cities"
        + (f"; {video} by video or with no city yet" if video else "")
        + ". Boundaries: Natural Earth (public domain); cities: GeoNames (CC-BY 4.0)."
    )
    chart = alt.layer(shapes, state_names, dots, *label_layers).properties(
        width=760, height=470, title=alt.Title(title, subtitle=subtitle)
    )
    busiest = hosted.sort_values(["meetings", "city"], ascending=[False, True])
    listing = "; ".join(f"{r.city}: {r.tags}" for r in busiest.itertuples())
    summary = (
        f"Map of Central Asia and China with {len(places)} cities. {subtitle} "
        f"By city: {listing}."
    )
    return finish(chart, kind="locator_map", summary=summary)


def _label_at(feature: dict[str, Any]) -> tuple[float, float]:
    return feature["properties"]["label_lon"], feature["properties"]["label_lat"]
