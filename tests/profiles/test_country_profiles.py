"""A page per Ibero-American country: its figures equal direct counts and follow the visibility
of each reader; focal points and the enabling environment only for members; the three
enabling-environment questions asked in a campaign and read back with the regional shares."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dialogues.models import Dialogue
from knowledge.success_cases import SuccessCase
from profiles.enabling import ENABLING_KEYS, add_enabling_questions, regional_shares
from registry.choices import Status
from registry.models import Initiative, InitiativeCountry
from surveys.models import Campaign, Ficha, FichaStatus, Questionnaire
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    now = timezone.now()
    return Campaign.objects.create(name="Relevamiento 2026", opens_at=now - timedelta(days=10), closes_at=now + timedelta(days=20))


@pytest.fixture
def world(costa_rica, argentina, campaign):
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    reported = [
        make_initiative(institution=costa_rica, name="Cosecha de agua", ficha=ficha, partners=["GT"]),
        make_initiative(institution=costa_rica, name="Turismo rural"),
        make_initiative(institution=costa_rica, name="Borrador", status=Status.DRAFT),
    ]
    make_initiative(institution=argentina, name="Huertas", partners=["CR"])
    make_initiative(institution=argentina, name="Huertas en borrador", status=Status.DRAFT, partners=["CR"])
    held = Dialogue.objects.create(title="Diálogo sobre agua", status="held", starts_at=timezone.now() - timedelta(days=3))
    held.initiatives.add(reported[0])
    Initiative.objects.filter(pk=reported[0].pk).update(wants_to_share=True)
    Dialogue.objects.create(title="Diálogo en preparación").initiatives.add(reported[1])
    # Invited, without an initiative of its own in it: it took part too.
    Dialogue.objects.create(title="Diálogo al que fue invitado").invited_countries.add(costa_rica.country)
    case = SuccessCase.objects.create(title="Caso del agua", author="PIFCSS", summary="Resumen", is_published=True)
    case.initiatives.add(reported[0])
    return reported


def figures(page: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'data-figure="([a-z_]+)">(?:<a [^>]*>)?(\d+)', page))


def test_the_figures_equal_direct_counts_for_each_reader(world, costa_rica, as_anonymous, as_focal_cr, as_focal_ar, as_curator, as_analyst):
    url = reverse("profiles:country_detail", args=["cr"])
    published = Initiative.objects.published()
    expected_public = {
        "reported": published.filter(institution__country="CR").count(),
        "involved": published.filter(pk__in=InitiativeCountry.objects.filter(country="CR").values("initiative_id")).count(),
        "dialogues": 1, "success_cases": 1,
    }
    for client in (as_anonymous, as_analyst):
        assert figures(client.get(url).text) == {key: str(value) for key, value in expected_public.items()}
    # Argentina's focal point also counts its own draft that names Costa Rica, as its catalog does.
    assert figures(as_focal_ar.get(url).text) == {**{key: str(value) for key, value in expected_public.items()}, "involved": "2"}
    # Its own focal point and the unit also see its drafts and the dialogue being prepared.
    assert figures(as_focal_cr.get(url).text)["reported"] == "3" and figures(as_curator.get(url).text)["dialogues"] == "3"
    assert figures(as_focal_cr.get(url).text)["dialogues"] == "3"  # its own country's, in every status
    assert figures(as_curator.get(url).text)["involved"] == "2"
    page = as_anonymous.get(url).text
    assert "Cosecha de agua" in page and "Borrador" not in page and "Relevamiento 2026" in page


def test_focal_points_and_the_enabling_environment_are_for_members_only(world, focal_cr, as_anonymous, as_analyst, as_focal_ar):
    focal_cr.email = "ana.solano@mideplan.go.cr"
    focal_cr.save()
    url = reverse("profiles:country_detail", args=["CR"])
    for client in (as_anonymous, as_analyst):
        page = client.get(url).text
        assert focal_cr.email not in page and "Entorno habilitante" not in page
    page = as_focal_ar.get(url).text
    assert focal_cr.email in page and "Entorno habilitante" in page


def test_an_unknown_or_non_ibero_american_country_is_a_404(as_anonymous):
    assert as_anonymous.get("/countries/ZZ/").status_code == 404
    assert as_anonymous.get("/countries/US/").status_code == 404
    assert as_anonymous.get("/countries/C%00/").status_code in (400, 404)  # a clear refusal, never a 500


def submitted(campaign, country, answers, **fields):
    ficha = Ficha.objects.create(campaign=campaign, institution=institution_for(country), answers=answers, **fields)
    Ficha.objects.filter(pk=ficha.pk).update(status=FichaStatus.SUBMITTED, submitted_at=timezone.now())
    return ficha


def test_the_enabling_questions_are_asked_once_and_read_back_with_the_regional_shares(campaign, curator, as_focal_cr, costa_rica):
    questionnaire = Questionnaire.objects.create(campaign=campaign)
    assert len(add_enabling_questions(questionnaire=questionnaire, by=curator)) == 3
    assert add_enabling_questions(questionnaire=questionnaire, by=curator) == []  # already asked
    assert set(questionnaire.questions.values_list("key", flat=True)) == set(ENABLING_KEYS)
    yes, no = dict.fromkeys(ENABLING_KEYS, True), dict.fromkeys(ENABLING_KEYS, False)
    submitted(campaign, "CR", {**yes, "instruments_for_non_state_actors": False}, institutional_strengths="Equipo estable")
    submitted(campaign, "AR", yes)
    submitted(campaign, "CL", no)
    Ficha.objects.create(campaign=campaign, institution=institution_for("PE"), answers=yes)  # a draft: not counted
    shares = {share.key: (share.yes, share.answered, share.percent) for share in regional_shares(campaign)}
    assert shares == {
        "framework_allows_non_state_actors": (2, 3, 67), "funds_for_non_state_actors": (2, 3, 67),
        "instruments_for_non_state_actors": (1, 3, 33),
    }
    page = as_focal_cr.get(reverse("profiles:country_detail", args=["CR"])).text
    assert "Equipo estable" in page and "67% (2 de 3 países)" in page and "33% (1 de 3 países)" in page
    # Frozen once a ficha is submitted with it: asking more is refused, with the survey's message.
    Questionnaire.objects.filter(pk=questionnaire.pk).update(frozen_at=timezone.now())
    newer = Questionnaire.objects.create(campaign=campaign, version=2, frozen_at=timezone.now())
    with pytest.raises(ValidationError):
        add_enabling_questions(questionnaire=newer, by=curator)


def test_the_unit_adds_the_questions_from_the_profiles_page(campaign, as_curator, as_focal_cr):
    questionnaire = Questionnaire.objects.create(campaign=campaign)
    assert "Preguntar por el entorno habilitante" in as_curator.get(reverse("profiles:country_list")).text
    assert as_focal_cr.post(reverse("profiles:country_list"), {"questionnaire": questionnaire.pk}).status_code == 403
    assert as_curator.post(reverse("profiles:country_list"), {"questionnaire": questionnaire.pk}).status_code == 302
    assert questionnaire.questions.count() == 3


def test_the_list_counts_each_countrys_published_initiatives(world, as_anonymous):
    page = as_anonymous.get(reverse("profiles:country_list")).text
    assert "2 iniciativas publicadas" in page and "1 iniciativa publicada" in page
