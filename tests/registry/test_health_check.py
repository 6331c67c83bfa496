"""The alliance health check: sent by the technical unit to the members' addresses, answered once
per link with no sign-in, kept without identity, and shown only as aggregates from 3 answers on."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from followup.models import HealthAnswer, HealthInvitation, HealthSurvey
from registry.choices import ActorType
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db
MEMBERS = ["ana@mag.example", "beto@earth.example", "carla@fundacion.example", "dario@coope.example"]


@pytest.fixture
def alliance(costa_rica):
    return make_initiative(institution=costa_rica, name="Siembra y Cosecha de Agua", actors=[("MAG", ActorType.PUBLIC_SECTOR)])


def send(client, alliance, addresses=MEMBERS, days=14):
    return client.post(f"/initiatives/{alliance.pk}/follow-up/", {"action": "health_send", "addresses": "\n".join(addresses), "days_open": days})


def links() -> list[str]:
    return [re.search(r"http://testserver(/initiatives/health/[^/\s]+/)", message.body).group(1) for message in mail.outbox]


def answer(client, link, score=4, **extra):
    data = {"trust": score, "respect": score, "transparency": score, "shared_benefit": score, "comment": "", **extra}
    return client.post(link, data)


def test_the_technical_unit_sends_one_single_use_link_per_member_and_forgets_the_addresses(as_curator, alliance, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(as_curator, alliance).status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted(MEMBERS)
    assert len(set(links())) == 4
    stored = " ".join(str(value) for row in HealthInvitation.objects.values_list() for value in row)
    stored += " ".join(str(value) for row in HealthSurvey.objects.values_list() for value in row)
    assert not any(address in stored for address in MEMBERS)


@pytest.mark.parametrize("who, status", [("as_focal_cr", 403), ("as_focal_ar", 403), ("as_analyst", 403)])
def test_only_the_technical_unit_sends_it(alliance, who, status, request):
    assert send(request.getfixturevalue(who), alliance).status_code == status
    assert not HealthSurvey.objects.exists()


def test_a_link_answers_once_without_sign_in_and_the_answer_points_to_no_one(as_curator, alliance, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(as_curator, alliance)
    first = links()[0]
    assert client.get(first).status_code == 200
    assert "Gracias" in answer(client, first, risks_seen=["political_bias"]).content.decode()
    assert HealthAnswer.objects.count() == 1
    again = answer(client, first, score=1)
    assert again.status_code == 410 and HealthAnswer.objects.count() == 1
    assert client.get("/initiatives/health/not-a-real-token/").status_code == 404
    # Nothing ties the answer to a member: no invitation, person or time on it.
    fields = {field.name for field in HealthAnswer._meta.get_fields()}
    assert fields == {"id", "survey", "trust", "respect", "transparency", "shared_benefit", "risks_seen", "comment"}
    assert {field.name for field in HealthInvitation._meta.get_fields()} == {"id", "survey", "token_hash", "used"}


def test_answers_outside_the_scale_are_refused_and_change_nothing(as_curator, alliance, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(as_curator, alliance)
    response = answer(client, links()[0], score=9)
    assert response.status_code == 400 and not HealthAnswer.objects.exists()
    assert not HealthInvitation.objects.filter(used=True).exists()


def test_results_are_hidden_below_three_answers_and_shown_as_a_trend_after(as_curator, alliance, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(as_curator, alliance)
    sent = links()
    answer(client, sent[0], score=5, comment="Nos escuchamos")
    answer(client, sent[1], score=3, risks_seen=["political_bias"])
    page = as_curator.get(f"/initiatives/{alliance.pk}/follow-up/").content.decode()
    assert "Nos escuchamos" not in page and "2 de 4" in page
    answer(client, sent[2], score=4, risks_seen=["political_bias"])
    page = as_curator.get(f"/initiatives/{alliance.pk}/follow-up/").content.decode()
    assert "Nos escuchamos" in page and ("4.0" in page or "4,0" in page)
    assert "Sesgo político: 2" in page


def test_a_closed_health_check_takes_no_answer(as_curator, alliance, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(as_curator, alliance, days=1)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert answer(client, links()[0]).status_code == 410
    assert not HealthAnswer.objects.exists()


def test_it_needs_at_least_three_members(as_curator, alliance):
    response = send(as_curator, alliance, addresses=MEMBERS[:2])
    assert response.status_code == 400 and not HealthSurvey.objects.exists()
