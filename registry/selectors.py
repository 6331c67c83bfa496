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


def sees_unpublished(user) -> bool:
    """Whether Initiative.objects.visible_to(user) holds more than published initiatives: the
    technical unit's, and a focal point's own institution's in every status."""
    return user is not None and user.is_authenticated and (user.is_technical_unit or user.is_focal_point)


def initiative_filterset(*, data: QueryDict | dict | None, user=None) -> InitiativeFilterSet:
    """The catalog's FilterSet over what `user` may see, with the filters they can use; `.qs` is
    ready to render."""
    base = Initiative.objects.visible_to(user).with_classification()
    # Always bound: an unbound FilterSet is "invalid", which would empty the plain catalog page.
    filterset = InitiativeFilterSet(data=data if data is not None else {}, queryset=base)
    if not sees_unpublished(user):
        # Everything this reader sees is published: a status filter could only empty the list,
        # so it is neither offered nor read from the URL.
        del filterset.filters["status"]
    return filterset


def initiative_list(*, filterset: InitiativeFilterSet) -> QuerySet:
    return _with_display_relations(filterset.qs)


def initiative_detail(*, pk: int, user) -> Initiative:
    """Raises Initiative.DoesNotExist when the user may not see it, so it reads as a 404."""
    return _with_display_relations(Initiative.objects.visible_to(user).with_classification()).get(pk=pk)
