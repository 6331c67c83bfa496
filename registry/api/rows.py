"""Pages of initiatives for the API list, read as plain rows.

InitiativeSerializer describes the shape (and serves the detail and the schema), but building a
page of 100 through it instantiates some 3,000 model objects and walks DRF's field machinery for
each: about nine times what PostgreSQL needs to produce the same JSON. Here PostgreSQL aggregates
every nested list into JSON in the page's own query, and Python only adds labels and links.
tests/api/test_registry_api.py checks that every listed row equals the detail (the serializer)."""

from django.contrib.postgres.aggregates import ArrayAgg, JSONBAgg
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from dialogues.models import Dialogue
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
    classify,
    freshness_of,
)
from registry.models import Initiative, InitiativeCountry, Organization, Participation

PLAIN_FIELDS = [
    "id", "name", "initiative_type", "initiative_type_other", "objectives", "focal_point_name",
    "focal_point_email", "justification", "strengths", "challenges", "results", "wants_to_share", "sdgs",
    "modality", "phase", "start_year", "end_year", "classification_override", "classification_override_reason",
    "out_of_scope", "out_of_scope_reason", "status", "submitted_at", "published_at", "last_confirmed_at",
    "created_at", "updated_at",
]
TIMESTAMPS = ("submitted_at", "published_at", "last_confirmed_at", "created_at", "updated_at")
ACTOR_TYPE_ORDER = {value: index for index, value in enumerate(ActorType.values)}


def _list_of(queryset, expression):
    """A correlated subquery that returns one aggregated value per initiative (NULL when none)."""
    return Subquery(queryset.filter(initiative=OuterRef("pk")).order_by().values("initiative").annotate(v=expression).values("v"))


def initiative_rows(initiatives, *, visible_dialogues):
    """The page's queryset as dicts, nested lists included; one query however long the page."""
    organization_name = Organization.objects.filter(pk=OuterRef("organization_id")).values("name")
    actors = JSONBAgg(
        JSONObject(
            # A lookup per actor: joining the organizations makes PostgreSQL hash the whole
            # table once per initiative, which took three quarters of the query.
            organization_id=F("organization_id"), name=Subquery(organization_name),
            actor_type=F("actor_type"), role=F("role"),
        ),
        order_by="pk",
    )
    other_countries = JSONBAgg(JSONObject(country=F("country_id"), segib_role=F("segib_role")), order_by="pk")
    sectors = Initiative.sectors.through.objects.filter(initiative=OuterRef("pk"))
    dialogues = Dialogue.initiatives.through.objects.filter(
        initiative=OuterRef("pk"), dialogue__in=visible_dialogues.values("pk")
    )
    return initiatives.values(
        *PLAIN_FIELDS,
        institution_ref=F("institution_id"),
        institution_name=F("institution__name"),
        institution_acronym=F("institution__acronym"),
        reporting_country=F("institution__country_id"),
        actor_list=_list_of(Participation.objects, actors),
        country_list=_list_of(InitiativeCountry.objects, other_countries),
        sector_codes=Subquery(
            sectors.values("initiative").annotate(v=ArrayAgg("sector__code", order_by="sector__name_es")).values("v")
        ),
        dialogue_ids=Subquery(
            dialogues.values("initiative").annotate(v=ArrayAgg("dialogue_id", order_by="dialogue_id")).values("v")
        ),
    )


class CountedRows:
    """The page's rows, counted on the filtered queryset: counting the rows query itself would
    join the institution for nothing and cost as much as reading the page."""

    def __init__(self, rows, *, counted):
        self.rows, self.counted = rows, counted
        self.ordered = rows.ordered

    def count(self) -> int:
        return self.counted.count()

    def __getitem__(self, index):
        return self.rows[index]


class RowFormatter:
    """Turns rows into the API's JSON, with labels in the request's language looked up once."""

    def __init__(self, request):
        self.request = request
        self.labels = {
            name: choice_labels(choices)
            for name, choices in (
                ("initiative_type", InitiativeType), ("modality", Modality), ("phase", Phase),
                ("status", Status), ("classification", Classification), ("freshness", Freshness),
            )
        }
        self.actor_type, self.segib_role = choice_labels(ActorType), choice_labels(SegibRole)
        self.time_zone = timezone.get_current_timezone()
        self.now = timezone.now()
        # Links are built from one reversed template per view: reverse() per item is slow.
        self.initiative_url = self._url_template("api:initiative-detail")
        self.dialogue_url = self._url_template("api:dialogue-detail")

    def _url_template(self, view_name: str) -> str:
        placeholder = "999999999"
        return self.request.build_absolute_uri(reverse(view_name, kwargs={"pk": placeholder})).replace(
            placeholder, "{}"
        )

    def timestamp(self, value) -> str:
        """As DRF's DateTimeField writes it: ISO 8601 on the reader's clock, Z for UTC."""
        text = value.astimezone(self.time_zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    def classification(self, row: dict, actor_types: list[str]) -> tuple[str, str]:
        if row["classification_override"]:
            return row["classification_override"], row["classification_override_reason"]
        labels = [self.actor_type[value] for value in actor_types]
        reason = ngettext(
            "%(count)d distinct actor type: %(types)s.",
            "%(count)d distinct actor types: %(types)s.",
            len(labels),
        ) % {"count": len(labels), "types": ", ".join(str(label) for label in labels) or "—"}
        return classify(len(labels)).value, reason

    def __call__(self, row: dict) -> dict:
        actors = row["actor_list"] or []
        actor_types = sorted({actor["actor_type"] for actor in actors}, key=ACTOR_TYPE_ORDER.__getitem__)
        classification, reason = self.classification(row, actor_types)
        labels = self.labels
        for actor in actors:
            actor["actor_type_label"] = self.actor_type.get(actor["actor_type"], "")
        countries = row["country_list"] or []
        for country in countries:
            country["segib_role_label"] = self.segib_role.get(country["segib_role"], "")
        freshness = freshness_of(row["last_confirmed_at"] or row["published_at"] or row["created_at"], self.now).value
        for name in TIMESTAMPS:
            if row[name] is not None:
                row[name] = self.timestamp(row[name])
        return {
            "id": row["id"],
            "url": self.initiative_url.format(row["id"]),
            "name": row["name"],
            "reporting_country": row["reporting_country"],
            "institution": {
                "id": row["institution_ref"], "name": row["institution_name"], "acronym": row["institution_acronym"],
                "country": row["reporting_country"],
            },
            "initiative_type": row["initiative_type"],
            "initiative_type_label": labels["initiative_type"].get(row["initiative_type"], ""),
            "initiative_type_other": row["initiative_type_other"],
            "objectives": row["objectives"],
            "actors": [
                {
                    "organization_id": actor["organization_id"], "name": actor["name"],
                    "actor_type": actor["actor_type"], "actor_type_label": actor["actor_type_label"],
                    "role": actor["role"],
                }
                for actor in actors
            ],
            "other_countries": [
                {"country": country["country"], "segib_role": country["segib_role"],
                 "segib_role_label": country["segib_role_label"]}
                for country in countries
            ],
            "focal_point_name": row["focal_point_name"],
            "focal_point_email": row["focal_point_email"],
            "justification": row["justification"],
            "strengths": row["strengths"],
            "challenges": row["challenges"],
            "results": row["results"],
            "wants_to_share": row["wants_to_share"],
            "sectors": row["sector_codes"] or [],
            "sdgs": row["sdgs"],
            "modality": row["modality"],
            "modality_label": labels["modality"].get(row["modality"], ""),
            "phase": row["phase"],
            "phase_label": labels["phase"].get(row["phase"], ""),
            "start_year": row["start_year"],
            "end_year": row["end_year"],
            "classification": classification,
            "classification_label": labels["classification"].get(classification, ""),
            "classification_reason": reason,
            "classification_override": row["classification_override"],
            "out_of_scope": row["out_of_scope"],
            "out_of_scope_reason": row["out_of_scope_reason"],
            "status": row["status"],
            "status_label": labels["status"].get(row["status"], ""),
            "submitted_at": row["submitted_at"],
            "published_at": row["published_at"],
            "last_confirmed_at": row["last_confirmed_at"],
            "freshness": freshness,
            "freshness_label": labels["freshness"].get(freshness, ""),
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
            "dialogues": [self.dialogue_url.format(pk) for pk in row["dialogue_ids"] or []],
        }
