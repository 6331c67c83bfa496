"""The offer and demand of capacities: a need and an offer match by sector, SDG, topic words
(across Spanish and Portuguese) and actor type; mentors and initiatives with experience are
suggested; replies go through the platform; the technical unit turns a match into a dialogue
proposal; each role may post only what it should, and a stale change is refused."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from capacities import matching, services
from capacities.models import Match, Need, Offer
from dialogues.models import Dialogue
from registry.choices import ActorType
from registry.models import Organization, Sector
from registry.services import EditConflict
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def environment():
    return Sector.objects.get(code="environment")


@pytest.fixture
def need(costa_rica, environment, focal_cr):
    focal_cr.email = "ana@mideplan.go.cr"
    focal_cr.save()
    return services.post_save(post=Need(
        institution=costa_rica, title="Gestión de residuos sólidos municipales",
        description="Buscamos experiencia en reciclaje con cooperativas de recicladores y capacitación de los municipios.",
        topics="reciclaje, residuos, cooperativas", sector=environment, sdgs=[11, 12], help_kinds=["expertise", "training"],
        actor_types=[ActorType.ACADEMIA],
    ), by=focal_cr, expected_version=None)


@pytest.fixture
def university():
    return Organization.objects.create(name="Universidade Federal de Minas Gerais", actor_type=ActorType.ACADEMIA, country_id="BR")


@pytest.fixture
def offer(university, environment, curator):
    return services.post_save(post=Offer(
        organization=university, title="Gestão de resíduos sólidos e reciclagem",
        description="Assessoria técnica e mentoria para municípios com cooperativas de catadores.",
        topics="resíduos, reciclagem, cooperativas", sector=environment, sdgs=[12], offer_kinds=["experts", "mentoring"],
    ), by=curator, expected_version=None)


@pytest.fixture
def unrelated(curator):
    bank = Organization.objects.create(name="Banco Regional", actor_type=ActorType.PRIVATE_SECTOR, country_id="AR")
    return services.post_save(post=Offer(
        organization=bank, title="Créditos para vivienda", description="Financiamiento de vivienda social.",
        offer_kinds=["resources"],
    ), by=curator, expected_version=None)


def test_a_spanish_need_and_a_portuguese_offer_match_with_their_reasons(need, offer, unrelated):
    found = matching.offers_for(need)
    assert [suggestion.post for suggestion in found] == [offer]
    reasons = " | ".join(found[0].reasons)
    assert "Mismo sector" in reasons and "12." in reasons and "residuo" in reasons and "Academia" in reasons
    assert [suggestion.post for suggestion in matching.offers_for(need, mentors_only=True)] == [offer]
    assert [suggestion.post for suggestion in matching.needs_for(offer)] == [need]


def test_initiatives_with_experience_are_suggested(need, environment):
    experienced = make_initiative(name="Reciclaje inclusivo con cooperativas", sectors=["environment"], objectives="Residuos sólidos")
    make_initiative(name="Salud materna", sectors=["social"])
    assert matching.experienced_initiatives(need) == [experienced]


def test_the_need_page_shows_the_suggestions_and_no_contact(need, offer, as_focal_ar, focal_cr):
    page = as_focal_ar.get(reverse("capacities:need_detail", args=[need.pk])).text
    assert offer.title in page and "Mentores" in page and focal_cr.email not in page
    assert "Proponer un diálogo entre ellos" not in page  # the technical unit's


def test_a_reply_goes_by_e_mail_to_whoever_posted(need, as_focal_ar, focal_ar, django_capture_on_commit_callbacks):
    focal_ar.email = "luis@cancilleria.gob.ar"
    focal_ar.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_focal_ar.post(reverse("capacities:need_detail", args=[need.pk]), {"action": "reply", "body": "Podemos ayudar."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana@mideplan.go.cr"]
    assert "Podemos ayudar." in mail.outbox[0].body and mail.outbox[0].reply_to == ["luis@cancilleria.gob.ar"]
    empty = as_focal_ar.post(reverse("capacities:need_detail", args=[need.pk]), {"action": "reply", "body": "  "})
    assert empty.status_code == 200 and need.replies.count() == 1


def test_the_unit_turns_a_match_into_a_dialogue_proposal(need, offer, as_curator, curator):
    response = as_curator.post(reverse("capacities:need_detail", args=[need.pk]), {"action": "propose", "other": offer.pk})
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302 and response.url == reverse("dialogues:dialogue_detail", args=[dialogue.pk])
    assert dialogue.status == "proposed" and set(dialogue.invited_countries.values_list("pk", flat=True)) == {"CR", "BR"}
    assert Match.objects.get().dialogue == dialogue
    again = as_curator.post(reverse("capacities:need_detail", args=[need.pk]), {"action": "propose", "other": offer.pk}, follow=True)
    assert "Ya se propuso" in again.text and Dialogue.objects.count() == 1


def test_each_role_posts_only_what_it_should(need, university, focal_cr, focal_ar, as_focal_cr, as_focal_ar, as_analyst, as_anonymous):
    assert as_anonymous.get(reverse("capacities:board")).status_code == 302
    assert as_analyst.get(reverse("capacities:board")).status_code == 403
    assert as_focal_ar.get(reverse("capacities:need_edit", args=[need.pk])).status_code == 403
    # A focal point offers for the organizations of its own country only.
    with pytest.raises(PermissionDenied):
        services.post_save(post=Offer(organization=university, title="X", description="Y", offer_kinds=["experts"]), by=focal_cr,
                           expected_version=None)
    form = as_focal_cr.get(reverse("capacities:offer_new")).text
    assert university.name not in form
    # A need is posted for the focal point's own agency, whatever the form sends.
    as_focal_ar.post(reverse("capacities:need_new"), {
        "title": "Formación en evaluación", "description": "Cursos para el equipo", "help_kinds": ["training"],
        "institution": need.institution.pk,
    })
    assert Need.objects.get(title="Formación en evaluación").institution == focal_ar.institution


def test_a_stale_change_is_refused(need, focal_cr, as_focal_cr):
    services.post_save(post=Need.objects.get(pk=need.pk), by=focal_cr, expected_version=1)  # someone saved: version 2
    with pytest.raises(EditConflict):
        services.post_save(post=Need.objects.get(pk=need.pk), by=focal_cr, expected_version=1)
    response = as_focal_cr.post(reverse("capacities:need_edit", args=[need.pk]), {
        "title": "Cambiado", "description": "x", "help_kinds": ["training"], "version": 1,
    })
    assert response.status_code == 302 and Need.objects.get(pk=need.pk).title != "Cambiado"


def test_closing_takes_it_off_the_board(need, as_focal_cr):
    as_focal_cr.post(reverse("capacities:need_detail", args=[need.pk]), {"action": "close"})
    assert need.title not in as_focal_cr.get(reverse("capacities:board")).text


def test_the_board_reads_in_constant_queries(need, offer, unrelated, as_curator, django_assert_max_num_queries, costa_rica):
    for number in range(5):
        Need.objects.create(institution=costa_rica, title=f"Necesidad {number}", description="x", help_kinds=["training"])
    with django_assert_max_num_queries(8):
        assert as_curator.get(reverse("capacities:board")).status_code == 200


def test_a_title_is_one_line_so_a_reply_can_always_be_mailed(costa_rica, focal_cr, as_focal_ar, django_capture_on_commit_callbacks):
    focal_cr.email = "ana@mideplan.go.cr"
    focal_cr.save()
    need = services.post_save(post=Need(institution=costa_rica, title="Residuos\r\nBcc: x@y.z", description="x", help_kinds=["training"]),
                              by=focal_cr, expected_version=None)
    assert need.title == "Residuos Bcc: x@y.z"
    with django_capture_on_commit_callbacks(execute=True):
        as_focal_ar.post(reverse("capacities:need_detail", args=[need.pk]), {"action": "reply", "body": "Hola"})
    assert len(mail.outbox) == 1 and "\n" not in mail.outbox[0].subject


def test_the_proposed_dialogue_carries_the_titles_not_the_members_texts(need, offer, curator):
    match = services.match_propose_dialogue(need=need, offer=offer, by=curator)
    assert need.title in match.dialogue.agenda and need.description not in match.dialogue.agenda
