"""bench/api_page.py compares the API with PostgreSQL writing "the same page's JSON": this keeps
that claim true, item for item."""

import importlib.util
import json

import pytest
from django.conf import settings
from django.db import connection

from registry.choices import ActorType, Status
from tests.api.schema_check import SchemaCheckingClient as APIClient
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


def load_bench(monkeypatch):
    # The script sets its own database and rate limit only when unset: keep this process's.
    monkeypatch.setenv("ALIANZAS_DB_NAME", settings.DATABASES["default"]["NAME"])
    monkeypatch.setenv("API_ANON_RATE", "1000/minute")
    spec = importlib.util.spec_from_file_location("api_page_bench", settings.BASE_DIR / "bench" / "api_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmarks_baseline_writes_exactly_the_apis_first_page(monkeypatch):
    for number in range(3):
        make_initiative(name=f"Publicada {number}", actors=[("MAG", ActorType.PUBLIC_SECTOR), ("UCR", ActorType.ACADEMIA)])
    make_initiative(name="Borrador", status=Status.DRAFT)
    bench = load_bench(monkeypatch)
    with connection.cursor() as cursor:
        cursor.execute(*bench.same_page_query())
        baseline = json.loads(cursor.fetchone()[0])
    served = APIClient().get("/api/v1/initiatives/", {"page_size": bench.PAGE}).json()["results"]
    assert [item["name"] for item in baseline] == ["Publicada 0", "Publicada 1", "Publicada 2"]
    assert baseline == served
