"""Dialogues and seminars for analysts: what each person may see on the site, as JSON."""

from rest_framework import serializers, viewsets

from dialogues.models import Dialogue, DialogueFormat, DialogueStatus, Panelist, Seminar
from dialogues.selectors import dialogues_visible_to, seminars_visible_to
from api.conditional import ConditionalMixin, conditional_schema
from api.pagination import Pages
from api.serializers import LabelField
from registry.choices import ActorType
from registry.privacy import may_see_contacts


class DialogueSerializer(serializers.ModelSerializer):
    initiatives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    presenting_countries = serializers.SerializerMethodField()
    invited_countries = serializers.SlugRelatedField(slug_field="iso2", many=True, read_only=True)
    status_label = LabelField(DialogueStatus, source="status")
    format_label = LabelField(DialogueFormat, source="format")

    class Meta:
        model = Dialogue
        fields = [
            "id", "title", "format", "format_label", "status", "status_label", "status_reason", "starts_at",
            "duration_minutes", "initiatives", "presenting_countries", "invited_countries", "main_results", "focus",
        ]

    def get_presenting_countries(self, dialogue) -> list[str]:
        return sorted({initiative.institution.country_id for initiative in dialogue.initiatives.all()})


class PanelistSerializer(serializers.ModelSerializer):
    actor_type_label = LabelField(ActorType, source="actor_type")
    person = serializers.CharField(required=False, help_text="Only for focal points and the technical unit.")

    class Meta:
        model = Panelist
        fields = ["person", "organization", "actor_type", "actor_type_label"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not may_see_contacts(request.user if request else None):
            del data["person"]
        return data


class SeminarSerializer(serializers.ModelSerializer):
    panelists = PanelistSerializer(many=True, read_only=True)
    # Plain text in the schema: a blank URL field otherwise reads as two overlapping alternatives.
    recording_link = serializers.CharField(allow_blank=True, help_text="A URL, or empty.")

    class Meta:
        model = Seminar
        fields = [
            "id", "title", "starts_at", "duration_minutes", "attendance_peak", "attendance_minimum", "recording_link",
            "panel_summary", "panelists",
        ]


@conditional_schema
class DialogueViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DialogueSerializer
    pagination_class = Pages

    def get_queryset(self):
        return dialogues_visible_to(self.request.user).order_by("starts_at", "pk")


@conditional_schema
class SeminarViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SeminarSerializer
    pagination_class = Pages

    def get_queryset(self):
        return seminars_visible_to(self.request.user).order_by("-starts_at")
