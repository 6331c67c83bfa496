import django_filters
from django.utils.translation import gettext_lazy as _

from registry.filters import CountryChoiceFilter, FilterSet
from surveys.models import Campaign, Ficha, FichaStatus


class FichaFilterSet(FilterSet):
    """The review queue's filters (and, later, the API's)."""

    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("Campaign"))
    status = django_filters.MultipleChoiceFilter(choices=FichaStatus.choices, label=_("Status"))
    country = CountryChoiceFilter(field_name="institution__country", ibero_only=True, label=_("Country"))

    class Meta:
        model = Ficha
        fields = []
