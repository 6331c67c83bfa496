"""What each actor brings to an initiative: its contributions, money with its currency, year and
its value in US dollars at that year's reference rate (followup.money). Only contributions to
initiatives the client may read."""

import django_filters
from rest_framework import serializers, viewsets

from api.conditional import ConditionalMixin, conditional_schema
from api.pagination import Pages
from api.serializers import LabelField
from followup.models import Contribution, ContributionSource
from followup.money import in_usd, rates
from registry.choices import ActorType, ContributionKind
from registry.filters import FilterSet
from registry.models import Initiative


class ContributionSerializer(serializers.ModelSerializer):
    initiative = serializers.PrimaryKeyRelatedField(read_only=True)
    organization = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The actor (see /api/v1/organizations/).")
    organization_name = serializers.CharField(source="organization.name")
    actor_type = serializers.CharField(source="organization.actor_type")
    actor_type_label = LabelField(ActorType, source="organization.actor_type")
    kind_label = LabelField(ContributionKind, source="kind")
    source = serializers.ChoiceField(
        choices=ContributionSource.choices, read_only=True,
        help_text="ficha: reported by the initiative's country in its ficha (a new submission replaces these); "
        "follow_up: recorded on the follow-up page.",
    )
    amount = serializers.DecimalField(max_digits=15, decimal_places=2, allow_null=True, coerce_to_string=False)
    currency = serializers.CharField(help_text="ISO 4217; empty when no amount.")
    amount_usd = serializers.SerializerMethodField(
        help_text="The amount in US dollars at the year's reference rate; null when no amount or no rate for it."
    )

    class Meta:
        model = Contribution
        fields = [
            "id", "initiative", "organization", "organization_name", "actor_type", "actor_type_label", "kind", "kind_label",
            "description", "amount", "currency", "year", "amount_usd", "source", "updated_at",
        ]

    def get_amount_usd(self, contribution) -> float | None:
        if contribution.amount is None:
            return None
        if "rates" not in self.context:
            self.context["rates"] = rates()
        value = in_usd(contribution.amount, contribution.currency, contribution.year, self.context["rates"])
        return float(value) if value is not None else None


class ContributionFilterSet(FilterSet):
    initiative = django_filters.NumberFilter(field_name="initiative_id", label="Initiative")
    kind = django_filters.MultipleChoiceFilter(choices=ContributionKind.choices)

    class Meta:
        model = Contribution
        fields = []


@conditional_schema
class ContributionViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ContributionSerializer
    filterset_class = ContributionFilterSet
    pagination_class = Pages

    def get_queryset(self):
        visible = Initiative.objects.visible_to(self.request.user).order_by().values("pk")
        return Contribution.objects.filter(initiative__in=visible).select_related("organization").order_by("initiative_id", "pk")
