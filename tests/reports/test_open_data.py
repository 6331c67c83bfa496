"""The open-data package: what an anonymous visitor may read, as related CSV tables and a
datapackage.json that the frictionless package validates; rebuilt when the published data changes."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from frictionless import Package

from registry.choices import Status
from registry.models import Initiative
from reports.models import OpenDataRelease
from reports.open_data import write_package
from reports.open_data_release import is_current, newest_release, open_data_release_build
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(focal_cr, curator, analyst):
    call_command("load_demo", stdout=io.StringIO())


def unpacked(tmp_path) -> tuple[dict, dict]:
    buffer = io.BytesIO()
    counts = write_package(buffer)
    folder = tmp_path / "package"
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        archive.extractall(folder)
    return counts, {"folder": folder, "descriptor": json.loads((folder / "datapackage.json").read_text())}


def test_the_package_of_the_demo_validates_with_frictionless(demo, tmp_path):
    make_initiative(name="Borrador secreto", status=Status.DRAFT, focal_point_name="Zuleika Quispe", focal_point_email="zuleika@quispe.example")
    counts, package = unpacked(tmp_path)
    report = Package(str(package["folder"] / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert counts["initiatives"] == Initiative.objects.published().count() == 13
    descriptor = package["descriptor"]
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0" and "PIFCSS" in descriptor["citation"]
    initiatives = next(r for r in descriptor["resources"] if r["name"] == "initiatives")
    fields = {field["name"]: field for field in initiatives["schema"]["fields"]}
    assert " / " in fields["modality"]["description"] and "triangular" in fields["modality"]["constraints"]["enum"]
    everything = "".join(path.read_text() for path in package["folder"].glob("*.csv"))
    assert "Borrador secreto" not in everything and "Zuleika" not in everything and "@" not in everything


def test_actors_and_partner_roles_are_kept_apart_not_flattened(demo, tmp_path):
    _counts, package = unpacked(tmp_path)
    actors = (package["folder"] / "actors.csv").read_text().splitlines()
    assert actors[0] == "initiative_id,organization_id,actor_type,role,position"
    countries = (package["folder"] / "countries.csv").read_text().splitlines()
    assert countries[0] == "initiative_id,country,segib_role"
    assert any(line.endswith(",second_provider") for line in countries)
    resources = {r["name"]: r for r in package["descriptor"]["resources"]}
    assert resources["actors"]["schema"]["foreignKeys"][1]["reference"] == {"resource": "organizations", "fields": ["id"]}


def test_a_release_is_rebuilt_only_when_the_published_data_changed(demo):
    first = open_data_release_build()
    assert is_current(first) and open_data_release_build() == first
    Initiative.objects.filter(pk=Initiative.objects.published().first().pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    assert not is_current(first)
    second = open_data_release_build()
    assert second != first and is_current(second) and newest_release() == second


def test_the_data_page_offers_the_newest_package_to_anyone(demo, client, django_capture_on_commit_callbacks):
    assert client.get("/data/").status_code == 200
    assert client.get("/data/alianzas-pifcss.zip").status_code == 404  # not built yet: being prepared
    call_command("build_open_data", stdout=io.StringIO())
    page = client.get("/data/").content.decode()
    assert "CC BY" in page or "Creative Commons" in page
    response = client.get("/data/alianzas-pifcss.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("datapackage.json")
    assert OpenDataRelease.objects.count() == 1


def test_a_publication_asks_the_worker_for_a_new_package_once_for_a_burst(curator, django_capture_on_commit_callbacks):
    from django.core.cache import cache
    from django_tasks_db.models import DBTaskResult

    from registry import services

    cache.clear()
    drafts = [make_initiative(name=f"Por publicar {number}", status=Status.IN_REVIEW) for number in range(3)]
    before = DBTaskResult.objects.filter(task_path__endswith="build_open_data_release").count()
    with django_capture_on_commit_callbacks(execute=True):
        for initiative in drafts:
            services.initiative_transition(initiative=initiative, to_status=Status.PUBLISHED, by=curator)
    assert DBTaskResult.objects.filter(task_path__endswith="build_open_data_release").count() == before + 1
