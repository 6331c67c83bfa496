"""The map of the catalog: the initiatives the catalog's filters keep, by country taking part and
by flow of cooperation, as a page (SVG with its table alternative) and as SVG or PNG files for
reports. Public, as the catalog: it reads through the same FilterSet and visibility rules."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from registry.selectors import initiative_filterset
from reports import maps

FILES = {"svg": "image/svg+xml", "png": "image/png"}
TITLE = gettext_lazy("Initiatives by country taking part")


def attachment(body, *, format: str, stem: str) -> HttpResponse:
    """A drawing as a file to save: SVG or PNG, never shown in place."""
    response = HttpResponse(body, content_type=FILES[format])
    response["Content-Disposition"] = f'attachment; filename="alianzas-{stem}.{format}"'
    return response


def map_file_response(initiatives, format: str) -> HttpResponse:
    data = maps.map_data(initiatives)
    body = maps.map_svg(data, title=str(TITLE), link_query=None, standalone=True) if format == "svg" else maps.map_png(data, title=str(TITLE))
    return attachment(body, format=format, stem="map")


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
                      for flow in data.flows],
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
