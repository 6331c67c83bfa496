"""A page of initiatives for the API list, written as JSON text by PostgreSQL in one query.

InitiativeSerializer describes the shape (and serves the detail and the schema), but building a
page of 100 through it instantiates some 3,000 model objects and walks DRF's field machinery for
each: about nine times what PostgreSQL needs to produce the same JSON. Here PostgreSQL assembles
every item, nested lists included, and Python only sends the text on.

Nothing the reader sees is decided here: labels come from registry.choices in the request's
language, the classification and its reason from classify() and classification_reason(), freshness
from freshness_cutoffs(), times from the reader's zone as Python knows it (api.clock),
links from reverse(). They reach the query as parameters; only the subquery of the dialogues
the reader may see changes its text. tests/api/test_registry_api.py checks that every listed item equals the detail."""

import json
from collections.abc import Sequence
from functools import lru_cache

from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from django.db.models import DateTimeField

from api.fields import initiative_api_fields
from dialogues.models import Dialogue
from api.clock import offset_table
from registry.choices import (
    ActorType,
    Classification,
    Freshness,
    InitiativeType,
    Modality,
    Phase,
    SegibRole,
    NO_ACTOR_TYPES,
    Status,
    choice_labels,
    UNCOUNTED_ACTOR_TYPES,
    classification_reason,
    classify,
    freshness_cutoffs,
)
from registry.ficha import contact_fields
from registry.models import Initiative, InitiativeCountry, Institution, Organization, Participation, Sector
from surveys.models import SHARED_FICHA_STATUSES, Campaign, Ficha, FichaInitiative, Questionnaire

LABELLED = {
    "initiative_type": InitiativeType, "modality": Modality, "phase": Phase, "status": Status,
    "classification": Classification, "freshness": Freshness, "actor_type": ActorType, "segib_role": SegibRole,
}
URL_SLOT = "{}"
TYPES_SLOT = "{types}"


class Parameters(list):
    """Collects a query's parameters in the order their placeholders are written."""

    def __call__(self, value) -> str:
        self.append(value)
        return "%s"


def _column(name: str) -> str:
    return f"i.{Initiative._meta.get_field(name).column}"


def _label(kind: str, code: str) -> str:
    return f"coalesce(r.labels #>> ARRAY['{kind}', ({code})::text], '')"


def _time(column: str) -> str:
    """As DRF's DateTimeField writes it: ISO 8601 on the reader's clock, microseconds only when
    there are any, Z for UTC."""
    period = f"width_bucket({column}, r.clock_starts)"
    return (
        f"(to_char(({column} AT TIME ZONE 'UTC') + make_interval(secs => r.clock_seconds[{period}]), "
        f"""'YYYY-MM-DD"T"HH24:MI:SS')"""
        f" || CASE WHEN mod(extract(microseconds FROM {column}), 1000000) = 0 THEN '' ELSE to_char({column}, '.US') END"
        f" || r.clock_suffixes[{period}])"
    )


def _object(pairs: list[tuple[str, str]]) -> str:
    return "json_build_object(" + ", ".join(f"'{key}', {value}" for key, value in pairs) + ")"


def _nested(visible_dialogues_sql: str) -> dict[str, str]:
    """The API fields that are not one column of the initiative, as SQL."""
    participation, country_link = Participation._meta.db_table, InitiativeCountry._meta.db_table
    sectors, organization = Initiative.sectors.through._meta.db_table, Organization._meta.db_table
    presented = Dialogue.initiatives.through._meta.db_table
    actor = _object([
        ("organization_id", "p.organization_id"),
        ("name", f"(SELECT o.name FROM {organization} o WHERE o.id = p.organization_id)"),
        ("actor_type", "p.actor_type"),
        ("actor_type_label", _label("actor_type", "p.actor_type")),
        ("role", "p.role"),
    ])
    other_country = _object([
        ("country", "c.country_id"), ("segib_role", "c.segib_role"), ("segib_role_label", _label("segib_role", "c.segib_role")),
    ])
    return {
        "url": "replace(r.initiative_url, '{}', i.id::text)",
        "reporting_country": "inst.country_id",
        "institution": _object([
            ("id", "inst.id"), ("name", "inst.name"), ("acronym", "inst.acronym"), ("country", "inst.country_id"),
        ]),
        "actors": f"(SELECT coalesce(json_agg({actor} ORDER BY p.position, p.id), '[]') FROM {participation} p WHERE p.initiative_id = i.id)",
        "other_countries": (
            f"(SELECT coalesce(json_agg({other_country} ORDER BY c.id), '[]') FROM {country_link} c WHERE c.initiative_id = i.id)"
        ),
        "sectors": (
            f"(SELECT coalesce(json_agg(s.code ORDER BY s.name_es), '[]') FROM {sectors} x "
            f"JOIN {Sector._meta.db_table} s ON s.id = x.sector_id WHERE x.initiative_id = i.id)"
        ),
        "shared_initiative": "i.shared_id",
        "classification": "classified.code",
        "classification_reason": "classified.reason",
        "freshness": "fresh.code",
        "dialogues": (
            f"(SELECT coalesce(json_agg(replace(r.dialogue_url, '{{}}', d.dialogue_id::text) ORDER BY d.dialogue_id), '[]') "
            f"FROM {presented} d WHERE d.initiative_id = i.id AND d.dialogue_id IN ({visible_dialogues_sql}))"
        ),
        # As api.serializers.campaign_answers: answered entries of submitted fichas, oldest campaign first.
        "campaign_answers": (
            "(SELECT coalesce(json_agg(json_build_object('campaign', f.campaign_id, 'questionnaire_version', q.version,"
            " 'answers', e.answers) ORDER BY c.opens_at, f.id), '[]')"
            f" FROM {FichaInitiative._meta.db_table} e JOIN {Ficha._meta.db_table} f ON f.id = e.ficha_id"
            f" JOIN {Campaign._meta.db_table} c ON c.id = f.campaign_id"
            f" LEFT JOIN {Questionnaire._meta.db_table} q ON q.id = f.questionnaire_id"
            f" WHERE e.initiative_id = i.id AND e.answers <> '{{}}'::jsonb"
            f" AND f.status IN ({', '.join(repr(str(status)) for status in SHARED_FICHA_STATUSES)}))"
        ),
    }


def _expression(name: str, nested: dict[str, str]) -> str:
    if name in nested:
        return nested[name]
    if name.endswith("_label") and name.removesuffix("_label") in LABELLED:
        code = name.removesuffix("_label")
        return _label(code, _expression(code, nested))
    if isinstance(Initiative._meta.get_field(name), DateTimeField):
        return f"CASE WHEN {_column(name)} IS NOT NULL THEN {_time(_column(name))} END"
    return _column(name)


def _item(visible_dialogues_sql: str, *, with_contacts: bool) -> str:
    """Every API field of an initiative (api.fields, the serializer's own list), in its order."""
    nested, hidden = _nested(visible_dialogues_sql), set() if with_contacts else set(contact_fields())
    return _object([(name, _expression(name, nested)) for name in initiative_api_fields() if name not in hidden])


def _url_template(request, view_name: str) -> str:
    """One reversed link per view with a slot for the key: reverse() per item is slow."""
    placeholder = "999999999"
    return request.build_absolute_uri(reverse(view_name, kwargs={"pk": placeholder})).replace(placeholder, URL_SLOT)


@lru_cache(maxsize=8)
def _wording(language: str) -> tuple[str, list[str]]:
    """The labels (as JSON) and the classification sentence for 0, 1, 2... actor types, with the
    types' names left as a slot, in `language` (the active one: the key only tells them apart)."""
    labels = {kind: {str(code): str(label) for code, label in choice_labels(choices).items()} for kind, choices in LABELLED.items()}
    reasons = [classification_reason(count, TYPES_SLOT) for count in range(len(ActorType) + 1)]
    return json.dumps(labels), reasons


def initiative_page_json(ids: Sequence[int], *, request, visible_dialogues, with_contacts: bool) -> str:
    """The items of `ids`, in that order, as a JSON array; `visible_dialogues` are those the reader
    may be linked to, `with_contacts` whether they may read the focal points' names and addresses."""
    sql, params = initiative_page_query(
        "unnest(%s::bigint[]) WITH ORDINALITY AS page(id, position)", [list(ids)],
        request=request, visible_dialogues=visible_dialogues, with_contacts=with_contacts,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def initiative_page_query(
    page: str, page_params: list, *, request, visible_dialogues, with_contacts: bool
) -> tuple[str, list]:
    """The query writing the JSON array of the initiatives `page` yields, a FROM item with the
    columns (id, position). bench/api_page.py runs it with the page chosen inside it."""
    labels, reasons = _wording(translation.get_language())
    clock = offset_table(timezone.get_current_timezone())
    due_since, inactive_since = freshness_cutoffs(timezone.now())
    dialogues_sql, dialogues_params = visible_dialogues.order_by().values("pk").query.sql_with_params()
    by_count = [classify(count).value for count in range(len(ActorType) + 1)]
    since = "coalesce(i.last_confirmed_at, i.published_at, i.created_at)"
    # Each fragment collects its parameters as it is written: write them in the query's order.
    p = Parameters()
    reader = (
        f"SELECT {p(labels)}::jsonb AS labels, {p(list(clock.starts))}::timestamptz[] AS clock_starts,"
        f" {p(list(clock.seconds))}::int[] AS clock_seconds, {p(list(clock.suffixes))}::text[] AS clock_suffixes,"
        f" {p(_url_template(request, 'api:initiative-detail'))}::text AS initiative_url,"
        f" {p(_url_template(request, 'api:dialogue-detail'))}::text AS dialogue_url"
    )
    item = _item(dialogues_sql, with_contacts=with_contacts)
    p.extend(dialogues_params)
    p.extend(page_params)
    kinds = (
        "SELECT count(*) AS n, string_agg(r.labels #>> ARRAY['actor_type', t.actor_type], ', '"
        f" ORDER BY array_position({p(ActorType.values)}::text[], t.actor_type)) AS names"
        f" FROM (SELECT DISTINCT p.actor_type FROM {Participation._meta.db_table} p WHERE p.initiative_id = i.id"
        f" AND NOT p.actor_type = ANY({p(sorted(UNCOUNTED_ACTOR_TYPES))}::text[])) t"
    )
    classified = (
        "SELECT CASE WHEN i.classification_override <> '' THEN i.classification_override"
        f" ELSE ({p(by_count)}::text[])[kinds.n + 1] END AS code,"
        " CASE WHEN i.classification_override <> '' THEN i.classification_override_reason"
        f" ELSE replace(({p(reasons)}::text[])[kinds.n + 1], {p(TYPES_SLOT)}, coalesce(kinds.names, {p(NO_ACTOR_TYPES)}))"
        " END AS reason"
    )
    fresh = (
        f"SELECT CASE WHEN {since} > {p(due_since)} THEN {p(Freshness.CURRENT.value)}"
        f" WHEN {since} > {p(inactive_since)} THEN {p(Freshness.TO_CONFIRM.value)}"
        f" ELSE {p(Freshness.INACTIVE.value)} END AS code"
    )
    sql = (
        f"WITH r AS ({reader}) "
        "SELECT coalesce(json_agg(items.item ORDER BY items.position), '[]')::text FROM ("
        f"SELECT page.position, {item} AS item FROM {page}"
        f" JOIN {Initiative._meta.db_table} i ON i.id = page.id"
        f" JOIN {Institution._meta.db_table} inst ON inst.id = i.institution_id"
        f" CROSS JOIN r CROSS JOIN LATERAL ({kinds}) kinds"
        f" CROSS JOIN LATERAL ({classified}) classified CROSS JOIN LATERAL ({fresh}) fresh"
        ") items"
    )
    return sql, p
