"""Every main read at 10,000 and at 100,000 initiatives, and how much it grows (issue 20).

    .venv/bin/python bench/scale.py            # both sizes (the first run builds them: minutes)
    .venv/bin/python bench/scale.py --size 10000 --json    # one size, as JSON (used by the above)

Each size lives in its own database on the embedded server (alianzas_scale_10000, _100000),
built once with the synthetic generator (actors, countries, sectors) plus dialogues, fichas of a
campaign and an audit trail in proportion, then vacuumed as autovacuum would leave it. Every read
runs in-process through Django's test client as the person who would make it; the median of
ROUNDS runs is printed, then the growth from 10,000 to 100,000 against its target:

- interactive reads (pages, API pages, the review queue...): at most 1.5x;
- the stats and the dashboard: within 3x of PostgreSQL running their aggregate queries by hand
  at 100,000 (AGGREGATES below, written here, independent of the code under test);
- large exports (IATI XML, CSV): the first bytes within 1 s and the peak memory of the process
  growing by less than 50 MB while the whole file is read (measured in a fresh process).
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000)
ROUNDS = 5
INTERACTIVE_TARGET = 1.5
AGGREGATE_TARGET = 3.0
FIRST_BYTES_TARGET_S = 1.0
MEMORY_TARGET_MB = 50

READS = {
    # name: (who, path)
    "catalog, first page": (None, "/initiatives/"),
    "catalog, text search": (None, "/initiatives/?q=cooperacion+territorios"),
    "catalog, page 50": (None, "/initiatives/?page=50"),
    "actor directory": (None, "/actors/"),
    "API page of 100": (None, "/api/v1/initiatives/?page_size=100"),
    "API with filters and q": (None, "/api/v1/initiatives/?page_size=100&sector=environment&actor_type=academia&q=agua"),
    # One broad filter alone: a quarter to two fifths of the registry match, and the list's count
    # and latest change are read over all of them.
    "API, one actor type": (None, "/api/v1/initiatives/?page_size=100&actor_type=academia"),
    "API, one sector": (None, "/api/v1/initiatives/?page_size=100&sector=environment"),
    "review queue": ("curator", "/survey/"),
    "survey progress": ("curator", "/survey/campaigns/{campaign}/progress/"),
    "audit trail": ("curator", "/audit/"),
    "stats": (None, "/api/v1/stats/"),
    "dashboard": ("curator", "/reports/"),
}
AGGREGATE_READS = {"stats", "dashboard"}
EXPORTS = {
    "IATI XML": (None, "/api/v1/initiatives/iati.xml"),
    # Above REPORTS_BACKGROUND_THRESHOLD the reports are built by the worker, with progress shown:
    # the request itself must only queue the job.
    "CSV report of every initiative": ("curator", "/reports/report.csv"),
    "Excel report of every initiative": ("curator", "/reports/report.xlsx"),
}

# The dashboard's and the stats' figures, written by hand: what PostgreSQL needs to answer them.
AGGREGATES = """
WITH published AS (SELECT id, institution_id, initiative_type, modality FROM registry_initiative WHERE status = 'published'),
kinds AS (
  SELECT p.initiative_id, count(DISTINCT p.actor_type) FILTER (WHERE p.actor_type <> 'other') AS n
  FROM registry_participation p JOIN published ON published.id = p.initiative_id GROUP BY p.initiative_id
)
SELECT
  (SELECT count(*) FROM published),
  (SELECT count(DISTINCT inst.country_id) FROM published JOIN registry_institution inst ON inst.id = published.institution_id),
  (SELECT count(DISTINCT c.country_id) FROM registry_initiativecountry c JOIN published ON published.id = c.initiative_id),
  (SELECT json_agg(t) FROM (SELECT initiative_type, count(*) FROM published GROUP BY 1) t),
  (SELECT json_agg(t) FROM (SELECT modality, count(*) FROM published GROUP BY 1) t),
  (SELECT json_agg(t) FROM (SELECT inst.country_id, count(*) FROM published JOIN registry_institution inst ON inst.id = published.institution_id GROUP BY 1) t),
  (SELECT json_agg(t) FROM (SELECT s.sector_id, count(*) FROM registry_initiative_sectors s JOIN published ON published.id = s.initiative_id GROUP BY 1) t),
  (SELECT json_agg(t) FROM (SELECT p.actor_type, count(DISTINCT p.initiative_id) FROM registry_participation p JOIN published ON published.id = p.initiative_id GROUP BY 1) t),
  (SELECT json_agg(t) FROM (SELECT CASE WHEN coalesce(kinds.n, 0) >= 3 THEN 'sd' WHEN coalesce(kinds.n, 0) = 2 THEN 'ma' ELSE 'no' END AS code, count(*)
                            FROM published LEFT JOIN kinds ON kinds.initiative_id = published.id GROUP BY 1) t)
"""


def setup_django(size: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alianzas.settings")
    os.environ["ALIANZAS_DB_NAME"] = f"alianzas_scale_{size}"
    os.environ.setdefault("API_ANON_RATE", "1000000/minute")
    os.environ.setdefault("DB_STATEMENT_TIMEOUT_MS", "600000")
    import django

    django.setup()


def build(size: int, rebuild: bool = False) -> None:
    """The registry at `size` initiatives, with what the other reads need in proportion."""
    import random

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from dialogues.models import Dialogue, DialogueStatus
    from registry.choices import Role
    from registry.models import AuditEntry, Initiative, Institution, User
    from registry.synthetic import generate_initiatives
    from surveys.models import Campaign, Ficha, FichaStatus

    call_command("migrate", verbosity=0)
    if Initiative.objects.count() == size and not rebuild:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # a migration may have rewritten rows or added an index since
        return
    from dialogues.models import Dialogue as Dialogues
    from registry.models import Organization

    Dialogues.objects.all().delete()
    AuditEntry.objects.all().delete()
    Ficha.objects.all().delete()
    Campaign.objects.all().delete()
    Initiative.objects.all().delete()
    Organization.objects.all().delete()
    started = time.perf_counter()
    generate_initiatives(count=size, seed=20)
    rng = random.Random(20)
    ids = list(Initiative.objects.values_list("pk", flat=True))
    now = timezone.now()
    for number in range(size // 50):
        held = rng.random() < 0.5
        dialogue = Dialogue.objects.create(
            title=f"Diálogo {number}", status=DialogueStatus.HELD if held else DialogueStatus.PROPOSED,
            starts_at=now - timezone.timedelta(days=rng.randint(1, 900)) if held else None,
            main_results="Intercambio de técnicos." if held else "",
        )
        dialogue.initiatives.add(*rng.sample(ids, 2))
    campaign = Campaign.objects.create(name="Relevamiento", opens_at=now - timezone.timedelta(days=30), closes_at=now + timezone.timedelta(days=30))
    fichas = [
        Ficha(campaign=campaign, institution=institution, status=rng.choice([FichaStatus.DRAFT, FichaStatus.SUBMITTED]), submitted_at=now)
        for institution in Institution.objects.all()
    ]
    Ficha.objects.bulk_create(fichas)
    from django.contrib.contenttypes.models import ContentType

    initiative_type = ContentType.objects.get_for_model(Initiative)
    AuditEntry.objects.bulk_create(
        AuditEntry(content_type=initiative_type, object_id=str(pk), object_repr=f"Iniciativa {pk}", action="update", changes={"name": ["a", "b"]})
        for pk in rng.sample(ids, min(size, 50_000))
    )
    if not User.objects.filter(username="curator").exists():
        curator = User.objects.create_user("curator", password="bench-pass-123")
        from django.contrib.auth.models import Group

        curator.groups.add(Group.objects.get(name=Role.TECHNICAL_UNIT))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"built {size:,} initiatives in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def measure(size: int) -> dict:
    from django.db import connection
    from django.test import Client

    from surveys.models import Campaign

    campaign = Campaign.objects.get(name="Relevamiento").pk
    clients = {None: Client(), "curator": Client()}
    clients["curator"].login(username="curator", password="bench-pass-123")
    results = {}
    for name, (who, path) in READS.items():
        url = path.format(campaign=campaign)
        client = clients[who]
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        samples = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        results[name] = statistics.median(samples)
    samples = []
    with connection.cursor() as cursor:
        for _ in range(ROUNDS):
            started = time.perf_counter()
            cursor.execute(AGGREGATES)
            cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    results["aggregates by hand"] = statistics.median(samples)
    return results


def export(size: int, name: str) -> dict:
    """One export read whole, in this (fresh) process: seconds to the first bytes, total, and how
    much the peak memory grew."""
    from django.test import Client

    who, path = EXPORTS[name]
    client = Client()
    if who:
        client.login(username=who, password="bench-pass-123")
    # Once on nothing first: what the first request imports and caches is not the export's memory.
    warm = client.get(path, {"q": "zzzzqqqq"})
    if getattr(warm, "streaming", False):
        b"".join(warm.streaming_content)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(path)
    first = None
    total = 0
    if getattr(response, "streaming", False):
        for chunk in response.streaming_content:
            if first is None:
                first = time.perf_counter() - started
            total += len(chunk)
    else:
        first = time.perf_counter() - started
        total = len(response.content)
    elapsed = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    queued = response.status_code == 302 and "/reports/jobs/" in response.get("Location", "")
    return {
        "first_bytes_s": first, "total_s": elapsed, "megabytes": total / 1e6, "memory_mb": grown,
        "status": response.status_code, "queued": queued,
    }


def run_child(size: int, *arguments: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--size", str(size), "--json", *arguments], check=True, capture_output=True, text=True
    )
    return json.loads(output.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--export")
    parser.add_argument("--rebuild", action="store_true", help="Build the databases again (after the generator changed).")
    options = parser.parse_args()
    if options.size:
        setup_django(options.size)
        build(options.size, rebuild=options.rebuild)
        print(json.dumps(export(options.size, options.export) if options.export else measure(options.size)))
        return
    reads = {size: run_child(size, *(["--rebuild"] if options.rebuild else [])) for size in SIZES}
    small, large = reads[SIZES[0]], reads[SIZES[1]]
    print(f"{'read':28} {'10,000':>10} {'100,000':>10} {'growth':>8}  target")
    failures = 0
    for name in READS:
        growth = large[name] / small[name]
        if name in AGGREGATE_READS:
            ratio = large[name] / large["aggregates by hand"]
            ok = ratio <= AGGREGATE_TARGET
            target = f"{ratio:.1f}x the hand-written aggregates (<= {AGGREGATE_TARGET}x)"
        else:
            ok = growth <= INTERACTIVE_TARGET
            target = f"<= {INTERACTIVE_TARGET}x"
        failures += not ok
        print(f"{name:28} {small[name]:8.1f}ms {large[name]:8.1f}ms {growth:7.2f}x  {target} {'ok' if ok else 'ABOVE'}")
    print(f"{'aggregates by hand':28} {small['aggregates by hand']:8.1f}ms {large['aggregates by hand']:8.1f}ms")
    for name in EXPORTS:
        result = run_child(SIZES[1], "--export", name)
        if result["queued"]:
            ok = result["total_s"] <= FIRST_BYTES_TARGET_S
            failures += not ok
            print(f"{name} at 100,000: queued for the worker in {result['total_s']:.2f} s {'ok' if ok else 'ABOVE'}")
            continue
        ok = result["first_bytes_s"] <= FIRST_BYTES_TARGET_S and result["memory_mb"] <= MEMORY_TARGET_MB
        failures += not ok
        print(
            f"{name} at 100,000: first bytes {result['first_bytes_s']:.2f} s, whole {result['total_s']:.1f} s, "
            f"{result['megabytes']:.0f} MB, peak memory +{result['memory_mb']:.0f} MB {'ok' if ok else 'ABOVE'}"
        )
    print("every target met" if not failures else f"{failures} above target")


if __name__ == "__main__":
    main()
