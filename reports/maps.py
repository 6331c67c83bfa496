"""The registry on a map of Ibero-America: each country shaded by the initiatives it takes part in
(reporting them or involved in them), and the flows of cooperation from the provider countries to
the recipients (SEGIB roles), triangular ones marked. Drawn here as SVG (pages, downloads) and
PNG (the Word report, downloads) from the boundaries in static/maps (Natural Earth, public
domain; see static/maps/LICENSE.md); no tiles, no network, no script needed.

No mapping library is used: the boundaries come projected and simplified
(reports/data/build_boundaries.py), so drawing them is writing their paths; a GIS stack
(GDAL, shapely) would add native dependencies for nothing the map needs."""

import io
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BigIntegerField, F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registry.choices import SegibRole
from registry.models import Country, InitiativeCountry

BOUNDARIES = Path(settings.BASE_DIR) / "static" / "maps" / "ibero-america.json"
PROVIDER_ROLES = frozenset({SegibRole.PROVIDER, SegibRole.FIRST_PROVIDER, SegibRole.SECOND_PROVIDER})
TRIANGULAR_ROLES = frozenset({SegibRole.FIRST_PROVIDER, SegibRole.SECOND_PROVIDER})
# ColorBrewer's sequential "Blues" (colour-blind safe), lightest for none.
SHADES = ("#f0f0f0", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
FLOW_COLOUR, TRIANGULAR_COLOUR = "#d95f02", "#7570b3"


@cache
def boundaries() -> dict:
    return json.loads(BOUNDARIES.read_text(encoding="utf-8"))


# --- Figures ----------------------------------------------------------------------------------
def country_counts(initiatives) -> dict[str, int]:
    """Initiatives each country takes part in: those it reports and those it is involved in, an
    initiative reported by several countries once per country (registry.shared), as the tables
    per country count it. One query whatever the number."""
    ids = initiatives.order_by().values("pk")
    unit = Coalesce(F("shared_id") * -1, F("pk"), output_field=BigIntegerField())
    reporting = (initiatives.model.objects.filter(pk__in=ids).order_by()
                 .annotate(place=F("institution__country_id"), unit=unit).values_list("place", "unit"))
    involved = (InitiativeCountry.objects.filter(initiative__in=ids).order_by()
                .annotate(place=F("country_id"), unit=Coalesce(F("initiative__shared_id") * -1, F("initiative_id"), output_field=BigIntegerField()))
                .values_list("place", "unit"))
    try:
        first, first_params = reporting.query.sql_with_params()
        second, second_params = involved.query.sql_with_params()
    except EmptyResultSet:  # filters that can match nothing (an invalid form's .none())
        return {}
    with connection.cursor() as cursor:
        # UNION keeps each (country, initiative) once, whichever report named the country.
        cursor.execute(f"SELECT place, count(*) FROM ({first} UNION {second}) AS taking_part GROUP BY place",
                       [*first_params, *second_params])
        return dict(cursor.fetchall())


@dataclass(frozen=True)
class Flow:
    provider: str
    recipient: str
    initiatives: int
    triangular: int


def flows(initiatives) -> list[Flow]:
    """From each provider country to each recipient of the same initiative, by the SEGIB roles of
    the countries involved; an initiative with a first or second provider is triangular. An
    initiative reported by several countries counts once per pair, whichever report said it.
    Counted by PostgreSQL in one query: reading every country link into Python took most of a
    dashboard's time at 100,000 initiatives."""
    ids = initiatives.order_by().values("pk")
    links = (
        InitiativeCountry.objects.filter(initiative__in=ids).exclude(segib_role="").order_by()
        .annotate(unit=Coalesce(F("initiative__shared_id") * -1, F("initiative_id"), output_field=BigIntegerField()))
        .values_list("initiative_id", "unit", "country_id", "segib_role")
    )
    try:
        sql, params = links.query.sql_with_params()
    except EmptyResultSet:  # filters that can match nothing (an invalid form's .none())
        return []
    providers, triangular = sorted(PROVIDER_ROLES), sorted(TRIANGULAR_ROLES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH links (initiative, unit, country, role) AS MATERIALIZED ({sql}),
            triangular AS (SELECT DISTINCT initiative FROM links WHERE role = ANY(%s)),
            pairs AS (
                SELECT DISTINCT provider.country AS provider, recipient.country AS recipient, provider.unit,
                       provider.initiative IN (SELECT initiative FROM triangular) AS is_triangular
                FROM links provider JOIN links recipient ON recipient.initiative = provider.initiative
                WHERE provider.role = ANY(%s) AND recipient.role = %s
            )
            SELECT provider, recipient, count(DISTINCT unit), count(DISTINCT unit) FILTER (WHERE is_triangular)
            FROM pairs GROUP BY provider, recipient""",
            [*params, triangular, providers, SegibRole.RECIPIENT.value],
        )
        rows = cursor.fetchall()
    return sorted(
        (Flow(provider, recipient, count, triangular_count) for provider, recipient, count, triangular_count in rows),
        key=lambda flow: (-flow.initiatives, flow.provider, flow.recipient),
    )


def shade_bounds(top: int) -> list[int]:
    """The upper bound of each shade above none: five steps up to the largest count."""
    if top <= 0:
        return []
    steps = min(5, top)
    return sorted({max(1, round(top * (number + 1) / steps)) for number in range(steps)})


def shade_of(count: int, bounds: list[int]) -> int:
    if count <= 0:
        return 0
    return next(index for index, bound in enumerate(bounds, start=1) if count <= bound)


def shade_for(data: "MapData", code: str) -> str:
    """A country's colour: by its count, or on one initiative's map whether it takes part."""
    if data.roles:
        return SHADES[4] if code in data.roles else SHADES[0]
    return SHADES[shade_of(data.counts.get(code, 0), data.bounds)]


@dataclass(frozen=True)
class MapData:
    counts: dict[str, int]
    flows: list[Flow]
    names: dict[str, str]
    bounds: list[int]
    roles: dict[str, str]  # a country's role on one initiative's map

    def rows(self) -> list[tuple[str, str, int]]:
        """The table alternative: every Ibero-American country, most first, then by name."""
        return sorted(((code, self.names[code], self.counts.get(code, 0)) for code in boundaries()["countries"]),
                      key=lambda row: (-row[2], row[1]))

    def legend(self) -> list[tuple[str, str]]:
        labels, low = [(SHADES[0], _("none"))], 1
        for index, bound in enumerate(self.bounds, start=1):
            labels.append((SHADES[index], str(bound) if bound == low else f"{low}–{bound}"))
            low = bound + 1
        return labels


def country_names() -> dict[str, str]:
    return {country.pk: country.name for country in Country.objects.filter(pk__in=list(boundaries()["countries"]))}


def map_data(initiatives, *, with_flows: bool = True) -> MapData:
    counts = country_counts(initiatives)
    return MapData(counts, flows(initiatives) if with_flows else [], country_names(),
                   shade_bounds(max(counts.values(), default=0)), {})


def initiative_map_data(initiative) -> MapData:
    """One initiative's countries with their roles: the reporting country and those involved."""
    roles = {initiative.institution.country_id: _("Reporting country")}
    roles.update({link.country_id: link.get_segib_role_display() or _("Involved, no role given") for link in initiative.country_links.all()})
    counts = {code: 1 for code in roles}
    links = [(link.country_id, link.segib_role) for link in initiative.country_links.all() if link.segib_role]
    providers = [code for code, role in links if role in PROVIDER_ROLES]
    recipients = [code for code, role in links if role == SegibRole.RECIPIENT]
    triangular = int(any(role in TRIANGULAR_ROLES for _code, role in links))
    pairs = [Flow(provider, recipient, 1, triangular) for provider in providers for recipient in recipients]
    return MapData(counts, pairs, country_names(), [1], roles)


def initiative_map_section(initiative, user) -> list[dict]:
    """The initiative page's small map of its countries and their roles (registry.extensions)."""
    data = initiative_map_data(initiative)
    title = _("The countries of “%(name)s”") % {"name": initiative.name}
    return [{
        "template": "reports/_initiative_map.html",
        "svg": mark_safe(map_svg(data, title=title)),  # escaped where it is built
        "roles": sorted(((data.names.get(code, code), role) for code, role in data.roles.items()), key=lambda row: row[0]),
    }]


# --- Drawing ----------------------------------------------------------------------------------
def _arc(start, end) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """A curve bowed to the left of its direction, so A→B and B→A stay apart."""
    (x0, y0), (x1, y1) = start, end
    bow = 0.2
    return start, ((x0 + x1) / 2 - (y1 - y0) * bow, (y0 + y1) / 2 + (x1 - x0) * bow), end


def drawable_flows(data: "MapData"):
    """Each flow with the curve it is drawn along and its width; flows between countries the map
    cannot place are left to the table."""
    centers = {code: country["center"] for code, country in boundaries()["countries"].items()}
    top = max((flow.initiatives for flow in data.flows), default=0)
    for flow in data.flows:
        if flow.provider in centers and flow.recipient in centers and flow.provider != flow.recipient:
            yield flow, _arc(centers[flow.provider], centers[flow.recipient]), _flow_width(flow.initiatives, top)


def _flow_width(count: int, top: int) -> float:
    return round(1.2 + 4.8 * count / top, 1) if top else 1.2


def country_label(data: MapData, code: str) -> str:
    if data.roles:
        return f"{data.names[code]}: {data.roles[code]}" if code in data.roles else data.names[code]
    count = data.counts.get(code, 0)
    return ngettext("%(country)s: %(count)d initiative", "%(country)s: %(count)d initiatives", count) % {
        "country": data.names[code], "count": count,
    }


def flow_label(data: MapData, flow: Flow) -> str:
    text = ngettext("%(provider)s → %(recipient)s: %(count)d initiative", "%(provider)s → %(recipient)s: %(count)d initiatives",
                    flow.initiatives) % {"provider": data.names.get(flow.provider, flow.provider),
                                         "recipient": data.names.get(flow.recipient, flow.recipient), "count": flow.initiatives}
    if flow.triangular:
        text += " " + ngettext("(%(count)d triangular)", "(%(count)d triangular)", flow.triangular) % {"count": flow.triangular}
    return text


def map_svg(data: MapData, *, title: str, link_query: dict | None = None, standalone: bool = False) -> str:
    """The map as SVG: each country a shaded path with its count (a link to the catalog of the
    initiatives it counted, with `link_query`'s filters, unless `link_query` is None), the flows
    as arrows, the legend. `standalone` adds what a file needs outside the page (XML header, its
    own styles and fonts)."""
    shapes = boundaries()
    inset_x, inset_y, inset_w, inset_h = shapes["inset"]
    width, height = shapes["width"], shapes["height"]
    parts = []
    if standalone:
        parts.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    parts.append(
        # With links inside, the map is a group of links, not one image (role="img" would hide them).
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + LEGEND_HEIGHT}" class="region-map" '
        f'role="{"group" if link_query is not None else "img"}" aria-labelledby="map-title" '
        f'font-family="DejaVu Sans, Arial, sans-serif">'
        f'<title id="map-title">{escape(title)}</title>'
        f'<defs><clipPath id="map-inset"><rect x="{inset_x}" y="{inset_y}" width="{inset_w}" height="{inset_h}"/></clipPath>'
        f'<marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
        f'<path d="M0,0L10,5L0,10Z" fill="{FLOW_COLOUR}"/></marker>'
        f'<marker id="map-arrow-triangular" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
        f'<path d="M0,0L10,5L0,10Z" fill="{TRIANGULAR_COLOUR}"/></marker></defs>'
        f'<rect width="{width}" height="{height}" fill="#e8f1f8"/>'
        f'<path d="{shapes["context"]["americas"]}" fill="#dddddd" stroke="#ffffff" stroke-width="0.5"/>'
        f'<rect x="{inset_x}" y="{inset_y}" width="{inset_w}" height="{inset_h}" fill="#e8f1f8" stroke="#888888"/>'
        f'<path d="{shapes["context"]["iberia"]}" fill="#dddddd" stroke="#ffffff" stroke-width="0.5" clip-path="url(#map-inset)"/>'
    )
    catalog = reverse("registry:initiative_list")
    for code, country in shapes["countries"].items():
        shade = shade_for(data, code)
        label = escape(country_label(data, code))
        clip = ' clip-path="url(#map-inset)"' if country["frame"] == "iberia" else ""
        path = (f'<path d="{country["path"]}" fill="{shade}" stroke="#ffffff" stroke-width="0.7"{clip} '
                f'data-country="{code}" data-count="{data.counts.get(code, 0)}"><title>{label}</title></path>')
        if link_query is not None and data.counts.get(code, 0):
            href = escape(f"{catalog}?{urlencode([*link_query.items(), ('taking_part', code)], doseq=True)}")
            path = f'<a href="{href}" aria-label="{label}">{path}</a>'
        parts.append(path)
    for flow, (start, control, end), width in drawable_flows(data):
        colour, marker = (TRIANGULAR_COLOUR, "map-arrow-triangular") if flow.triangular else (FLOW_COLOUR, "map-arrow")
        dash = ' stroke-dasharray="6 3"' if flow.triangular else ""
        parts.append(
            f'<path d="M{start[0]},{start[1]}Q{control[0]:.1f},{control[1]:.1f} {end[0]},{end[1]}" fill="none" '
            f'stroke="{colour}" stroke-width="{width}" stroke-opacity="0.8"{dash} '
            f'marker-end="url(#{marker})" class="flow" data-flow="{flow.provider}-{flow.recipient}">'
            f'<title>{escape(flow_label(data, flow))}</title></path>'
        )
    parts.append(_legend_svg(data, height))
    parts.append("</svg>")
    return "".join(parts)


LEGEND_HEIGHT = 90  # under the map: the shades on one row, the flows on the next
LEGEND_FONT = 22  # map units: about 10 px on a 390 px phone


def _legend_entries(data: MapData) -> list[tuple[str, str]]:
    return [(SHADES[4], _("takes part")), (SHADES[0], _("does not"))] if data.roles else data.legend()


def _legend_svg(data: MapData, top: float) -> str:
    items, x = [], 10
    for colour, label in _legend_entries(data):
        items.append(f'<rect x="{x}" y="{top + 12}" width="26" height="20" fill="{colour}" stroke="#888888"/>'
                     f'<text x="{x + 32}" y="{top + 30}" font-size="{LEGEND_FONT}" fill="#222222">{escape(label)}</text>')
        x += 48 + 12 * len(label)
    if data.flows:
        x = 10
        for colour, dash, label in ((FLOW_COLOUR, "", _("provider → recipient")), (TRIANGULAR_COLOUR, ' stroke-dasharray="6 3"', _("triangular"))):
            items.append(f'<path d="M{x},{top + 62}h36" stroke="{colour}" stroke-width="4"{dash}/>'
                         f'<text x="{x + 44}" y="{top + 70}" font-size="{LEGEND_FONT}" fill="#222222">{escape(label)}</text>')
            x += 64 + 12 * len(label)
    return f'<g class="map-legend">{"".join(items)}</g>'


_COMMANDS = re.compile(r"([MLZ])([^MLZ]*)")


def _rings(path: str) -> list[list[tuple[float, float]]]:
    rings, current = [], []
    for command, numbers in _COMMANDS.findall(path):
        if command == "Z":
            if current:
                rings.append(current)
            current = []
            continue
        x, y = numbers.split(",")
        current.append((float(x), float(y)))
    return rings


def map_png(data: MapData, *, title: str, width_inches: float = 6.3) -> bytes:
    """The same map as a PNG, drawn by matplotlib (the Word report's charts' library) in the
    fonts it ships."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path as MatplotlibPath

    from reports.charts import chart_font

    shapes = boundaries()
    width, height = shapes["width"], shapes["height"]
    figure = Figure(figsize=(width_inches, width_inches * (height + LEGEND_HEIGHT) / width), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height + LEGEND_HEIGHT, 0)
    axes.set_axis_off()
    axes.add_patch(Rectangle((0, 0), width, height, facecolor="#e8f1f8", edgecolor="none"))
    inset_x, inset_y, inset_w, inset_h = shapes["inset"]
    inset = Rectangle((inset_x, inset_y), inset_w, inset_h, facecolor="#e8f1f8", edgecolor="#888888", linewidth=0.6)

    def polygon(path_text, colour, *, clipped):
        rings = _rings(path_text)
        if not rings:
            return
        vertices, codes = [], []
        for ring in rings:
            vertices += [*ring, ring[0]]
            codes += [MatplotlibPath.MOVETO, *[MatplotlibPath.LINETO] * (len(ring) - 1), MatplotlibPath.CLOSEPOLY]
        patch = PathPatch(MatplotlibPath(vertices, codes), facecolor=colour, edgecolor="#ffffff", linewidth=0.3)
        axes.add_patch(patch)
        if clipped:
            patch.set_clip_path(inset)

    polygon(shapes["context"]["americas"], "#dddddd", clipped=False)
    axes.add_patch(inset)
    polygon(shapes["context"]["iberia"], "#dddddd", clipped=True)
    for code, country in shapes["countries"].items():
        polygon(country["path"], shade_for(data, code), clipped=country["frame"] == "iberia")
    for flow, points, width in drawable_flows(data):
        curve = MatplotlibPath(points, [MatplotlibPath.MOVETO, MatplotlibPath.CURVE3, MatplotlibPath.CURVE3])
        axes.add_patch(PathPatch(curve, facecolor="none", edgecolor=TRIANGULAR_COLOUR if flow.triangular else FLOW_COLOUR,
                                 linewidth=width * 0.6, linestyle="--" if flow.triangular else "-", alpha=0.8))
    font = chart_font()
    x = 10
    for colour, label in _legend_entries(data):
        axes.add_patch(Rectangle((x, height + 12), 26, 20, facecolor=colour, edgecolor="#888888", linewidth=0.5))
        axes.text(x + 32, height + 30, label, fontproperties=font, fontsize=8, color="#222222")
        x += 48 + 12 * len(label)
    if data.flows:
        x = 10
        for colour, style, label in ((FLOW_COLOUR, "-", _("provider → recipient")), (TRIANGULAR_COLOUR, "--", _("triangular"))):
            axes.plot([x, x + 36], [height + 62, height + 62], color=colour, linewidth=2, linestyle=style)
            axes.text(x + 44, height + 70, label, fontproperties=font, fontsize=8, color="#222222")
            x += 64 + 12 * len(label)
    axes.text(width - 10, height + LEGEND_HEIGHT - 6, title, fontproperties=font, fontsize=6, color="#555555", ha="right")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
