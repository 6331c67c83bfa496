"""Alliance follow-up: phase history (which sets the initiative's phase), co-chairs and working
groups with their lead, and a risk register pre-filled with the six typical risks of source
document 002, updated by the technical unit and the initiative's own focal points only."""

from datetime import date

import pytest

from registry.choices import ActorType, Phase, TypicalRisk
from followup.models import Risk
from registry.models import AuditEntry, Organization
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance(costa_rica):
    return make_initiative(
        institution=costa_rica,
        name="Siembra y Cosecha de Agua",
        actors=[("MAG", ActorType.PUBLIC_SECTOR), ("Universidad EARTH", ActorType.ACADEMIA), ("CoopeAgua", ActorType.CIVIL_SOCIETY)],
    )


def url(initiative) -> str:
    return f"/initiatives/{initiative.pk}/follow-up/"


def test_the_register_starts_with_the_six_typical_risks_and_their_measures(as_focal_cr, alliance):
    page = as_focal_cr.get(url(alliance))
    assert page.status_code == 200
    kinds = list(Risk.objects.filter(initiative=alliance).values_list("kind", flat=True))
    assert kinds == [kind for kind in TypicalRisk.values if kind != "other"]
    assert "Expectativas poco realistas" in page.text and "Sesgo político" in page.text
    assert "perfil bajo" in page.text  # the measure against overshadowing by international NGOs
    as_focal_cr.get(url(alliance))
    assert Risk.objects.filter(initiative=alliance).count() == 6  # opened twice, pre-filled once


def test_the_measures_follow_the_readers_language(as_focal_cr, alliance):
    page = as_focal_cr.get(url(alliance), HTTP_ACCEPT_LANGUAGE="pt")
    assert "Expectativas pouco realistas" in page.text


def test_a_focal_point_updates_a_risk_and_adds_another(as_focal_cr, focal_cr, alliance):
    as_focal_cr.get(url(alliance))
    risk = Risk.objects.get(initiative=alliance, kind=TypicalRisk.POLITICAL_BIAS)
    response = as_focal_cr.post(url(alliance), {"action": "update_risk", "risk": risk.pk, "status": "mitigating",
                                                "note": "Se sumó una cooperativa de otra región."}, follow=True)
    assert "Seguimiento guardado" in response.text
    risk.refresh_from_db()
    assert (risk.status, risk.updated_by) == ("mitigating", focal_cr)
    as_focal_cr.post(url(alliance), {"action": "add_risk", "description": "Cambio de autoridades", "contingency": "Acta de compromiso"})
    assert Risk.objects.filter(initiative=alliance, kind="other", description="Cambio de autoridades").exists()
    assert AuditEntry.objects.filter(object_id=str(alliance.pk), changes__has_key="risk: Sesgo político").exists()


def test_phase_history_keeps_the_initiatives_phase_current(as_curator, alliance):
    as_curator.post(url(alliance), {"action": "add_phase", "phase": Phase.IDENTIFICATION_DESIGN, "started_on": "2022-03-01"})
    as_curator.post(url(alliance), {"action": "add_phase", "phase": Phase.IMPLEMENTATION, "started_on": "2023-01-15"})
    alliance.refresh_from_db()
    assert alliance.phase == Phase.IMPLEMENTATION
    assert [(step.phase, step.started_on) for step in alliance.phase_steps.all()] == [
        (Phase.IDENTIFICATION_DESIGN, date(2022, 3, 1)), (Phase.IMPLEMENTATION, date(2023, 1, 15)),
    ]
    latest = alliance.phase_steps.last()
    as_curator.post(url(alliance), {"action": "remove_phase", "step": latest.pk})
    alliance.refresh_from_db()
    assert alliance.phase == Phase.IDENTIFICATION_DESIGN


def test_a_phase_far_in_the_future_is_refused_and_nothing_changes(as_curator, alliance):
    response = as_curator.post(url(alliance), {"action": "add_phase", "phase": Phase.EVALUATION, "started_on": "2099-01-01"})
    assert response.status_code == 400 and "más de un año" in response.text
    assert not alliance.phase_steps.exists()


def test_co_chairs_and_working_groups_name_actors_of_the_initiative(as_focal_cr, alliance):
    mag, earth = Organization.objects.get(name="MAG"), Organization.objects.get(name="Universidad EARTH")
    as_focal_cr.post(url(alliance), {"action": "co_chairs", "organizations": [mag.pk, earth.pk]})
    assert sorted(chair.organization.name for chair in alliance.co_chairs.all()) == ["MAG", "Universidad EARTH"]
    as_focal_cr.post(url(alliance), {"action": "add_group", "name": "Género en la agricultura", "lead": earth.pk})
    [group] = alliance.working_groups.all()
    assert (group.name, group.lead) == ("Género en la agricultura", earth)
    outsider = Organization.objects.create(name="Otra ONG", actor_type=ActorType.CIVIL_SOCIETY)
    refused = as_focal_cr.post(url(alliance), {"action": "add_group", "name": "Financiación", "lead": outsider.pk})
    assert refused.status_code == 400 and alliance.working_groups.count() == 1
    duplicate = as_focal_cr.post(url(alliance), {"action": "add_group", "name": "género en la agricultura"})
    assert duplicate.status_code == 400 and "ya tiene un grupo de trabajo" in duplicate.text


@pytest.mark.parametrize("persona, expected", [("as_anonymous", 302), ("as_focal_ar", 403), ("as_analyst", 403)])
def test_nobody_else_opens_or_changes_the_follow_up(request, alliance, persona, expected):
    client = request.getfixturevalue(persona)
    assert client.get(url(alliance)).status_code == expected
    assert client.post(url(alliance), {"action": "add_risk", "description": "x"}).status_code == expected
    assert not Risk.objects.filter(initiative=alliance).exists()
