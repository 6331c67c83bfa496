"""How the catalog and the synthetic-data generator scale from 1,000 to 10,000 initiatives.

    .venv/bin/python bench/catalog_scaling.py

Runs in its own database (alianzas_bench) on the embedded server and prints ratios: a list page
should cost about the same whatever the size of the registry, and generation should be linear.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alianzas.settings")
os.environ.setdefault("ALIANZAS_DB_NAME", "alianzas_bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from registry.models import Initiative  # noqa: E402
from registry.synthetic import generate_initiatives  # noqa: E402

PAGES = {
    "plain list": "/initiatives/?page_size=100",
    "text search": "/initiatives/?q=cooperacion+territorios&page_size=100",
    "filters": "/initiatives/?sector=environment&actor_type=academia&classification=sustainable_development_alliance",
    "last page": "/initiatives/?page=last",
}


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def measure_pages(client: Client) -> dict[str, tuple[float, int]]:
    results = {}
    for label, url in PAGES.items():
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        # Read now: the log it slices is reset by the next request.
        query_count = len(queries.captured_queries)
        samples = [timed(lambda url=url: client.get(url)) for _ in range(7)]
        results[label] = (statistics.median(samples), query_count)
    return results


def main() -> None:
    call_command("migrate", verbosity=0)
    Initiative.objects.all().delete()
    client = Client()

    small_generation = timed(lambda: generate_initiatives(count=1_000, seed=1))
    small = measure_pages(client)
    large_generation = timed(lambda: generate_initiatives(count=9_000, seed=2))
    large = measure_pages(client)

    print(f"generation: 1,000 in {small_generation:.1f} s; 9,000 more in {large_generation:.1f} s "
          f"(per-initiative ratio {large_generation / 9 / small_generation:.2f}; 1.00 is linear)")
    print(f"{'page':<14}{'1k (ms)':>10}{'10k (ms)':>10}{'ratio':>8}{'queries 1k/10k':>16}")
    for label in PAGES:
        (t_small, q_small), (t_large, q_large) = small[label], large[label]
        print(f"{label:<14}{t_small * 1000:>10.1f}{t_large * 1000:>10.1f}{t_large / t_small:>8.2f}{q_small:>9}/{q_large}")


if __name__ == "__main__":
    main()
