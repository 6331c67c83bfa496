"""A page of 100 initiatives from the API against PostgreSQL building the same page's JSON in one
SQL query (json_agg), over 10,000 generated initiatives.

    .venv/bin/python bench/api_page.py

Runs in its own database (alianzas_bench), vacuumed after generation as autovacuum would leave
it. The API and the queries are timed in alternation, so a slower moment of a shared machine
weighs on both; the medians are printed.

The target (at most 2x) is judged against the same page's JSON: every field the API returns,
labels, links and the reader's clock included, written by one query that also chooses the page
(api.page_json's query, which the API runs with the keys of the page it counted and
filtered). The smaller json_agg of the first version of this bench (a handful of fields, codes
without labels, raw times) is printed too, for comparison with earlier figures.

Measured on the 2-core development machine: API 31 ms, the same page's JSON 18 ms, ratio 1.68 to
1.93 over eight runs; the smaller JSON 10 ms (3.2 to 3.5x, of which PostgreSQL itself takes 1.9x
to write the full page). What the API adds is the FilterSet (2 ms), counting and choosing the
page (3.5 ms), building the query (1.4 ms) and Django itself (2 ms).
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

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402

from dialogues.selectors import dialogues_visible_to  # noqa: E402
from api.page_json import initiative_page_query  # noqa: E402
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


def same_page_query():
    """The API's own JSON for the first page of published initiatives, the page chosen in SQL."""
    request = RequestFactory().get("/api/v1/initiatives/")
    page = (
        "(SELECT id, row_number() OVER (ORDER BY id) AS position FROM registry_initiative"
        " WHERE status = %s ORDER BY id LIMIT %s) page"
    )
    return initiative_page_query(
        page, [Status.PUBLISHED.value, PAGE], request=request, visible_dialogues=dialogues_visible_to(AnonymousUser()),
        with_contacts=False,
    )


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
        "PostgreSQL, the same page's JSON": sql_page(*same_page_query()),
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
