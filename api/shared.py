"""Initiatives reported by several countries (registry.shared): each shared initiative with the
reports of it the client may read, the roles its partners confirmed and the counting rule. No
person is named: the reports' focal points stay in the reports, for those who may read them."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from api.conditional import ConditionalMixin, conditional_schema
from api.pagination import Pages
from registry.models import Initiative, SharedInitiative, SharedRole
from registry.shared import COUNTING_RULE, countries_of


class SharedRoleSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", help_text="ISO 3166-1 alpha-2.")

    class Meta:
        model = SharedRole
        fields = ["country", "segib_role", "confirmed_at"]


class SharedInitiativeSerializer(serializers.ModelSerializer):
    reports = serializers.SerializerMethodField(help_text="The reports of it the client may read: /api/v1/initiatives/<id>/.")
    reporting_countries = serializers.SerializerMethodField(help_text="The countries of those reports.")
    confirmed_roles = serializers.SerializerMethodField(
        help_text="Each partner's SEGIB role as its own focal point confirmed it, for the countries of the reports the client may read."
    )
    counting = serializers.SerializerMethodField(help_text="How the registry's totals count it.")

    class Meta:
        model = SharedInitiative
        fields = ["id", "name", "reports", "reporting_countries", "confirmed_roles", "counting", "updated_at"]

    def get_reports(self, shared) -> list[int]:
        return [report.pk for report in shared.visible_reports]

    def get_reporting_countries(self, shared) -> list[str]:
        return [report.institution.country_id for report in shared.visible_reports]

    @extend_schema_field(SharedRoleSerializer(many=True))
    def get_confirmed_roles(self, shared) -> list[dict]:
        # A country named only in a report the client may not read is not said to take part.
        taking_part = countries_of(shared.visible_reports)
        return SharedRoleSerializer([role for role in shared.roles.all() if role.country_id in taking_part], many=True).data

    def get_counting(self, shared) -> str:
        return COUNTING_RULE


@conditional_schema
class SharedInitiativeViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SharedInitiativeSerializer
    pagination_class = Pages

    def get_queryset(self):
        visible = Initiative.objects.visible_to(self.request.user).order_by()
        return (
            SharedInitiative.objects.filter(reports__in=visible.values("pk")).distinct()
            .prefetch_related(
                Prefetch(
                    "reports", queryset=visible.select_related("institution").prefetch_related("country_links").order_by("pk"),
                    to_attr="visible_reports",
                ),
                "roles",
            )
            .order_by("pk")
        )
