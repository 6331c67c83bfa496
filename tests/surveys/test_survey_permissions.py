"""Every survey URL, for every persona: a focal point of Argentina never reaches Costa Rica's ficha."""

import pytest
from django.urls import reverse

from registry.choices import Status
from registry.models import Initiative
from tests.factories import make_initiative
from tests.surveys.conftest import initiative_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def cr_initiative(cr_ficha):
    initiative = make_initiative(institution=cr_ficha.institution, status=Status.DRAFT, name="Borrador CR")
    cr_ficha.initiatives.add(initiative)
    return Initiative.objects.get(pk=initiative.pk)


def urls(ficha, initiative):
    return {
        "home": reverse("surveys:survey_home"),
        "ficha": reverse("surveys:ficha_detail", args=[ficha.pk]),
        "new_initiative": reverse("surveys:ficha_initiative_create", args=[ficha.pk]),
        "initiative": reverse("surveys:ficha_initiative_edit", args=[ficha.pk, initiative.pk]),
        "delete": reverse("surveys:ficha_initiative_delete", args=[ficha.pk, initiative.pk]),
    }


# persona -> expected GET status per URL name (302 means "sent to the login page")
EXPECTED = {
    "as_anonymous": {"home": 302, "ficha": 302, "new_initiative": 302, "initiative": 302, "delete": 302},
    "as_analyst": {"home": 403, "ficha": 403, "new_initiative": 403, "initiative": 403, "delete": 403},
    "as_focal_ar": {"home": 200, "ficha": 404, "new_initiative": 404, "initiative": 404, "delete": 404},
    "as_focal_cr": {"home": 200, "ficha": 200, "new_initiative": 200, "initiative": 200, "delete": 200},
    "as_curator": {"home": 200, "ficha": 200, "new_initiative": 200, "initiative": 200, "delete": 200},
}


@pytest.mark.parametrize("persona", EXPECTED)
def test_each_persona_gets_the_expected_answer_on_every_survey_page(request, persona, cr_ficha, cr_initiative):
    client = request.getfixturevalue(persona)
    for name, url in urls(cr_ficha, cr_initiative).items():
        response = client.get(url)
        assert response.status_code == EXPECTED[persona][name], (persona, name)
        if response.status_code == 302:
            assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["as_focal_ar", "as_analyst", "as_anonymous"])
def test_nobody_outside_costa_rica_can_change_its_ficha(request, persona, cr_ficha, cr_initiative):
    client = request.getfixturevalue(persona)
    targets = urls(cr_ficha, cr_initiative)
    client.post(targets["ficha"], {"focal_point_name": "Intruso", "version": "1"})
    client.post(targets["initiative"], initiative_post(version=cr_initiative.version, name="Intruso"))
    client.post(targets["new_initiative"], initiative_post(name="Intrusa"))
    client.post(targets["delete"])
    cr_ficha.refresh_from_db()
    cr_initiative.refresh_from_db()
    assert cr_ficha.focal_point_name != "Intruso"
    assert cr_initiative.name == "Borrador CR"
    assert not Initiative.objects.filter(name="Intrusa").exists()


def test_an_initiative_cannot_be_reached_through_another_fichas_url(as_focal_ar, argentina, campaign, cr_initiative):
    from surveys.models import Ficha

    ar_ficha = Ficha.objects.create(campaign=campaign, institution=argentina)
    url = reverse("surveys:ficha_initiative_edit", args=[ar_ficha.pk, cr_initiative.pk])
    assert as_focal_ar.get(url).status_code == 404


def test_only_focal_points_start_a_ficha(as_curator, as_analyst, as_focal_cr, campaign):
    url = reverse("surveys:ficha_start", args=[campaign.pk])
    assert as_curator.post(url).status_code == 403
    assert as_analyst.post(url).status_code == 403
    assert as_focal_cr.get(url).status_code == 405
    response = as_focal_cr.post(url)
    assert response.status_code == 302 and "/survey/fichas/" in response.url


def test_analysts_do_not_see_ficha_drafts_in_the_catalog(as_analyst, cr_initiative):
    assert "Borrador CR" not in as_analyst.get(reverse("registry:initiative_list")).text


def test_the_review_queue_filters_by_campaign_status_and_country(as_curator, campaign, closed_campaign, costa_rica, argentina):
    from surveys.models import Ficha, FichaStatus

    Ficha.objects.create(campaign=campaign, institution=costa_rica, status=FichaStatus.SUBMITTED)
    Ficha.objects.create(campaign=campaign, institution=argentina)
    Ficha.objects.create(campaign=closed_campaign, institution=argentina, status=FichaStatus.REVIEWED)
    home = reverse("surveys:survey_home")

    def shown(**params):
        page = as_curator.get(home, params).context["page"]
        return {(ficha.institution.country_id, ficha.status) for ficha in page}

    assert shown(status="submitted") == {("CR", "submitted")}
    assert shown(campaign=campaign.pk) == {("CR", "submitted"), ("AR", "draft")}
    assert shown(country="AR") == {("AR", "draft"), ("AR", "reviewed")}
    assert shown(status="bogus") == set()


def test_the_review_queue_runs_a_constant_number_of_queries(as_curator, campaign, django_assert_max_num_queries):
    from registry.models import Country
    from surveys.models import Ficha
    from tests.factories import institution_for

    countries = list(Country.objects.filter(is_ibero_american=True).order_by("pk"))
    for country in countries[:3]:
        Ficha.objects.create(campaign=campaign, institution=institution_for(country.pk))
    with django_assert_max_num_queries(20) as few:
        as_curator.get(reverse("surveys:survey_home"))
    for country in countries[3:]:
        Ficha.objects.create(campaign=campaign, institution=institution_for(country.pk))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = as_curator.get(reverse("surveys:survey_home"))
    assert len(response.context["page"]) == len(countries)


def test_the_campaign_list_holds_the_users_own_ficha_and_reads_no_other(curator, focal_cr, campaign, costa_rica, argentina):
    """The technical unit's review queue lists every ficha in its page; the campaign list beside
    it reads none (it read every ficha of every campaign, growing with the registry)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from surveys.models import Ficha
    from surveys.selectors import campaigns_with_fichas_for

    own = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    Ficha.objects.create(campaign=campaign, institution=argentina)
    assert [entry.ficha for entry in campaigns_with_fichas_for(focal_cr)] == [own]
    with CaptureQueriesContext(connection) as read:
        entries = campaigns_with_fichas_for(curator)
    assert [entry.ficha for entry in entries] == [None]
    assert not any("surveys_ficha" in query["sql"] for query in read.captured_queries)


@pytest.mark.parametrize("persona", ["focal_cr", "focal_ar", "analyst"])
def test_the_services_themselves_refuse_what_only_the_technical_unit_may_do(request, persona, costa_rica):
    """A view that forgot its check, a command or a new screen still cannot return, decide or
    merge: the services check the role too."""
    from datetime import timedelta

    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from surveys import services
    from surveys.models import Campaign, Ficha

    person = request.getfixturevalue(persona)
    now = timezone.now()
    campaign = Campaign.objects.create(name="C", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica, status="submitted")
    with pytest.raises(PermissionDenied):
        services.ficha_return(ficha=ficha, comment="Falta", by=person)
    ficha.refresh_from_db()
    assert ficha.status == "submitted"


def test_a_focal_point_of_another_country_cannot_write_a_ficha_even_through_the_service(focal_ar, costa_rica):
    from datetime import timedelta

    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from surveys import services
    from surveys.models import Campaign, Ficha

    now = timezone.now()
    campaign = Campaign.objects.create(name="C", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    with pytest.raises(PermissionDenied):
        services.ficha_update_block(ficha=ficha, data={"institutional_strengths": "x"}, expected_version=1, by=focal_ar)
    ficha.refresh_from_db()
    assert ficha.institutional_strengths == ""
