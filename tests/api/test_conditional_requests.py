"""National systems sync and cache the API: `updated_since` on every list, ETag and Last-Modified
on lists and details, 304 for what the client already holds; empty filters are ignored."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from registry.models import Country, Initiative
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/initiatives/", "/api/v1/organizations/", "/api/v1/countries/", "/api/v1/sectors/", "/api/v1/dialogues/",
    "/api/v1/seminars/", "/api/v1/success-cases/", "/api/v1/questionnaires/",
]


@pytest.fixture
def initiatives(db):
    return [make_initiative(name=f"Iniciativa {number}", start_year=2020) for number in range(3)]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_says_what_it_is_and_answers_304_when_nothing_changed(initiatives, url):
    client = APIClient()
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    # An empty list has no moment of change to give.
    body = first.json()
    rows = body["count"] if isinstance(body, dict) else len(body)  # sectors come unpaginated
    assert ("Last-Modified" in first) == (rows > 0)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]
    if "Last-Modified" in first:
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_change_makes_the_list_and_the_record_new_again(initiatives):
    from registry import services

    client = APIClient()
    listed = client.get("/api/v1/initiatives/")
    detail = client.get(f"/api/v1/initiatives/{initiatives[0].pk}/")
    assert detail["ETag"] == f'"initiative-{initiatives[0].pk}-v{initiatives[0].version}"'  # the one If-Match names
    assert client.get(f"/api/v1/initiatives/{initiatives[0].pk}/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        changed = Initiative.objects.get(pk=initiatives[0].pk)
        changed.name = "Nuevo nombre"
        services.initiative_save(initiative=changed, by=None)
        fresh = client.get("/api/v1/initiatives/", HTTP_IF_NONE_MATCH=listed["ETag"], HTTP_IF_MODIFIED_SINCE=listed["Last-Modified"])
        assert fresh.status_code == 200 and fresh["ETag"] != listed["ETag"]
        assert client.get(f"/api/v1/initiatives/{changed.pk}/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 200
        assert client.get("/api/v1/initiatives/", HTTP_IF_MODIFIED_SINCE=listed["Last-Modified"]).status_code == 200


def test_updated_since_keeps_what_changed_at_or_after_it(initiatives):
    client = APIClient()
    later = timezone.now() + timedelta(days=1)
    Initiative.objects.filter(pk=initiatives[1].pk).update(updated_at=later)
    found = client.get("/api/v1/initiatives/", {"updated_since": later.isoformat()}).json()["results"]
    assert [item["id"] for item in found] == [initiatives[1].pk]
    day = (later - timedelta(days=2)).date().isoformat()
    assert client.get("/api/v1/initiatives/", {"updated_since": day}).json()["count"] == 3
    assert client.get("/api/v1/initiatives/", {"updated_since": "2026-13-45"}).status_code == 400
    assert client.get("/api/v1/initiatives/", {"updated_since": "ayer"}).status_code == 400
    Country.objects.filter(pk="CR").update(updated_at=later)
    assert [c["iso2"] for c in client.get("/api/v1/countries/", {"updated_since": later.isoformat()}).json()["results"]] == ["CR"]


@pytest.mark.parametrize("url", [*LISTS, "/api/v1/initiatives/iati.xml", "/api/v1/stats/"])
def test_empty_filter_parameters_are_ignored_everywhere(initiatives, url):
    response = APIClient().get(url, {"sector": "", "country": "", "actor_type": "", "q": "", "updated_since": "", "answer": ""})
    assert response.status_code == 200


def test_the_schema_documents_the_sync_parameters_and_304():
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    listing = schema["paths"]["/api/v1/initiatives/"]["get"]
    assert "updated_since" in [parameter["name"] for parameter in listing["parameters"]]
    assert "304" in listing["responses"] and "304" in schema["paths"]["/api/v1/countries/{iso2}/"]["get"]["responses"]


@pytest.mark.parametrize("recent_changes", [1, 3, 200])
def test_a_lists_count_and_latest_change_are_exact_whether_or_not_its_latest_is_among_the_newest(monkeypatch, db, recent_changes):
    """The latest change is looked for among the table's newest changes first, then over every
    match: both give exactly what a direct aggregate gives, for old matches, recent ones and none."""
    from django.db.models import Count, Max

    from api import conditional

    monkeypatch.setattr(conditional, "RECENT_CHANGES", recent_changes)
    now = timezone.now()
    old = [make_initiative(name=f"Antigua {number}", start_year=2015) for number in range(3)]
    new = [make_initiative(name=f"Reciente {number}", start_year=2024) for number in range(4)]
    for age, initiative in enumerate(reversed(old + new)):
        Initiative.objects.filter(pk=initiative.pk).update(updated_at=now - timedelta(days=age))
    for matches in (
        Initiative.objects.filter(start_year=2015),  # only old ones: outside a window of 1 or 3
        Initiative.objects.filter(start_year=2024),
        Initiative.objects.filter(start_year__in=[2015, 2024]),
        Initiative.objects.filter(start_year=1990),  # nothing
        Initiative.objects.none(),
    ):
        expected = matches.aggregate(latest=Max("updated_at"), count=Count("pk"))
        assert conditional.count_and_latest(matches) == expected
    assert conditional.count_and_latest(Initiative.objects.filter(start_year=2015))["latest"] == now - timedelta(days=4)
