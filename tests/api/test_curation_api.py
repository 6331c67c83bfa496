"""The technical unit curates through the API with the same rules as its screens: legal status
moves only, reasons where the screens ask for them, all-or-nothing, conflicts detected."""

import pytest

from registry.models import AuditEntry
from tests.api.schema_check import SchemaCheckingClient as APIClient
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(costa_rica):
    return make_initiative(institution=costa_rica, name="Siembra y cosecha de agua", sectors=["environment"])


def patch(user, initiative, data, **headers):
    """A PATCH that says which version it read: the saved one, unless `data` names another."""
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    if "version" not in data and "HTTP_IF_MATCH" not in headers:
        initiative.refresh_from_db()
        data = {**data, "version": initiative.version}
    return client.patch(f"/api/v1/initiatives/{initiative.pk}/", data, format="json", **headers)


def test_the_technical_unit_withdraws_classifies_and_resectors_in_one_request(curator, initiative):
    response = patch(
        curator,
        initiative,
        {
            "status": "in_review",
            "status_reason": "Revisar los actores",
            "classification_override": "multi_actor_alliance",
            "classification_override_reason": "Dos actores son del mismo grupo",
            "sectors": ["environment", "social"],
        },
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "in_review" and body["classification"] == "multi_actor_alliance"
    assert body["classification_reason"] == "Dos actores son del mismo grupo" and body["sectors"] == ["environment", "social"]
    assert AuditEntry.objects.filter(object_id=str(initiative.pk), action="status").exists()


def test_an_illegal_move_is_refused_and_nothing_changes(curator, initiative):
    response = patch(curator, initiative, {"sectors": ["social"], "status": "draft"})
    assert response.status_code == 400 and response.json()["detail"]
    initiative.refresh_from_db()
    assert initiative.status == "published" and list(initiative.sectors.values_list("code", flat=True)) == ["environment"]


def test_an_override_without_a_reason_is_refused(curator, initiative):
    response = patch(curator, initiative, {"classification_override": "not_multi_actor"})
    assert response.status_code == 400
    initiative.refresh_from_db()
    assert initiative.classification_override == ""


def test_unknown_values_are_refused_with_their_field(curator, initiative):
    response = patch(curator, initiative, {"sectors": ["space"], "status": "gone"})
    assert response.status_code == 400 and {"sectors", "status"} <= response.json().keys()
    assert patch(curator, initiative, {}).status_code == 400


def test_a_save_after_someone_elses_is_a_conflict(curator, initiative):
    read_version = initiative.version
    patch(curator, initiative, {"sectors": ["social"]})
    response = patch(curator, initiative, {"sectors": ["tourism"], "version": read_version})
    assert response.status_code == 409
    assert list(initiative.sectors.values_list("code", flat=True)) == ["social"]


@pytest.mark.parametrize(("persona", "expected"), [(None, 401), ("analyst", 403), ("focal_cr", 403)])
def test_nobody_else_curates(request, initiative, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    assert patch(user, initiative, {"sectors": ["social"]}).status_code == expected
    assert list(initiative.sectors.values_list("code", flat=True)) == ["environment"]


def test_get_returns_the_version_and_its_etag(curator, initiative):
    client = APIClient()
    client.force_authenticate(curator)
    response = client.get(f"/api/v1/initiatives/{initiative.pk}/")
    assert response.json()["version"] == initiative.version
    assert response["ETag"] == f'"initiative-{initiative.pk}-v{initiative.version}"'
    listed = client.get("/api/v1/initiatives/").json()["results"]
    assert [item["version"] for item in listed] == [initiative.version]


def test_a_patch_that_does_not_say_what_it_read_is_refused(curator, initiative):
    client = APIClient()
    client.force_authenticate(curator)
    for headers in ({}, {"HTTP_IF_MATCH": "*"}):
        response = client.patch(f"/api/v1/initiatives/{initiative.pk}/", {"sectors": ["social"]}, format="json", **headers)
        assert response.status_code == 428 and "If-Match" in response.json()["detail"]
    assert list(initiative.sectors.values_list("code", flat=True)) == ["environment"]


def test_if_match_with_the_etag_of_the_get_saves_and_a_stale_one_is_refused(curator, initiative):
    client = APIClient()
    client.force_authenticate(curator)
    etag = client.get(f"/api/v1/initiatives/{initiative.pk}/")["ETag"]
    saved = patch(curator, initiative, {"sectors": ["social"]}, HTTP_IF_MATCH=etag)
    assert saved.status_code == 200 and saved["ETag"] != etag and saved.json()["version"] == initiative.version + 1
    stale = patch(curator, initiative, {"sectors": ["tourism"]}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and saved["ETag"] in stale.json()["detail"]
    assert list(initiative.sectors.values_list("code", flat=True)) == ["social"]


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_patches_from_one_read_save_once(reference_data, django_user_model):
    """Twenty clients read the same version and send their change at the same moment, each on its
    own connection: one is saved, nineteen are told to read again; none is silently lost."""
    import threading

    from django.contrib.auth.models import Group
    from django.db import connection

    from tests.factories import institution_for

    curator = django_user_model.objects.create_user(username="curator-c", password="x", is_staff=True)
    curator.groups.add(Group.objects.get(name="technical_unit"))
    initiative = make_initiative(institution=institution_for("CR"), sectors=["environment"])
    read, start, codes = initiative.version, threading.Barrier(20), []

    def send(number: int) -> None:
        try:
            client = APIClient()
            client.force_authenticate(curator)
            start.wait()
            body = {"classification_override": "multi_actor_alliance", "classification_override_reason": f"Motivo {number}", "version": read}
            codes.append(client.patch(f"/api/v1/initiatives/{initiative.pk}/", body, format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(number,)) for number in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200] + [409] * 19
    initiative.refresh_from_db()
    assert initiative.version == read + 1
    assert AuditEntry.objects.filter(object_id=str(initiative.pk), action="update").count() == 1


def test_the_schema_documents_the_version_the_etag_and_the_refusals(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    patch_operation = schema["paths"]["/api/v1/initiatives/{id}/"]["patch"]
    assert {"409", "412", "428"} <= patch_operation["responses"].keys()
    assert any(parameter["name"] == "If-Match" and parameter["in"] == "header" for parameter in patch_operation["parameters"])
    assert "version" in schema["components"]["schemas"]["Initiative"]["properties"]


def test_one_patch_is_one_write_one_version_and_one_audit_entry(curator, initiative):
    read = initiative.version
    before = AuditEntry.objects.filter(object_id=str(initiative.pk)).count()
    response = patch(curator, initiative, {
        "status": "in_review", "status_reason": "Revisar", "classification_override": "multi_actor_alliance",
        "classification_override_reason": "Dos del mismo grupo", "sectors": ["social"], "version": read,
    })
    assert response.status_code == 200 and response.json()["version"] == read + 1
    entries = AuditEntry.objects.filter(object_id=str(initiative.pk))
    assert entries.count() == before + 1
    assert {"status", "classification_override", "sectors"} <= set(entries.first().changes)  # newest first


def test_a_status_change_is_a_new_version_an_old_read_cannot_overwrite(curator, initiative):
    read = initiative.version
    assert patch(curator, initiative, {"status": "in_review", "status_reason": "Revisar", "version": read}).status_code == 200
    stale = patch(curator, initiative, {"sectors": ["social"], "version": read})
    assert stale.status_code == 409
