"""Reads from the registry, with the prefetches their pages need."""

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from registry.filters import InitiativeFilterSet
from registry.models import Initiative, InitiativeCountry, Participation


def _with_display_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("institution__country").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("organization")),
        Prefetch("country_links", queryset=InitiativeCountry.objects.select_related("country")),
        "sectors",
    )


def initiative_filterset(*, data: QueryDict | dict | None, user=None) -> InitiativeFilterSet:
    """The catalog's FilterSet over what `user` may see; `.qs` is ready to render."""
    base = Initiative.objects.visible_to(user).with_classification()
    # Always bound: an unbound FilterSet is "invalid", which would empty the plain catalog page.
    return InitiativeFilterSet(data=data if data is not None else {}, queryset=base)


def initiative_list(*, filterset: InitiativeFilterSet) -> QuerySet:
    return _with_display_relations(filterset.qs)


def initiative_detail(*, pk: int, user) -> Initiative:
    """Raises Initiative.DoesNotExist when the user may not see it, so it reads as a 404."""
    return _with_display_relations(Initiative.objects.visible_to(user).with_classification()).get(pk=pk)
