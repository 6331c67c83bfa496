"""The audit trail: every create, update and delete on initiatives, fichas and dialogues (who,
when, before and after), browsable and filterable by the technical unit only."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from dialogues.models import Dialogue
from registry import services
from registry.models import AuditEntry
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue():
    return Dialogue.objects.create(title="Diálogo sobre cosecha de agua", agenda="1. Presentación")


def admin_request(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    return request


def test_an_admin_edit_of_a_dialogue_records_who_and_each_field_before_and_after(curator, dialogue):
    model_admin = site._registry[Dialogue]
    request = admin_request(curator)
    initiative = make_initiative(name="Siembra y cosecha de agua")
    form_class = model_admin.get_form(request, dialogue, change=True)
    form = form_class(
        {"title": "Diálogo sobre agua", "format": dialogue.format, "initiatives": [initiative.pk],
         "agenda": "1. Presentación", "duration_minutes": 60, "seen_version": dialogue.version},
        instance=dialogue,
    )
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    model_admin.save_related(request, form, formsets=[], change=True)
    entry = AuditEntry.objects.get(object_id=str(dialogue.pk), content_type__model="dialogue")
    assert entry.actor == curator and entry.action == AuditEntry.Action.UPDATE
    assert entry.changes["title"] == ["Diálogo sobre cosecha de agua", "Diálogo sobre agua"]
    assert entry.changes["duration_minutes"] == [90, 60]
    assert entry.changes["initiatives"] == [[], ["Siembra y cosecha de agua"]]


def test_deleting_dialogues_in_the_admin_keeps_what_they_held(as_curator, curator, dialogue):
    response = as_curator.post(
        "/admin/dialogues/dialogue/",
        {"action": "delete_selected", "_selected_action": [dialogue.pk], "post": "yes"},
    )
    assert response.status_code == 302 and not Dialogue.objects.exists()
    entry = AuditEntry.objects.get(content_type__model="dialogue", action=AuditEntry.Action.DELETE)
    assert entry.actor == curator and entry.changes["title"] == ["Diálogo sobre cosecha de agua", None]


def test_deleting_an_initiative_in_the_admin_is_recorded(as_curator, curator):
    initiative = make_initiative(name="Iniciativa a borrar")
    as_curator.post(f"/admin/registry/initiative/{initiative.pk}/delete/", {"post": "yes"})
    entry = AuditEntry.objects.get(object_id=str(initiative.pk), action=AuditEntry.Action.DELETE)
    assert entry.changes["name"] == ["Iniciativa a borrar", None]


def test_the_technical_unit_browses_and_filters_the_trail(as_curator, curator, focal_cr, dialogue):
    initiative = make_initiative(name="Siembra y cosecha de agua", by=focal_cr)
    services.initiative_classify(
        initiative=initiative, classification="not_multi_actor", reason="Un solo tipo de actor", by=curator
    )
    page = as_curator.get("/audit/")
    assert page.status_code == 200 and "Siembra y cosecha de agua" in page.text
    by_curator = as_curator.get("/audit/", {"by": "curator", "kind": "initiative"}).context["page"]
    assert by_curator.paginator.count >= 1 and all(entry.actor == curator for entry in by_curator)
    created = as_curator.get("/audit/", {"action": "create", "q": "siembra"}).context["page"]
    assert [entry.actor for entry in created] == [focal_cr]
    one_record = as_curator.get("/audit/", {"kind": "initiative", "object_id": initiative.pk}).context["page"]
    assert {entry.object_id for entry in one_record} == {str(initiative.pk)}


def test_a_bad_filter_says_why_and_shows_nothing(as_curator):
    response = as_curator.get("/audit/", {"since": "ayer", "kind": "planeta"})
    assert response.status_code == 200 and "error-summary" in response.text
    assert response.context["page"].paginator.count == 0


@pytest.mark.parametrize("persona, expected", [("as_anonymous", 302), ("as_focal_cr", 403), ("as_analyst", 403)])
def test_nobody_else_reads_the_trail(request, persona, expected):
    assert request.getfixturevalue(persona).get("/audit/").status_code == expected


@pytest.mark.parametrize("count", [3, 60])
def test_the_trail_runs_a_constant_number_of_queries(as_curator, curator, django_assert_max_num_queries, count):
    for number in range(count):
        Dialogue.objects.create(title=f"Diálogo {number}")
        make_initiative(name=f"Iniciativa {number}", by=curator, sectors=["social"])
    with django_assert_max_num_queries(8):
        response = as_curator.get("/audit/")
    assert response.status_code == 200


def test_the_trail_reads_as_labels_not_codes_and_leaves_out_bookkeeping(as_curator, curator, dialogue):
    from datetime import UTC, datetime

    from dialogues import services as dialogue_services
    from registry.audit import audit_record

    dialogue_services.dialogue_schedule(
        dialogue=dialogue, starts_at=datetime(2026, 3, 10, 14, tzinfo=UTC), duration_minutes=90, video_link="", by=curator
    )
    audit_record(instance=dialogue, action=AuditEntry.Action.UPDATE, by=curator, changes={"sequence": [0, 1], "uid": ["a", "b"]})
    initiative = make_initiative(name="Huertas", status="submitted")
    services.initiative_transition(initiative=initiative, to_status="returned", by=curator, reason="Faltan datos")
    page = as_curator.get("/audit/").text
    assert "Propuesto → Programado" in page and "proposed" not in page and "scheduled" not in page
    assert "<code>" not in page and ">sequence<" not in page and ">uid<" not in page
    assert "Enviada → Devuelta con comentarios" in page
    detail = as_curator.get(f"/initiatives/{initiative.pk}/").text
    assert "Devuelt" in detail and "returned" not in detail.split("Historial de cambios")[-1]
