"""The map of the catalog: the initiatives the catalog's filters keep, by country taking part and
by flow of cooperation, as a page (SVG with its table alternative) and as SVG or PNG files for
reports. Public, as the catalog: it reads through the same FilterSet and visibility rules."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from registry.selectors import initiative_filterset
from registry.text import spreadsheet_safe
from reports import maps

FILES = {"svg": "image/svg+xml", "png": "image/png", "csv": "text/csv; charset=utf-8"}
DRAWINGS = ("svg", "png")  # what a chart can be saved as
TITLE = gettext_lazy("Initiatives by country taking part")
# The pages list the strongest flows; the CSV has them all (some 14,000 pairs at 100,000
# initiatives made a page of a megabyte that took a second to write).
FLOWS_LISTED = 100


def attachment(body, *, format: str, stem: str) -> HttpResponse:
    """A drawing or its table as a file to save: SVG, PNG or CSV, never shown in place."""
    response = HttpResponse(body, content_type=FILES[format])
    response["Content-Disposition"] = f'attachment; filename="alianzas-{stem}.{format}"'
    return response


def map_file_response(initiatives, format: str) -> HttpResponse:
    data = maps.map_data(initiatives, with_flows=True)
    if format == "csv":
        return attachment(_flows_csv(data), format=format, stem="flows")
    body = maps.map_svg(data, title=str(TITLE), link_query=None, standalone=True) if format == "svg" else maps.map_png(data, title=str(TITLE))
    return attachment(body, format=format, stem="map")


def _flows_csv(data: maps.MapData) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheets read Perú and México as UTF-8, as every CSV of ours
    writer = csv.writer(out)
    writer.writerow([_("Provider"), _("Provider code"), _("Recipient"), _("Recipient code"), _("Initiatives"), _("Of which triangular")])
    for flow in data.flows:
        writer.writerow([spreadsheet_safe(data.names.get(flow.provider, flow.provider)), flow.provider,
                         spreadsheet_safe(data.names.get(flow.recipient, flow.recipient)), flow.recipient, flow.initiatives, flow.triangular])
    return out.getvalue()


def _query(request) -> dict:
    query = request.GET.copy()
    for name in ("page", "taking_part"):
        query.pop(name, None)
    return {key: query.getlist(key) for key in query}


def map_context(initiatives, *, query: dict, title: str, file_view: str | None) -> dict:
    data = maps.map_data(initiatives)
    return {
        "map_svg": mark_safe(maps.map_svg(data, title=title, link_query=query)),  # escaped where it is built
        "map_rows": data.rows(),
        "map_flows": [(flow, data.names.get(flow.provider, flow.provider), data.names.get(flow.recipient, flow.recipient))
                      for flow in data.flows[:FLOWS_LISTED]],
        "map_flows_total": len(data.flows),
        "map_title": title,
        "map_file_view": file_view,
    }


@require_safe
def catalog_map(request):
    filterset = initiative_filterset(data=request.GET, user=request.user)
    valid = filterset.is_valid()
    initiatives = filterset.qs if valid else filterset.queryset.none()
    context = {"filterset": filterset, "query": request.GET.urlencode()}
    context.update(map_context(initiatives, query=_query(request), title=str(TITLE), file_view="initiative_map_file"))
    return render(request, "reports/map.html", context, status=200 if valid else 400)


@require_safe
def catalog_map_file(request, format: str):
    if format not in FILES:
        raise Http404
    filterset = initiative_filterset(data=request.GET, user=request.user)
    if not filterset.is_valid():
        return catalog_map(request)
    return map_file_response(filterset.qs, format)
