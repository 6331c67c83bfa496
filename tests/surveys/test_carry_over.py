"""A new campaign's ficha takes over the institution's initiatives from earlier campaigns: the same
registry initiative, pre-filled, no duplicate; the curator sees what changed since."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from registry.models import Initiative
from surveys import services
from surveys.carry_over import carry_over_candidates
from surveys.models import Campaign, CampaignQuestion, Ficha, FichaInitiative, FichaStatus, Questionnaire
from tests.surveys.conftest import block_post, initiative_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier(costa_rica, focal_cr, as_focal_cr, campaign):
    """Last year's campaign (still open when its ficha was submitted), with one initiative."""
    questionnaire = Questionnaire.objects.create(campaign=campaign)
    CampaignQuestion.objects.create(questionnaire=questionnaire, key="resources", kind="long_text", label="Recursos que aporta cada actor")
    CampaignQuestion.objects.create(questionnaire=questionnaire, key="only_then", kind="short_text", label="Solo aquel año")
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    as_focal_cr.post(reverse("surveys:ficha_detail", args=[ficha.pk]), block_post(version=1))
    as_focal_cr.post(
        reverse("surveys:ficha_initiative_create", args=[ficha.pk]),
        initiative_post(**{"added__resources": "Personal del ministerio", "added__only_then": "x"}),
    )
    as_focal_cr.post(reverse("surveys:ficha_submit", args=[ficha.pk]))
    ficha.refresh_from_db()
    assert ficha.status == FichaStatus.SUBMITTED
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_at=timezone.now() - timedelta(days=400), closes_at=timezone.now() - timedelta(days=300)
    )
    return ficha


@pytest.fixture
def this_year(earlier, costa_rica):
    now = timezone.now()
    campaign = Campaign.objects.create(name="Relevamiento 2026", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30))
    questionnaire = Questionnaire.objects.create(campaign=campaign)
    CampaignQuestion.objects.create(questionnaire=questionnaire, key="resources", kind="long_text", label="Recursos que aporta cada actor")
    return Ficha.objects.create(campaign=campaign, institution=costa_rica)


def test_the_focal_point_sees_last_campaigns_initiatives_and_brings_one_over(earlier, this_year, as_focal_cr):
    initiative = earlier.initiatives.get()
    page = as_focal_cr.get(reverse("surveys:ficha_detail", args=[this_year.pk])).text
    assert "Initiatives your institution reported" in page or "informó en campañas anteriores" in page
    assert initiative.name in page
    response = as_focal_cr.post(reverse("surveys:ficha_carry_over", args=[this_year.pk]), {"initiative": [initiative.pk]}, follow=True)
    assert initiative.name in response.text
    entry = FichaInitiative.objects.get(ficha=this_year)
    assert entry.initiative_id == initiative.pk and entry.carried_from.ficha_id == earlier.pk
    # Pre-filled with the answers this campaign asks again; the question it no longer asks stays behind.
    assert entry.answers == {"resources": "Personal del ministerio"}
    assert Initiative.objects.count() == 1
    assert carry_over_candidates(this_year) == []


def test_an_initiative_cannot_be_brought_over_twice_nor_from_another_institution(earlier, this_year, focal_cr, focal_ar, argentina):
    initiative = earlier.initiatives.get()
    services.ficha_carry_over(ficha=this_year, initiative_ids=[initiative.pk], by=focal_cr)
    with pytest.raises(ValidationError):
        services.ficha_carry_over(ficha=this_year, initiative_ids=[initiative.pk], by=focal_cr)
    with pytest.raises(ValidationError):
        services.ficha_carry_over(ficha=this_year, initiative_ids=[], by=focal_cr)
    other = Ficha.objects.create(campaign=this_year.campaign, institution=argentina)
    with pytest.raises(ValidationError):
        services.ficha_carry_over(ficha=other, initiative_ids=[initiative.pk], by=focal_ar)
    assert FichaInitiative.objects.filter(initiative=initiative).count() == 2


@pytest.mark.parametrize("who, status", [("as_focal_ar", 404), ("as_analyst", 403), ("as_anonymous", 302)])
def test_only_the_institution_and_the_technical_unit_bring_initiatives_over(earlier, this_year, who, status, request):
    client = request.getfixturevalue(who)
    response = client.post(reverse("surveys:ficha_carry_over", args=[this_year.pk]), {"initiative": [earlier.initiatives.get().pk]})
    assert response.status_code == status
    assert not FichaInitiative.objects.filter(ficha=this_year).exists()


def test_the_curator_sees_what_changed_since_the_previous_campaign(earlier, this_year, focal_cr, as_focal_cr, as_curator):
    initiative = earlier.initiatives.get()
    services.ficha_carry_over(ficha=this_year, initiative_ids=[initiative.pk], by=focal_cr)
    initiative.refresh_from_db()
    data = initiative_post(version=initiative.version, objectives="Cosechar agua y restaurar suelos.", **{"added__resources": "Personal y fondos"})
    as_focal_cr.post(reverse("surveys:ficha_detail", args=[this_year.pk]), block_post(version=1))
    as_focal_cr.post(reverse("surveys:ficha_initiative_edit", args=[this_year.pk, initiative.pk]), data)
    as_focal_cr.post(reverse("surveys:ficha_submit", args=[this_year.pk]))
    page = as_curator.get(reverse("surveys:ficha_review", args=[this_year.pk])).text
    assert "Relevamiento 2024 de Alianzas Multiactor" in page
    assert "Promover la cosecha de agua de lluvia." in page and "Cosechar agua y restaurar suelos." in page
    assert Initiative.objects.filter(pk=initiative.pk).count() == 1 and Initiative.objects.count() == 1


def test_the_intake_funnel_equals_a_direct_count(earlier, this_year, focal_cr, curator, as_curator, argentina, focal_ar):
    from registry import services as registry_services
    from registry.choices import Status
    from surveys.selectors import campaign_funnel
    from tests.factories import make_initiative

    # Costa Rica's 2024 ficha brought one initiative; add three more, decided each a different way.
    campaign = earlier.campaign
    out = make_initiative(name="Cooperación Norte-Sur", status=Status.SUBMITTED)
    alone = make_initiative(name="Un solo actor", status=Status.SUBMITTED, actors=[("MAG", "public_sector")])
    rejected = make_initiative(name="Duplicada", status=Status.SUBMITTED)
    for initiative in (out, alone, rejected):
        FichaInitiative.objects.create(ficha=earlier, initiative=initiative)
    registry_services.initiative_mark_out_of_scope(initiative=out, out_of_scope=True, reason="Es cooperación Norte-Sur", by=curator)
    registry_services.initiative_transition(initiative=rejected, to_status=Status.REJECTED, by=curator, reason="Repetida")
    kept = earlier.initiatives.get(name="Siembra y Cosecha de Agua")
    registry_services.initiative_transition(initiative=kept, to_status=Status.PUBLISHED, by=curator)
    Ficha.objects.create(campaign=campaign, institution=argentina)  # started, never sent: not received

    rows = campaign_funnel(campaign)
    costa_rica, total = rows[0], rows[-1]
    received = FichaInitiative.objects.filter(ficha__campaign=campaign, ficha__submitted_at__isnull=False)
    assert (total.fichas, total.initiatives) == (Ficha.objects.filter(campaign=campaign, submitted_at__isnull=False).count(), received.count())
    assert (costa_rica.systematized, costa_rica.not_south_south, costa_rica.not_multi_actor, costa_rica.rejected) == (1, 1, 1, 1)
    assert total.systematized + total.not_south_south + total.not_multi_actor + total.rejected + total.waiting == total.initiatives
    assert ("Cooperación Norte-Sur", "Es cooperación Norte-Sur") in costa_rica.reasons
    page = as_curator.get(reverse("surveys:campaign_progress", args=[campaign.pk])).text
    assert "Es cooperación Norte-Sur" in page and "Repetida" in page
