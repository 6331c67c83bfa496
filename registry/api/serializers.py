"""JSON shapes of the registry API. Codes are the ficha's stable codes (registry.choices); each
coded field has a `_label` companion in the request's language."""

from rest_framework import serializers

from registry.models import Country, Initiative, InitiativeCountry, Institution, Organization, Participation, Sector


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
    actor_type_label = serializers.CharField(source="get_actor_type_display")

    class Meta:
        model = Organization
        fields = ["id", "name", "country", "actor_type", "actor_type_label"]


class InstitutionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")

    class Meta:
        model = Institution
        fields = ["id", "name", "acronym", "country"]


class ActorSerializer(serializers.ModelSerializer):
    organization_id = serializers.IntegerField()
    name = serializers.CharField(source="organization.name")
    actor_type_label = serializers.CharField(source="get_actor_type_display")

    class Meta:
        model = Participation
        fields = ["organization_id", "name", "actor_type", "actor_type_label", "role"]


class OtherCountrySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")
    segib_role_label = serializers.CharField(source="get_segib_role_display")

    class Meta:
        model = InitiativeCountry
        fields = ["country", "segib_role", "segib_role_label"]


class InitiativeSerializer(serializers.ModelSerializer):
    reporting_country = serializers.CharField(source="institution.country_id")
    institution = InstitutionSerializer()
    initiative_type_label = serializers.CharField(source="get_initiative_type_display")
    actors = ActorSerializer(source="participations", many=True)
    other_countries = OtherCountrySerializer(source="country_links", many=True)
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    modality_label = serializers.CharField(source="get_modality_display")
    phase_label = serializers.CharField(source="get_phase_display")
    classification = serializers.CharField()
    classification_label = serializers.CharField(source="classification.label")
    classification_reason = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    url = serializers.HyperlinkedIdentityField(view_name="api:initiative-detail")

    class Meta:
        model = Initiative
        fields = [
            "id", "url", "name", "reporting_country", "institution", "initiative_type", "initiative_type_label",
            "initiative_type_other", "objectives", "actors", "other_countries", "focal_point_name",
            "focal_point_email", "justification", "strengths", "challenges", "results", "wants_to_share",
            "sectors", "sdgs", "modality", "modality_label", "phase", "phase_label", "start_year", "end_year",
            "classification", "classification_label", "classification_reason", "classification_override",
            "out_of_scope", "out_of_scope_reason", "status", "status_label", "submitted_at", "published_at",
            "created_at", "updated_at",
        ]
