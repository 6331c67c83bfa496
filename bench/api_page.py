"""A page of 100 initiatives from the API against PostgreSQL building the same page's JSON in one
SQL query (json_agg), over 10,000 generated initiatives.

    .venv/bin/python bench/api_page.py

Runs in its own database (alianzas_bench), vacuumed after generation as autovacuum would leave
it. The API and the queries are timed in alternation, so a slower moment of a shared machine
weighs on both; the medians are printed.

The target (at most 2x) is judged against the same page's JSON: every field the API returns,
labels, links and times included, written by one json_agg query written by hand here
(FULL_PAGE), independent of the query the API runs (api.page_json, generated from the API's
field list). tests/api/test_bench_baseline.py keeps the two equal, item for item. The smaller
json_agg of the first version of this bench (a handful of fields, codes without labels, raw
times) is printed too, for comparison with earlier figures.

Measured on the 2-core development machine (2026-12-01, after the API's list was generated from
api.fields and the baseline written by hand): API 9.6 ms, the same page's JSON 7.1 ms, ratio 1.34;
the smaller JSON 3.0 ms (PostgreSQL alone needs 2.4x that to write the full page).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alianzas.settings")
os.environ.setdefault("ALIANZAS_DB_NAME", "alianzas_bench")
os.environ.setdefault("API_ANON_RATE", "100000/minute")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from registry.choices import Status  # noqa: E402
from registry.models import Initiative  # noqa: E402
from registry.synthetic import generate_initiatives  # noqa: E402

TARGET = 2.0
PAGE = 100
ROUNDS = 25

# The first version's baseline: fewer fields, no labels, links or clock. Two ways to write it:
# joining the organizations (the natural query) and looking each actor's organization up (the
# form the API uses, because PostgreSQL otherwise hashes the organizations once per initiative).
JSON_PAGE_JOINED = """
SELECT json_agg(page) FROM (
  SELECT i.id, i.name, c.iso2 AS reporting_country, inst.name AS institution, i.initiative_type, i.objectives,
         i.strengths, i.challenges, i.results, i.sdgs, i.modality, i.phase, i.status, i.published_at,
         (SELECT json_agg(json_build_object('name', o.name, 'actor_type', p.actor_type, 'role', p.role) ORDER BY p.id)
            FROM registry_participation p JOIN registry_organization o ON o.id = p.organization_id
           WHERE p.initiative_id = i.id) AS actors,
         (SELECT json_agg(json_build_object('country', ic.country_id, 'segib_role', ic.segib_role) ORDER BY ic.id)
            FROM registry_initiativecountry ic WHERE ic.initiative_id = i.id) AS other_countries,
         (SELECT json_agg(s.code) FROM registry_initiative_sectors x JOIN registry_sector s ON s.id = x.sector_id
           WHERE x.initiative_id = i.id) AS sectors
    FROM registry_initiative i
    JOIN registry_institution inst ON inst.id = i.institution_id
    JOIN registry_country c ON c.iso2 = inst.country_id
   WHERE i.status = 'published'
   ORDER BY i.id
   LIMIT %s
) page
"""
JSON_PAGE_LOOKUP = JSON_PAGE_JOINED.replace(
    "json_build_object('name', o.name,", "json_build_object('name', (SELECT o.name FROM registry_organization o WHERE o.id = p.organization_id),"
).replace("FROM registry_participation p JOIN registry_organization o ON o.id = p.organization_id", "FROM registry_participation p")
assert JSON_PAGE_LOOKUP != JSON_PAGE_JOINED


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def sql_page(query: str, params: list):
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            cursor.fetchone()

    return run


# The API's first page for an anonymous reader (UTC clock, Spanish labels), by hand: labels,
# the classification's sentences and the freshness cut-offs are values passed in.
FULL_PAGE = """
WITH labels AS (SELECT %(labels)s::jsonb AS l)
SELECT json_agg(item ORDER BY item_id)::text FROM (
  SELECT i.id AS item_id, json_build_object(
    'id', i.id,
    'url', %(base)s || 'api/v1/initiatives/' || i.id || '/',
    'reporting_country', inst.country_id,
    'institution', json_build_object('id', inst.id, 'name', inst.name, 'acronym', inst.acronym, 'country', inst.country_id),
    'initiative_type', i.initiative_type,
    'initiative_type_label', (SELECT l #>> ARRAY['initiative_type', i.initiative_type::text] FROM labels),
    'initiative_type_other', i.initiative_type_other,
    'name', i.name,
    'objectives', i.objectives,
    'actors', (SELECT coalesce(json_agg(json_build_object(
                  'organization_id', p.organization_id, 'name', o.name, 'actor_type', p.actor_type,
                  'actor_type_label', (SELECT l #>> ARRAY['actor_type', p.actor_type] FROM labels), 'role', p.role)
                ORDER BY p.position, p.id), '[]')
               FROM registry_participation p JOIN registry_organization o ON o.id = p.organization_id WHERE p.initiative_id = i.id),
    'other_countries', (SELECT coalesce(json_agg(json_build_object(
                  'country', c.country_id, 'segib_role', c.segib_role,
                  'segib_role_label', coalesce((SELECT l #>> ARRAY['segib_role', c.segib_role] FROM labels), ''))
                ORDER BY c.id), '[]')
               FROM registry_initiativecountry c WHERE c.initiative_id = i.id),
    'justification', i.justification, 'strengths', i.strengths, 'challenges', i.challenges, 'results', i.results,
    'wants_to_share', i.wants_to_share,
    'sectors', (SELECT coalesce(json_agg(s.code ORDER BY s.name_es), '[]')
                  FROM registry_initiative_sectors x JOIN registry_sector s ON s.id = x.sector_id WHERE x.initiative_id = i.id),
    'sdgs', i.sdgs,
    'modality', i.modality, 'modality_label', coalesce((SELECT l #>> ARRAY['modality', i.modality] FROM labels), ''),
    'phase', i.phase, 'phase_label', coalesce((SELECT l #>> ARRAY['phase', i.phase] FROM labels), ''),
    'start_year', i.start_year, 'end_year', i.end_year,
    'classification', k.code,
    'classification_label', (SELECT l #>> ARRAY['classification', k.code] FROM labels),
    'classification_reason', k.reason,
    'classification_override', i.classification_override,
    'out_of_scope', i.out_of_scope, 'out_of_scope_reason', i.out_of_scope_reason,
    'status', i.status, 'status_label', (SELECT l #>> ARRAY['status', i.status] FROM labels),
    'submitted_at', i.submitted_at, 'published_at', i.published_at, 'last_confirmed_at', i.last_confirmed_at,
    'freshness', f.code, 'freshness_label', (SELECT l #>> ARRAY['freshness', f.code] FROM labels),
    'created_at', i.created_at, 'updated_at', i.updated_at,
    'dialogues', (SELECT coalesce(json_agg(%(base)s || 'api/v1/dialogues/' || x.dialogue_id || '/' ORDER BY x.dialogue_id), '[]')
                    FROM dialogues_dialogue_initiatives x JOIN dialogues_dialogue d ON d.id = x.dialogue_id
                   WHERE x.initiative_id = i.id AND d.status = 'held' AND NOT EXISTS (
                     SELECT 1 FROM dialogues_dialogue_initiatives y JOIN registry_initiative shared ON shared.id = y.initiative_id
                      WHERE y.dialogue_id = d.id AND shared.wants_to_share IS NOT TRUE)),
    'campaign_answers', (SELECT coalesce(json_agg(json_build_object('campaign', fi.campaign_id, 'questionnaire_version', qn.version,
                                                                    'answers', fe.answers) ORDER BY ca.opens_at, fi.id), '[]')
                           FROM surveys_fichainitiative fe JOIN surveys_ficha fi ON fi.id = fe.ficha_id
                           JOIN surveys_campaign ca ON ca.id = fi.campaign_id LEFT JOIN surveys_questionnaire qn ON qn.id = fi.questionnaire_id
                          WHERE fe.initiative_id = i.id AND fe.answers <> '{}' AND fi.status IN ('submitted', 'reviewed')),
    'shared_initiative', i.shared_id,
    'version', i.version
  ) AS item
  FROM registry_initiative i
  JOIN registry_institution inst ON inst.id = i.institution_id
  CROSS JOIN LATERAL (
    SELECT count(*) AS n, string_agg((SELECT l #>> ARRAY['actor_type', t.actor_type] FROM labels), ', '
                                     ORDER BY array_position(%(actor_types)s::text[], t.actor_type)) AS names
      FROM (SELECT DISTINCT actor_type FROM registry_participation WHERE initiative_id = i.id) t
  ) types
  CROSS JOIN LATERAL (
    SELECT CASE WHEN i.classification_override <> '' THEN i.classification_override
                ELSE (%(classes)s::text[])[types.n + 1] END AS code,
           CASE WHEN i.classification_override <> '' THEN i.classification_override_reason
                ELSE replace((%(reasons)s::text[])[types.n + 1], '{types}', coalesce(types.names, %(none)s)) END AS reason
  ) k
  CROSS JOIN LATERAL (
    SELECT CASE WHEN coalesce(i.last_confirmed_at, i.published_at, i.created_at) > %(due)s THEN 'current'
                WHEN coalesce(i.last_confirmed_at, i.published_at, i.created_at) > %(inactive)s THEN 'to_confirm'
                ELSE 'inactive' END AS code
  ) f
  WHERE i.status = 'published'
  ORDER BY i.id
  LIMIT %(page)s
) page
"""
TIMES = ("submitted_at", "published_at", "last_confirmed_at", "created_at", "updated_at")


def full_page_query() -> tuple[str, dict]:
    """FULL_PAGE and its values for an anonymous reader in Spanish."""
    import json

    from django.utils import timezone, translation

    from registry.choices import (
        NO_ACTOR_TYPES, ActorType, Classification, Freshness, InitiativeType, Modality, Phase, SegibRole, choice_labels,
        classification_reason, classify, freshness_cutoffs,
    )

    with translation.override("es"):
        kinds = {
            "initiative_type": InitiativeType, "modality": Modality, "phase": Phase, "status": Status,
            "classification": Classification, "freshness": Freshness, "actor_type": ActorType, "segib_role": SegibRole,
        }
        labels = {kind: {str(code): str(label) for code, label in choice_labels(choices).items()} for kind, choices in kinds.items()}
        reasons = [classification_reason(count, "{types}") for count in range(len(ActorType) + 1)]
    due, inactive = freshness_cutoffs(timezone.now())
    return FULL_PAGE, {
        "labels": json.dumps(labels), "base": "http://testserver/", "actor_types": list(ActorType.values),
        "classes": [classify(count).value for count in range(len(ActorType) + 1)], "reasons": reasons,
        "none": NO_ACTOR_TYPES, "due": due, "inactive": inactive, "page": PAGE,
    }


def api_times(items: list[dict]) -> list[dict]:
    """FULL_PAGE writes times as PostgreSQL's JSON does; the API as DRF does (ISO 8601, Z)."""
    from datetime import datetime

    from rest_framework.fields import DateTimeField

    field = DateTimeField()
    for item in items:
        for name in TIMES:
            if item[name] is not None:
                item[name] = field.to_representation(datetime.fromisoformat(item[name]))
    return items


def main() -> None:
    call_command("migrate", verbosity=0)
    if Initiative.objects.count() < 10_000:
        Initiative.objects.all().delete()
        generate_initiatives(count=10_000, seed=7)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    client = Client()
    contenders = {
        "API (Django REST Framework)": lambda: client.get(f"/api/v1/initiatives/?page_size={PAGE}", HTTP_ACCEPT="application/json"),
        "PostgreSQL, the same page's JSON": sql_page(*full_page_query()),
        "PostgreSQL, smaller JSON (joined)": sql_page(JSON_PAGE_JOINED, [PAGE]),
        "PostgreSQL, smaller JSON (lookup)": sql_page(JSON_PAGE_LOOKUP, [PAGE]),
    }
    samples = {name: [] for name in contenders}
    for _ in range(2):  # warm up caches, connections and the reader's clock
        for function in contenders.values():
            function()
    for _ in range(ROUNDS):
        for name, function in contenders.items():
            samples[name].append(timed(function))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    api, same = medians["API (Django REST Framework)"], medians["PostgreSQL, the same page's JSON"]
    smaller = min(medians["PostgreSQL, smaller JSON (joined)"], medians["PostgreSQL, smaller JSON (lookup)"])
    print(f"initiatives: {Initiative.objects.count():,}; page of {PAGE}; median of {ROUNDS} alternated rounds")
    for name, value in medians.items():
        print(f"{name + ':':36} {value:8.1f} ms")
    ratio = api / same
    print(f"ratio to the same page's JSON: {ratio:.2f} ({'within' if ratio <= TARGET else 'ABOVE'} the {TARGET}x target)")
    print(f"ratio to the smaller JSON:     {api / smaller:.2f} (PostgreSQL alone: {same / smaller:.2f} for the full page)")


if __name__ == "__main__":
    main()
