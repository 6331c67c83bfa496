"""Keeping the registry alive: a published initiative unconfirmed by its country for a year is
"to be confirmed", for two years "inactive" (lists, filters, API, reports); focal points confirm
it, and get a yearly reminder. The clock is frozen and moved with time-machine."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from registry.choices import Freshness
from registry.models import AuditEntry, Initiative
from tests.api.schema_check import SchemaCheckingClient
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2025, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def water(costa_rica):
    with time_machine.travel(PUBLISHED, tick=False):
        return make_initiative(institution=costa_rica, name="Siembra y Cosecha de Agua")


def freshness_in_the_database(initiative) -> str:
    return Initiative.objects.with_freshness().get(pk=initiative.pk).freshness_code


@pytest.mark.parametrize(
    "days_later, expected",
    [(0, Freshness.CURRENT), (364, Freshness.CURRENT), (365, Freshness.TO_CONFIRM), (729, Freshness.TO_CONFIRM), (730, Freshness.INACTIVE)],
)
def test_an_initiative_ages_from_current_to_to_be_confirmed_to_inactive(water, days_later, expected):
    with time_machine.travel(PUBLISHED + timedelta(days=days_later), tick=False):
        water.refresh_from_db()
        assert water.freshness == expected
        assert freshness_in_the_database(water) == expected


def test_lists_filters_api_and_reports_show_the_state(water, costa_rica, as_anonymous, as_curator):
    fresh = make_initiative(institution=costa_rica, name="Arrecifes de coral")
    with time_machine.travel(PUBLISHED + timedelta(days=400), tick=False):
        fresh.last_confirmed_at = PUBLISHED + timedelta(days=390)
        fresh.save(update_fields=["last_confirmed_at"])
        catalog = as_anonymous.get("/initiatives/")
        assert "Por confirmar" in catalog.text
        filtered = as_anonymous.get("/initiatives/", {"freshness": "to_confirm"}).context["page"]
        assert [initiative.name for initiative in filtered] == ["Siembra y Cosecha de Agua"]
        api = SchemaCheckingClient().get("/api/v1/initiatives/", {"freshness": "current"}).json()["results"]
        assert [(item["name"], item["freshness"], item["freshness_label"]) for item in api] == [
            ("Arrecifes de coral", "current", "Al día")
        ]
        stats = SchemaCheckingClient().get("/api/v1/stats/").json()
        assert stats["by_freshness"] == {"Al día": 1, "Por confirmar": 1}
        assert "Por confirmar: 1" in as_curator.get("/reports/").text


def test_a_focal_point_confirms_and_the_initiative_is_current_for_another_year(water, as_focal_cr, focal_cr):
    with time_machine.travel(PUBLISHED + timedelta(days=500), tick=False):
        page = as_focal_cr.get(f"/initiatives/{water.pk}/")
        assert "Confirmar que sigue vigente" in page.text and "Por confirmar" in page.text
        response = as_focal_cr.post(f"/initiatives/{water.pk}/confirm/", follow=True)
        assert "confirmada como vigente" in response.text
        water.refresh_from_db()
        assert water.freshness == Freshness.CURRENT
        entry = AuditEntry.objects.filter(object_id=str(water.pk), action=AuditEntry.Action.UPDATE).latest("at")
        assert entry.actor == focal_cr and "last_confirmed_at" in entry.changes


def test_another_country_cannot_confirm_nor_sees_the_button(water, as_focal_ar, as_analyst):
    assert "Confirmar que sigue vigente" not in as_focal_ar.get(f"/initiatives/{water.pk}/").text
    assert as_focal_ar.post(f"/initiatives/{water.pk}/confirm/").status_code == 403
    assert as_analyst.post(f"/initiatives/{water.pk}/confirm/").status_code == 403
    water.refresh_from_db()
    assert water.last_confirmed_at == PUBLISHED


def test_a_draft_is_not_confirmed(as_focal_cr, costa_rica):
    draft = make_initiative(institution=costa_rica, status="draft")
    response = as_focal_cr.post(f"/initiatives/{draft.pk}/confirm/", follow=True)
    assert "Solo una iniciativa publicada" in response.text
    draft.refresh_from_db()
    assert draft.last_confirmed_at is None


def test_focal_points_get_one_yearly_reminder_in_their_language(water, focal_cr, django_user_model, settings):
    from django.contrib.auth.models import Group

    brazil = institution_for("BR")
    with time_machine.travel(PUBLISHED, tick=False):
        make_initiative(institution=brazil, name="Cisternas no Semiárido")
    focal_br = django_user_model.objects.create_user(username="focal_br", email="ponto@abc.gov.br", institution=brazil)
    focal_br.groups.add(Group.objects.get(name="focal_point"))
    focal_cr.email = "ana@mideplan.go.cr"
    focal_cr.save()
    make_initiative(name="Recién confirmada", institution=institution_for("AR"))  # not due: no e-mail

    with time_machine.travel(PUBLISHED + timedelta(days=300), tick=False):
        call_command("remind_confirmations", base_url="https://alianzas.example.org")
        assert mail.outbox == []  # not due yet
    with time_machine.travel(PUBLISHED + timedelta(days=340), tick=False):
        call_command("remind_confirmations", base_url="https://alianzas.example.org")
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert set(by_recipient) == {"ana@mideplan.go.cr", "ponto@abc.gov.br"}
        assert f"https://alianzas.example.org/initiatives/{water.pk}/" in by_recipient["ana@mideplan.go.cr"].body
        assert "Confirme sus iniciativas" in by_recipient["ana@mideplan.go.cr"].subject
        assert "Confirme as suas iniciativas" in by_recipient["ponto@abc.gov.br"].subject
        call_command("remind_confirmations")
        assert len(mail.outbox) == 2  # once a year, not every day
    with time_machine.travel(PUBLISHED + timedelta(days=700), tick=False):
        call_command("remind_confirmations")
        assert len(mail.outbox) == 4  # still unconfirmed a year later: asked again
