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


def patch(user, initiative, data):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client.patch(f"/api/v1/initiatives/{initiative.pk}/", data, format="json")


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
