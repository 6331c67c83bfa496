"""Regenerate static/maps/ibero-america.json, the boundaries the registry's maps draw (a
development-time tool only; the server reads the JSON and never the network).

The source is Natural Earth's 1:50m admin-0 countries (public domain), as the world-atlas
package carries them in TopoJSON:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python reports/data/build_boundaries.py package/countries-50m.json

The map has two frames: the Americas, and the Iberian Peninsula drawn larger over the Atlantic
(otherwise Spain, Portugal and Andorra would sit far off to the right). Each country becomes one
SVG path in the map's own units, simplified (Douglas-Peucker) to well under a pixel at the
width it is shown, and islands too small to see are dropped."""

import json
import math
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[2] / "static" / "maps" / "ibero-america.json"
WIDTH, HEIGHT = 840, 880

# (lon west, lon east, lat north, lat south, x, y, pixels per degree of latitude)
FRAMES = {
    "americas": (-118.0, -33.0, 33.0, -56.5, 0.0, 0.0, 9.85),
    "iberia": (-10.0, 4.5, 44.2, 35.6, 600.0, 12.0, 21.0),
}
IBERO_AMERICA = {
    "AD", "AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GT", "HN", "MX", "NI", "PA", "PE", "PT", "PY", "SV",
    "UY", "VE",
}
# Drawn in grey for context: the neighbours that frame the region.
CONTEXT = {"US", "BZ", "GY", "SR", "HT", "JM", "PR", "BS", "TT", "FR", "MA", "DZ", "GF", "FK"}
TOLERANCE = 0.35  # map units: a third of a pixel at full width
SMALLEST_AREA = 0.6  # square map units


def decode_arcs(topology) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes) -> list[tuple[float, float]]:
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry, arcs):
    if geometry["type"] == "Polygon":
        yield [ring(arcs, r) for r in geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["arcs"]:
            yield [ring(arcs, r) for r in polygon]


def frame_of(lon, lat):
    for name, (west, east, north, south, *_rest) in FRAMES.items():
        if west <= lon <= east and south <= lat <= north:
            return name
    return None


def project(name, lon, lat):
    west, _east, north, _south, x0, y0, k = FRAMES[name]
    middle = (FRAMES[name][2] + FRAMES[name][3]) / 2
    return x0 + (lon - west) * k * math.cos(math.radians(middle)), y0 + (north - lat) * k


def simplify(points, tolerance):
    if len(points) < 4:
        return points
    start, end = points[0], points[-1]
    best, index = 0.0, 0
    for i in range(1, len(points) - 1):
        distance = _distance(points[i], start, end)
        if distance > best:
            best, index = distance, i
    if best <= tolerance:
        return [start, end]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def _distance(point, start, end):
    (px, py), (ax, ay), (bx, by) = point, start, end
    if (ax, ay) == (bx, by):
        return math.hypot(px - ax, py - ay)
    return abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / math.hypot(bx - ax, by - ay)


def area(points):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True))) / 2


def centroid(points):
    twice = 0.0
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        twice += cross
        cx, cy = cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return (cx / (3 * twice), cy / (3 * twice)) if twice else points[0]


def build(source: Path) -> dict:
    topology = json.loads(source.read_text())
    arcs = decode_arcs(topology)
    countries, context = {}, []  # context: (frame, path) of the neighbours
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        code = country.alpha_2 if country else None
        if code not in IBERO_AMERICA | CONTEXT:
            continue
        pieces, largest = [], (0.0, None, None)
        for polygon in polygons(geometry, arcs):
            frame = next((frame_of(lon, lat) for lon, lat in polygon[0] if frame_of(lon, lat)), None)
            if frame is None:
                continue  # outside both frames (Hawaii, the Canaries, the Pacific): the map clips what overhangs

            for number, points in enumerate(polygon):
                projected = simplify([project(frame, lon, lat) for lon, lat in points], TOLERANCE)
                size = area(projected)
                if len(projected) < 3 or size < SMALLEST_AREA:
                    continue
                pieces.append((frame, "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z"))
                if number == 0 and size > largest[0]:
                    largest = (size, projected, frame)
        if not pieces:
            continue
        if code in IBERO_AMERICA:
            cx, cy = centroid(largest[1])
            countries[code] = {"path": "".join(path for _frame, path in pieces), "center": [round(cx, 1), round(cy, 1)], "frame": largest[2]}
        else:
            context.extend(pieces)
    missing = IBERO_AMERICA - countries.keys()
    if missing:
        raise SystemExit(f"No boundary for {sorted(missing)}")
    iberia = FRAMES["iberia"]
    west, north = project("iberia", iberia[0], iberia[2])
    east, south = project("iberia", iberia[1], iberia[3])
    return {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2; simplified by reports/data/build_boundaries.py",
        "width": WIDTH,
        "height": HEIGHT,
        "inset": [round(west, 1), round(north, 1), round(east - west, 1), round(south - north, 1)],
        "countries": dict(sorted(countries.items())),
        "context": {frame: "".join(path for where, path in context if where == frame) for frame in FRAMES},
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(Path(sys.argv[1])), separators=(",", ":")) + "\n")
    print(f"Wrote {OUT} ({OUT.stat().st_size:,} bytes)")
