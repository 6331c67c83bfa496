"""JSON shapes of the registry API. Codes are the ficha's stable codes (registry.choices); each
coded field has a `_label` companion in the request's language."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import initiative_api_fields
from registry.ficha import contact_fields
from registry.privacy import may_see_contacts
from registry.choices import (
    ActorType,
    Classification,
    Freshness,
    InitiativeType,
    Modality,
    Phase,
    SegibRole,
    Status,
    choice_labels,
)
from registry.models import Country, Initiative, InitiativeCountry, Institution, Organization, Participation, Sector
from surveys.models import Questionnaire
from surveys.questionnaire import questions_of


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.Field):
    """A code's label in the request's language (registry.choices.choice_labels)."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return choice_labels(self.choices).get(value, "")


class CountrySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Country
        fields = ["iso2", "iso3", "name", "name_es", "name_pt", "name_en", "is_ibero_american"]


class SectorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Sector
        fields = ["code", "name", "name_es", "name_pt", "name_en"]


class OrganizationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", allow_null=True)
    actor_type_label = LabelField(ActorType, source="actor_type")

    class Meta:
        model = Organization
        fields = ["id", "name", "country", "actor_type", "actor_type_label", "offers_mentoring"]


class InstitutionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")

    class Meta:
        model = Institution
        fields = ["id", "name", "acronym", "country"]


class ActorSerializer(serializers.ModelSerializer):
    organization_id = serializers.IntegerField()
    name = serializers.CharField(source="organization.name")
    actor_type_label = LabelField(ActorType, source="actor_type")

    class Meta:
        model = Participation
        fields = ["organization_id", "name", "actor_type", "actor_type_label", "role"]


class OtherCountrySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")
    segib_role_label = LabelField(SegibRole, source="segib_role")

    class Meta:
        model = InitiativeCountry
        fields = ["country", "segib_role", "segib_role_label"]


class CampaignAnswersSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(help_text="The campaign whose ficha reported the initiative.")
    questionnaire_version = serializers.IntegerField(
        allow_null=True, help_text="The version of the campaign's questionnaire the ficha was submitted with."
    )
    answers = serializers.DictField(
        help_text="The answers to the questions the campaign added, by question key (stable per campaign): "
        "text, true/false, an option's key or a list of them, a number, a year, a list of texts or of country codes. "
        "The questions, their kinds and options: /api/v1/questionnaires/."
    )


def campaign_answers(entries) -> list[dict]:
    return [
        {
            "campaign": entry.ficha.campaign_id,
            "questionnaire_version": entry.ficha.questionnaire.version if entry.ficha.questionnaire else None,
            "answers": entry.answers,
        }
        for entry in entries
        if entry.answers
    ]


class InitiativeSerializer(serializers.ModelSerializer):
    reporting_country = serializers.CharField(source="institution.country_id")
    institution = InstitutionSerializer()
    initiative_type_label = LabelField(InitiativeType, source="initiative_type")
    actors = ActorSerializer(source="participations", many=True)
    other_countries = OtherCountrySerializer(source="country_links", many=True)
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    modality_label = LabelField(Modality, source="modality")
    phase_label = LabelField(Phase, source="phase")
    classification = serializers.CharField()
    classification_label = LabelField(Classification, source="classification")
    classification_reason = serializers.CharField()
    status_label = LabelField(Status, source="status")
    freshness = serializers.ChoiceField(
        choices=Freshness.choices, read_only=True,
        help_text="Whether its country confirmed it within a year (current), within two (to_confirm), or not (inactive).",
    )
    freshness_label = LabelField(Freshness, source="freshness")
    url = serializers.HyperlinkedIdentityField(view_name="api:initiative-detail")
    dialogues = serializers.HyperlinkedRelatedField(
        many=True, read_only=True, view_name="api:dialogue-detail", help_text="Dialogues that presented it."
    )
    campaign_answers = serializers.SerializerMethodField(
        help_text="Each campaign's answers to the questions it added, from fichas as submitted, oldest campaign first."
    )
    shared_initiative = serializers.PrimaryKeyRelatedField(
        source="shared", read_only=True, allow_null=True,
        help_text="The shared initiative this report belongs to when several countries reported the same initiative "
        "(/api/v1/shared-initiatives/); totals count it once, tables per country once per reporting country.",
    )
    # Not required in the schema: only focal points and the technical unit receive them.
    focal_point_name = serializers.CharField(
        required=False, help_text="The focal point's name: only for focal points and the technical unit."
    )
    focal_point_email = serializers.CharField(
        required=False, help_text="The focal point's e-mail, or empty: only for focal points and the technical unit."
    )

    class Meta:
        model = Initiative
        fields = "__all__"  # the names and their order come from api.fields (get_field_names)
        extra_kwargs = {"version": {"help_text": "Goes up with every save; a curation PATCH sends the one it read."}}

    def get_field_names(self, declared_fields, info):
        return initiative_api_fields()

    @extend_schema_field(CampaignAnswersSerializer(many=True))
    def get_campaign_answers(self, instance) -> list[dict]:
        return campaign_answers(instance.shared_entries)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not may_see_contacts(request.user if request else None):
            for name in contact_fields():
                data.pop(name, None)
        return data


class CurationSerializer(serializers.Serializer):
    """What the technical unit may change through the API: the same moves as its screens, each
    going through registry.services (status workflow, reasons, audit trail)."""

    status = serializers.ChoiceField(choices=Status.choices, required=False)
    status_reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    classification_override = serializers.ChoiceField(choices=[("", "—"), *Classification.choices], required=False)
    classification_override_reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    sectors = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.all(), many=True, required=False)
    version = serializers.IntegerField(
        required=False, min_value=1,
        help_text="The version you read (required unless If-Match carries the ETag): a newer save in between answers 409.",
    )

    def validate(self, data):
        if not data.keys() - {"version"}:
            raise serializers.ValidationError(_("Send at least one field to change."))
        return data


class DialogueCountsSerializer(serializers.Serializer):
    organised = serializers.IntegerField()
    held = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    bilateral_held = serializers.IntegerField()


class StatsSerializer(serializers.Serializer):
    """The report's figures; the `by_*` maps go from a label in the request's language to a count."""

    initiatives = serializers.IntegerField(help_text="An initiative reported by several countries counts once (see `counting`).")
    reports = serializers.IntegerField(
        help_text="Each country's report. `by_country` counts these; the other `by_*` maps count a shared initiative once under each value its reports give."
    )
    counting = serializers.CharField(help_text="The rule the counts follow, in words.")
    reporting_countries = serializers.IntegerField()
    partner_countries = serializers.IntegerField()
    multi_actor = serializers.IntegerField(help_text="Initiatives with two or more actor types (a shared initiative once).")
    multi_actor_share = serializers.IntegerField(help_text="`multi_actor` as a percentage of `initiatives`, rounded.")
    sustainable_development_alliances = serializers.IntegerField()
    by_country = serializers.DictField(child=serializers.IntegerField())
    by_sector = serializers.DictField(child=serializers.IntegerField())
    by_type = serializers.DictField(child=serializers.IntegerField())
    by_modality = serializers.DictField(child=serializers.IntegerField())
    by_actor_type = serializers.DictField(child=serializers.IntegerField())
    by_classification = serializers.DictField(child=serializers.IntegerField())
    by_freshness = serializers.DictField(
        child=serializers.IntegerField(), help_text="Up to date, to be confirmed (a year unconfirmed), inactive (two)."
    )
    dialogues = DialogueCountsSerializer()


class QuestionOptionSerializer(serializers.Serializer):
    key = serializers.CharField()
    labels = serializers.DictField(child=serializers.CharField(), help_text="The option in es, pt and en.")


class AddedQuestionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The key of its answers in `campaign_answers`.")
    block = serializers.CharField(help_text="institution: asked once per ficha; initiative: asked about each initiative.")
    kind = serializers.CharField()
    labels = serializers.DictField(child=serializers.CharField())
    helps = serializers.DictField(child=serializers.CharField())
    required = serializers.BooleanField()
    options = QuestionOptionSerializer(many=True)
    max_items = serializers.IntegerField(allow_null=True)


class QuestionnaireSerializer(serializers.ModelSerializer):
    """What a campaign asked, version by version: the core ficha less `hidden_core`, plus `questions`."""

    questions = serializers.SerializerMethodField()

    class Meta:
        model = Questionnaire
        fields = ["id", "campaign", "version", "hidden_core", "frozen_at", "questions"]

    @extend_schema_field(AddedQuestionSerializer(many=True))
    def get_questions(self, questionnaire) -> list[dict]:
        return [
            {
                "key": q.key, "block": q.block, "kind": q.kind, "labels": dict(q.labels), "helps": dict(q.helps),
                "required": q.required, "options": [{"key": o.key, "labels": dict(o.labels)} for o in q.options],
                "max_items": q.max_items,
            }
            for q in questions_of(questionnaire).added
        ]
