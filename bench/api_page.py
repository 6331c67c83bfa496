"""A page of 100 initiatives from the API against PostgreSQL building the same page's JSON in one
SQL query (json_agg), over 10,000 generated initiatives.

    .venv/bin/python bench/api_page.py

Runs in its own database (alianzas_bench). Prints the median of each and the ratio against the
faster SQL form (target: at most 2x). Measured on the development machine: 51 ms against 10 ms
(5.1x; it was 9.5x through the serializer). What is left is fixed Python work per request, about
7 ms each for the FilterSet's form, building the query and formatting, 11 ms compiling and
converting, 5 ms writing JSON; see issue 7's notes.
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

from registry.models import Initiative  # noqa: E402
from registry.synthetic import generate_initiatives  # noqa: E402

TARGET = 2.0
PAGE = 100

# The same page, its nested lists included, assembled by PostgreSQL alone. Two ways to write it:
# joining the organizations (the natural query) and looking each actor's organization up (the
# form the API uses, because PostgreSQL otherwise hashes the organizations once per initiative).
# The ratio is taken against the faster of the two, so the comparison stays honest.
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


def median_ms(function, rounds: int = 9) -> float:
    function()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def sql_page(query: str):
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(query, [PAGE])
            cursor.fetchone()

    return run


def main() -> None:
    call_command("migrate", verbosity=0)
    if Initiative.objects.count() < 10_000:
        Initiative.objects.all().delete()
        generate_initiatives(count=10_000, seed=7)
    client = Client()
    api = median_ms(lambda: client.get(f"/api/v1/initiatives/?page_size={PAGE}", HTTP_ACCEPT="application/json"))
    joined = median_ms(sql_page(JSON_PAGE_JOINED))
    lookup = median_ms(sql_page(JSON_PAGE_LOOKUP))
    sql = min(joined, lookup)
    ratio = api / sql
    print(f"initiatives: {Initiative.objects.count():,}; page of {PAGE}")
    print(f"API (Django REST Framework):               {api:8.1f} ms")
    print(f"PostgreSQL json_agg, organizations joined: {joined:8.1f} ms")
    print(f"PostgreSQL json_agg, organization lookup:  {lookup:8.1f} ms")
    print(f"ratio {ratio:.2f} ({'within' if ratio <= TARGET else 'ABOVE'} the {TARGET}x target)")


if __name__ == "__main__":
    main()
