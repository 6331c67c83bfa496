"""The one FilterSet per list. The catalog, the API and the reports filter with these, so their
query parameters are the same everywhere."""

import copy

import django_filters
from django import forms
from django.apps import apps
from django.core.validators import EMPTY_VALUES
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from registry.choices import (
    SDG,
    ActorType,
    Classification,
    Freshness,
    InitiativeType,
    Modality,
    Phase,
    Status,
)
from registry.models import (
    AuditEntry,
    Country,
    Initiative,
    InitiativeCountry,
    Organization,
    SegibArea,
    SegibSector,
    Sector,
    current_language,
)
from registry.text import fold


def _own_copy(filter_: django_filters.Filter) -> django_filters.Filter:
    clone = copy.copy(filter_)
    # What a filter changes while serving a request lives in `extra` (the request's queryset),
    # the cached form field and the method bound to it; the rest is read only.
    clone.extra = dict(filter_.extra)
    clone.__dict__.pop("_field", None)
    if filter_.method is not None:
        clone.method = filter_.method
    return clone


def _without_empty_values(data) -> QueryDict:
    """A browser form sends every field, the empty ones too (`?sector=&country=`): an empty value
    means "any", in the catalog, the API, the exports and the reports alike."""
    cleaned = QueryDict(mutable=True)
    if data is None:
        return cleaned
    pairs = data.lists() if hasattr(data, "lists") else ((key, value if isinstance(value, (list, tuple)) else [value]) for key, value in data.items())
    for key, values in pairs:
        kept = [value for value in values if value not in ("", None)]
        if kept:
            cleaned.setlist(key, kept)
    return cleaned


class _FiltersCopiedShallowly(dict):
    """A FilterSet's class-level filters, which django-filter deep-copies for every instance
    (choices and querysets included: a quarter of an API page's time). Each instance gets a
    shallow copy of what it changes per request instead."""

    def __deepcopy__(self, memo):
        return {name: _own_copy(filter_) for name, filter_ in self.items()}


class FilterSetMetaclass(django_filters.filterset.FilterSetMetaclass):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_filters = _FiltersCopiedShallowly(new_class.base_filters)
        return new_class


class FilterSet(django_filters.FilterSet, metaclass=FilterSetMetaclass):
    """django-filter's FilterSet with two costs removed: the deep copy of every filter per
    instance (see _FiltersCopiedShallowly) and a new form class per instance (built once per
    language here: field labels, choices and country order follow it; querysets stay lazy and
    each form copies them). Empty values are dropped first. django-filter is pinned: review this
    with each upgrade."""

    _form_classes: dict = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(
            _without_empty_values(data) if data is not None else None, queryset, request=request, prefix=prefix
        )

    def get_form_class(self):
        key = (type(self), translation.get_language(), tuple(self.filters))
        if key not in self._form_classes:
            self._form_classes[key] = super().get_form_class()
        return self._form_classes[key]

    @property
    def filters_in_use(self) -> list[str]:
        """The names of the filters the request gave a value, in the form's order."""
        return [name for name in self.filters if name in self.data]


class AnyYesNoSelect(forms.NullBooleanSelect):
    """Yes, no or either, starting on either: Django's "Unknown" reads as a third answer to the
    question, not as "do not filter"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("Any")), ("true", _("Yes")), ("false", _("No")))

    def format_value(self, value):
        # A list, as ChoiceWidget compares: NullBooleanSelect's plain string would also select "".
        return [{True: "true", False: "false", "true": "true", "false": "false"}.get(value, "")]


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1950)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class CountryChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Countries are chosen by ISO alpha-2 code in the URL (`?country=CR&country=AR`)."""

    def __init__(self, *args, ibero_only: bool = False, **kwargs):
        def countries(request):
            # Evaluated when the form renders, so the order follows the reader's language.
            queryset = Country.objects.filter(is_ibero_american=True) if ibero_only else Country.objects.all()
            return queryset.order_by(f"name_{current_language()}")

        kwargs.setdefault("queryset", countries)
        kwargs.setdefault("to_field_name", "iso2")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)


class SemiJoinMixin:
    """Filters through a many-valued relation (sectors, other countries, campaigns) as a
    semi-join, `pk IN (...)`, instead of a join and DISTINCT: DISTINCT over every column of a page
    and of its count sorted every matching wide row, a fifth of a second at 100,000 initiatives."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES or (isinstance(value, (list, tuple, QuerySet)) and not list(value)):
            return qs
        matching = super().filter(qs.model._default_manager.order_by(), value)
        return qs.filter(pk__in=matching.values("pk"))


@extend_schema_field(OpenApiTypes.STR)
class SectorCodesFilter(SemiJoinMixin, django_filters.ModelMultipleChoiceFilter):
    """Sector codes (`?sector=environment&sector=social`)."""


class InitiativeSectorFilter(SectorCodesFilter):
    """The initiative's own sector ids (Initiative.indexed_sector_ids), read through their index."""

    def filter(self, qs, value):
        return qs.filter(indexed_sector_ids__overlap=[sector.pk for sector in value]) if value else qs


@extend_schema_field({"type": "array", "items": {"type": "string"}, "description": "SEGIB codes, e.g. environment."})
class SegibVocabularyFilter(django_filters.ModelMultipleChoiceFilter):
    """SEGIB's sectors or areas, through the crosswalk from the registry's sectors
    (registry.Sector.segib_sector): the sector ids it covers, read through their index."""

    def __init__(self, *args, sector_lookup: str, **kwargs):
        self.sector_lookup = sector_lookup
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        sector_ids = list(Sector.objects.filter(**{f"{self.sector_lookup}__in": value}).values_list("pk", flat=True))
        return qs.filter(indexed_sector_ids__overlap=sector_ids) if sector_ids else qs.none()


class PartnerCountryFilter(SemiJoinMixin, CountryChoiceFilter):
    pass


@extend_schema_field({"type": "array", "items": {"type": "string"},
                      "description": "ISO 3166-1 alpha-2 codes: the initiatives each country reports or is involved in."})
class TakingPartFilter(CountryChoiceFilter):
    """Countries taking part in any role: reporting the initiative or involved in it (what the
    map counts, so a country on the map opens exactly the initiatives it counted)."""

    def filter(self, qs, value):
        if not value:
            return qs
        codes = [country.pk for country in value]
        involved = InitiativeCountry.objects.filter(country_id__in=codes).values("initiative_id")
        return qs.filter(Q(institution__country_id__in=codes) | Q(pk__in=involved))


class CampaignFilter(SemiJoinMixin, django_filters.ModelChoiceFilter):
    pass


def _campaigns():
    # Looked up by name: the survey app builds on the registry, not the other way round.
    return apps.get_model("surveys", "Campaign").objects.all()


class InitiativeFilterSet(FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    country = CountryChoiceFilter(field_name="institution__country", ibero_only=True, label=_("Reporting country"))
    other_country = PartnerCountryFilter(field_name="partner_countries", label=_("Other country involved"))
    # Set by the map's links, kept by the form as hidden fields: the panel already offers both roles.
    taking_part = TakingPartFilter(ibero_only=True, label=_("Country taking part (any role)"), widget=forms.MultipleHiddenInput)
    sector = InitiativeSectorFilter(
        field_name="sectors__code",
        queryset=Sector.objects.all(),
        to_field_name="code",
        label=_("Sector"),
        widget=forms.CheckboxSelectMultiple,
    )
    segib_area = SegibVocabularyFilter(
        queryset=SegibArea.objects.all(), sector_lookup="segib_sector__area", label=_("SEGIB area"),
        widget=forms.CheckboxSelectMultiple,
    )
    segib_sector = SegibVocabularyFilter(
        queryset=SegibSector.objects.select_related("area"), sector_lookup="segib_sector", label=_("SEGIB sector"),
        widget=forms.CheckboxSelectMultiple,
    )
    initiative_type = django_filters.MultipleChoiceFilter(
        choices=InitiativeType.choices, label=_("Type of initiative"), widget=forms.CheckboxSelectMultiple
    )
    actor_type = django_filters.MultipleChoiceFilter(
        choices=ActorType.choices,
        method="filter_actor_type",
        label=_("Actor type"),
        widget=forms.CheckboxSelectMultiple,
    )
    classification = django_filters.MultipleChoiceFilter(
        choices=Classification.choices,
        method="filter_classification",
        label=_("Classification"),
        widget=forms.CheckboxSelectMultiple,
    )
    modality = django_filters.MultipleChoiceFilter(
        choices=Modality.choices, label=_("Modality"), widget=forms.CheckboxSelectMultiple
    )
    freshness = django_filters.MultipleChoiceFilter(
        choices=Freshness.choices,
        method="filter_freshness",
        label=_("Confirmed by its country"),
        widget=forms.CheckboxSelectMultiple,
    )
    sdg = django_filters.TypedMultipleChoiceFilter(
        choices=SDG.choices, coerce=int, method="filter_sdg", label=_("SDG goal"), widget=forms.CheckboxSelectMultiple
    )
    phase = django_filters.MultipleChoiceFilter(
        choices=Phase.choices, label=_("Alliance phase"), widget=forms.CheckboxSelectMultiple
    )
    campaign = CampaignFilter(field_name="fichas__campaign", queryset=lambda request: _campaigns(), label=_("Survey campaign"))
    year_from = YearFilter(method="filter_year_from", label=_("Active from year"))
    year_to = YearFilter(method="filter_year_to", label=_("Active until year"))
    # Offered only to readers who see more than published initiatives (registry.selectors).
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, label=_("Status"), widget=forms.CheckboxSelectMultiple
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("country_order", "country"), ("created_at", "created")),
        label=_("Order by"),
    )

    class Meta:
        model = Initiative
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_actor_type(self, queryset, name, value):
        return queryset.with_actor_type(value) if value else queryset

    def filter_classification(self, queryset, name, value):
        return queryset.filter(classification_code__in=value) if value else queryset

    def filter_freshness(self, queryset, name, value):
        return queryset.with_freshness().filter(freshness_code__in=value) if value else queryset

    def filter_sdg(self, queryset, name, value):
        return queryset.filter(sdgs__overlap=value) if value else queryset

    # An initiative is active in a year when its span covers it; an unknown end means ongoing.
    def filter_year_from(self, queryset, name, value):
        return queryset.filter(Q(end_year__isnull=True) | Q(end_year__gte=value))

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(Q(start_year__isnull=True) | Q(start_year__lte=value))

    @property
    def qs(self):
        queryset = super().qs
        # Searching orders by relevance unless the user asked for another order.
        if fold(self.form.cleaned_data.get("q") or "") and not self.form.cleaned_data.get("ordering"):
            queryset = queryset.order_by("-rank", "name")
        return queryset


class OrganizationFilterSet(FilterSet):
    """The actor directory's filters, over directory.selectors.directory() (its annotations)."""

    q = django_filters.CharFilter(field_name="normalized_name", method="filter_name", label=_("Search"))
    actor_type = django_filters.MultipleChoiceFilter(
        choices=ActorType.choices, label=_("Actor type"), widget=forms.CheckboxSelectMultiple
    )
    country = CountryChoiceFilter(method="filter_country", label=_("Country"))
    sector = SectorCodesFilter(
        field_name="participations__initiative__sectors__code", queryset=Sector.objects.all(), to_field_name="code",
        label=_("Sector of their initiatives"), widget=forms.CheckboxSelectMultiple,
    )
    mentor = django_filters.BooleanFilter(field_name="offers_mentoring", label=_("Offers mentoring"), widget=AnyYesNoSelect)

    class Meta:
        model = Organization
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(normalized_name__contains=fold(value))

    def filter_country(self, queryset, name, value):
        if not value:
            return queryset
        # The country the directory shows: the actor's own, else those of its visible initiatives.
        return queryset.filter(
            Q(country__in=value) | Q(country__isnull=True, initiative_countries__overlap=[country.iso2 for country in value])
        )


class CountryFilterSet(FilterSet):
    ibero_american = django_filters.BooleanFilter(field_name="is_ibero_american", label=_("Ibero-American space"))

    class Meta:
        model = Country
        fields = []


class SectorFilterSet(FilterSet):
    class Meta:
        model = Sector
        fields = ["code"]


class AuditEntryFilterSet(FilterSet):
    """The audit trail page: what kind of record, what happened, who, when, and which record."""

    KINDS = {
        "initiative": ("registry", "initiative"),
        "ficha": ("surveys", "ficha"),
        "dialogue": ("dialogues", "dialogue"),
        "fichaupload": ("surveys", "fichaupload"),
        "interest": ("dialogues", "interest"),
        "user": ("registry", "user"),
    }

    kind = django_filters.ChoiceFilter(
        label=_("Record"),
        choices=[
            ("initiative", _("Initiative")), ("ficha", _("Ficha")), ("dialogue", _("Dialogue")),
            ("fichaupload", _("Word upload")), ("interest", _("Interest")), ("user", _("Person")),
        ],
        method="filter_kind",
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditEntry.Action.choices)
    by = django_filters.CharFilter(label=_("By"), method="filter_by")
    since = django_filters.DateFilter(label=_("From"), field_name="at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("To"), field_name="at", lookup_expr="date__lte")
    q = django_filters.CharFilter(label=_("Record name"), field_name="object_repr", lookup_expr="icontains")
    object_id = django_filters.CharFilter(widget=forms.HiddenInput)

    class Meta:
        model = AuditEntry
        fields = []

    def filter_kind(self, queryset, name, value):
        app_label, model = self.KINDS[value]
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)

    def filter_by(self, queryset, name, value):
        return queryset.filter(
            Q(actor__username__icontains=value) | Q(actor__first_name__icontains=value)
            | Q(actor__last_name__icontains=value) | Q(actor__email__icontains=value)
        )
