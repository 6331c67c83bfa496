"""Success cases in the API: published ones for everyone, drafts too for the technical unit."""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from api.conditional import ConditionalMixin, conditional_schema
from api.pagination import Pages
from registry.filters import FilterSet
from registry.choices import SDG, TriangularValue, choice_labels
from registry.models import Initiative
from knowledge.success_cases import SuccessCase, SuccessCaseActor


class SuccessCaseActorSerializer(serializers.ModelSerializer):
    organization_id = serializers.IntegerField()
    name = serializers.CharField(source="organization.name")
    country = serializers.CharField(source="country_id", allow_null=True)

    class Meta:
        model = SuccessCaseActor
        fields = ["organization_id", "name", "country"]


class TriangularValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class SuccessCaseSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:success-case-detail")
    countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    actors = SuccessCaseActorSerializer(many=True, read_only=True)
    initiatives = serializers.HyperlinkedRelatedField(many=True, read_only=True, view_name="api:initiative-detail")
    triangular_values = serializers.SerializerMethodField()

    class Meta:
        model = SuccessCase
        fields = [
            "id", "url", "title", "author", "countries", "actors", "initiatives", "sdgs", "sdg_targets", "summary",
            "learnings", "achievements", "success_factors", "triangular_values", "references", "keywords",
            "is_published", "published_at", "updated_at",
        ]

    @extend_schema_field(TriangularValueSerializer(many=True))
    def get_triangular_values(self, case):
        labels = choice_labels(TriangularValue)
        return [{"code": value, "label": labels[value]} for value in case.triangular_values]


class SuccessCaseFilterSet(FilterSet):
    q = django_filters.CharFilter(method="filter_text", label="Search")
    country = django_filters.CharFilter(field_name="countries__iso2", label="Country (ISO alpha-2)")
    sdg = django_filters.TypedChoiceFilter(choices=SDG.choices, coerce=int, method="filter_sdg", label="SDG goal")

    class Meta:
        model = SuccessCase
        fields = []

    def filter_text(self, queryset, name, value: str):
        return queryset.search(value)

    def filter_sdg(self, queryset, name, value: int):
        return queryset.filter(sdgs__contains=[value])


@conditional_schema
class SuccessCaseViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SuccessCaseSerializer
    pagination_class = Pages
    filterset_class = SuccessCaseFilterSet

    def get_queryset(self):
        # Only initiatives the reader may open are linked.
        initiatives = Initiative.objects.visible_to(self.request.user).order_by("pk")
        return (
            SuccessCase.objects.visible_to(self.request.user)
            .prefetch_related("countries", "actors__organization", Prefetch("initiatives", queryset=initiatives))
            .order_by("-published_at", "pk")
        )
