"""bench/api_page.py compares the API with PostgreSQL writing "the same page's JSON" in a query
written by hand, independent of the API's own: this keeps that claim true, item for item."""

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
    from dialogues.models import Dialogue
    from registry import services

    first = make_initiative(
        name="Publicada 0", actors=[("MAG", ActorType.PUBLIC_SECTOR), ("UCR", ActorType.ACADEMIA), ("Coope", ActorType.CIVIL_SOCIETY)],
        partners=["GT", "HN"], sectors=["environment", "social"], wants_to_share=True, modality="triangular", sdgs=[6, 13],
        start_year=2020, end_year=2023, phase="implementation",
    )
    second = make_initiative(name="Publicada 1", actors=[("MAG", ActorType.PUBLIC_SECTOR)], wants_to_share=True)
    services.initiative_classify(initiative=second, classification="multi_actor_alliance", reason="Dos ministerios distintos", by=None)
    make_initiative(name="Publicada 2", actors=[])
    make_initiative(name="Borrador", status=Status.DRAFT)
    held = Dialogue.objects.create(title="Diálogo", status="held", starts_at="2024-05-01T15:00:00Z")
    held.initiatives.add(first, second)
    Dialogue.objects.create(title="Propuesto").initiatives.add(first)
    bench = load_bench(monkeypatch)
    with connection.cursor() as cursor:
        cursor.execute(*bench.full_page_query())
        baseline = bench.api_times(json.loads(cursor.fetchone()[0]))
    served = APIClient().get("/api/v1/initiatives/", {"page_size": bench.PAGE}).json()["results"]
    assert [item["name"] for item in baseline] == ["Publicada 0", "Publicada 1", "Publicada 2"]
    assert baseline == served
    assert served[0]["dialogues"] and served[0]["other_countries"] and served[1]["classification_override"]
