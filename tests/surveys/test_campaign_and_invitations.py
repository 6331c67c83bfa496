import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from registry.models import User
from surveys.models import Ficha, FichaStatus
from tests.factories import institution_for

pytestmark = pytest.mark.django_db

INVITE = reverse("surveys:invitation_create")


@pytest.mark.parametrize(
    ("persona", "status"), [("as_anonymous", 302), ("as_analyst", 403), ("as_focal_cr", 403), ("as_curator", 200)]
)
def test_only_the_technical_unit_sees_campaign_progress_and_invites(request, persona, status, campaign):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("surveys:campaign_progress", args=[campaign.pk])).status_code == status
    assert client.get(INVITE).status_code == status


def test_campaign_progress_shows_every_country_and_its_fichas_status(as_curator, campaign, costa_rica, argentina):
    Ficha.objects.create(campaign=campaign, institution=costa_rica, status=FichaStatus.SUBMITTED)
    Ficha.objects.create(campaign=campaign, institution=argentina)
    response = as_curator.get(reverse("surveys:campaign_progress", args=[campaign.pk]))
    countries = response.context["progress"]["countries"]
    rows = {row["country"].pk: [item.ficha.status for item in row["institutions"] if item.ficha] for row in countries}
    assert rows["CR"] == [FichaStatus.SUBMITTED] and rows["AR"] == [FichaStatus.DRAFT] and rows["UY"] == []
    assert len(rows) == 22
    assert "Ninguna institución invitada" in response.text


def test_an_invited_focal_point_sets_a_password_and_reaches_the_ficha(
    as_curator, campaign, django_capture_on_commit_callbacks
):
    institution = institution_for("UY", "Agencia Uruguaya de Cooperación Internacional")
    with django_capture_on_commit_callbacks(execute=True):
        response = as_curator.post(
            INVITE,
            {"first_name": "Lucía", "last_name": "Pérez", "email": "Lucia@auci.gub.uy", "institution": institution.pk},
            follow=True,
        )
    assert "Invitación enviada a Lucia@auci.gub.uy" in response.text
    user = User.objects.get(email="Lucia@auci.gub.uy")
    assert user.is_focal_point and user.institution == institution and not user.has_usable_password()
    [invitation] = mail.outbox
    assert invitation.to == ["Lucia@auci.gub.uy"]
    link = re.search(r"http://testserver(/accounts/set-password/\S+)", invitation.body).group(1)

    visitor = Client()
    form_page = visitor.get(link, follow=True)
    assert "Elija su contraseña" in form_page.text
    visitor.post(form_page.request["PATH_INFO"], {"new_password1": "Cacao-Tarija-2024", "new_password2": "Cacao-Tarija-2024"})
    assert visitor.login(username="lucia@auci.gub.uy", password="Cacao-Tarija-2024")
    assert visitor.get(reverse("surveys:survey_home")).status_code == 200
    # The link works once.
    assert "ya no es válido" in Client().get(link, follow=True).text


def test_inviting_an_existing_email_is_refused(as_curator, focal_cr, costa_rica, django_capture_on_commit_callbacks):
    focal_cr.email = "ana@mideplan.go.cr"
    focal_cr.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_curator.post(
            INVITE, {"first_name": "Ana", "last_name": "S", "email": "ANA@mideplan.go.cr", "institution": costa_rica.pk}
        )
    assert "Ya existe una cuenta con el correo" in response.text
    assert mail.outbox == []
    assert User.objects.filter(email__iexact="ana@mideplan.go.cr").count() == 1
