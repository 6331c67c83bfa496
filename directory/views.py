from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from registry.privacy import may_see_contacts
from directory.selectors import (
    directory,
    directory_rows,
    organization_initiatives,
    organization_success_cases,
)
from registry.filters import OrganizationFilterSet
from registry.models import Organization

PAGE_SIZE = 50


@require_safe
def actor_list_view(request):
    filterset = OrganizationFilterSet(request.GET, queryset=directory_rows(request.user))
    actors = filterset.qs if filterset.is_valid() else Organization.objects.none()
    page = Paginator(actors, PAGE_SIZE).get_page(request.GET.get("page"))
    in_use = filterset.filters_in_use
    return render(
        request,
        "directory/actor_list.html",
        {
            "filterset": filterset,
            "page": page,
            # An empty list means "nothing matches" only when something was asked for.
            "searched": bool(in_use) or not filterset.is_valid(),
            "panel_filters_in_use": len([name for name in in_use if name != "q"]),
            "shows_initiative_countries": any(actor.country_id is None and actor.initiative_countries for actor in page),
        },
    )


@require_safe
def actor_detail_view(request, pk: int):
    try:
        actor = directory(request.user).get(pk=pk)
    except Organization.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "directory/actor_detail.html",
        {
            "actor": actor,
            "initiatives": organization_initiatives(actor, request.user),
            "success_cases": organization_success_cases(actor, request.user),
            "show_contact": may_see_contacts(request.user),
        },
    )
