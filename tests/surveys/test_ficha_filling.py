import pytest
from django.urls import reverse

from registry.ficha import initiative_fields
from registry.models import AuditEntry, Initiative, Organization
from surveys.models import Ficha
from tests.surveys.conftest import block_post, initiative_post

pytestmark = pytest.mark.django_db


def ficha_url(ficha):
    return reverse("surveys:ficha_detail", args=[ficha.pk])


def new_initiative_url(ficha):
    return reverse("surveys:ficha_initiative_create", args=[ficha.pk])


def test_two_focal_points_of_one_institution_share_a_single_ficha(django_user_model, focal_cr, costa_rica, campaign):
    from django.contrib.auth.models import Group
    from django.test import Client

    colleague = django_user_model.objects.create_user(username="focal_cr_2", password="x-pass-123", institution=costa_rica)
    colleague.groups.add(Group.objects.get(name="focal_point"))
    url = reverse("surveys:ficha_start", args=[campaign.pk])
    for user in (focal_cr, colleague):
        client = Client()
        client.force_login(user)
        client.post(url)
    assert Ficha.objects.filter(campaign=campaign, institution=costa_rica).count() == 1


def test_starting_prefills_the_focal_point(as_focal_cr, focal_cr, campaign):
    focal_cr.first_name, focal_cr.email = "Ana", "ana@mideplan.go.cr"
    focal_cr.save()
    as_focal_cr.post(reverse("surveys:ficha_start", args=[campaign.pk]))
    assert Ficha.objects.get().focal_point_email == "ana@mideplan.go.cr"


def test_a_focal_point_saves_the_institutional_block_as_a_draft(as_focal_cr, focal_cr, cr_ficha):
    response = as_focal_cr.post(ficha_url(cr_ficha), block_post(version=1), follow=True)
    assert "Borrador guardado" in response.text
    cr_ficha.refresh_from_db()
    assert cr_ficha.institutional_strengths == "Mesa multiactor activa"
    assert cr_ficha.wants_to_share is True
    assert cr_ficha.version == 2 and cr_ficha.updated_by == focal_cr
    assert AuditEntry.objects.filter(object_id=str(cr_ficha.pk), action="update").exists()


def test_an_invalid_email_gets_a_translated_message_and_changes_nothing(as_focal_cr, cr_ficha):
    response = as_focal_cr.post(ficha_url(cr_ficha), block_post(version=1, focal_point_email="no-es-correo"))
    assert response.status_code == 200
    assert "Introduzca una dirección de correo electrónico válida" in response.text
    cr_ficha.refresh_from_db()
    assert cr_ficha.version == 1


def test_the_second_of_two_concurrent_saves_gets_a_conflict_and_loses_nothing(as_focal_cr, as_curator, cr_ficha):
    as_curator.post(ficha_url(cr_ficha), block_post(version=1, institutional_weaknesses="Escasos fondos"))
    response = as_focal_cr.post(ficha_url(cr_ficha), block_post(version=1, institutional_weaknesses="Falta de personal"))
    assert response.status_code == 200
    assert "Alguien más guardó este formulario" in response.text
    assert "Escasos fondos" in response.text and "Falta de personal" in response.text
    cr_ficha.refresh_from_db()
    assert cr_ficha.institutional_weaknesses == "Escasos fondos"
    # The form now carries the newer version: saving again deliberately keeps this editor's text.
    assert 'name="version" value="2"' in response.text
    as_focal_cr.post(ficha_url(cr_ficha), block_post(version=2, institutional_weaknesses="Falta de personal"))
    cr_ficha.refresh_from_db()
    assert cr_ficha.institutional_weaknesses == "Falta de personal"


def test_a_focal_point_adds_an_initiative_with_actors_and_countries(as_focal_cr, cr_ficha):
    response = as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post(), follow=True)
    assert "Iniciativa guardada como borrador" in response.text
    initiative = Initiative.objects.get(fichas=cr_ficha)
    assert initiative.status == "draft" and initiative.institution == cr_ficha.institution
    assert [(p.organization.name, p.actor_type, p.role) for p in initiative.participations.all()] == [
        ("Ministerio de Agricultura y Ganadería", "public_sector", ""),
        ("Universidad EARTH", "academia", "Asesoría técnica"),
    ]
    assert [(link.country_id, link.segib_role) for link in initiative.country_links.all()] == [("GT", "recipient")]
    assert initiative.strengths == ["Confianza", "Complementariedad"]


def test_the_ficha_page_lists_initiatives_and_shows_progress(as_focal_cr, cr_ficha):
    page = as_focal_cr.get(ficha_url(cr_ficha)).text
    assert "Al menos una iniciativa" in page
    as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post())
    as_focal_cr.post(ficha_url(cr_ficha), block_post(version=1))
    response = as_focal_cr.get(ficha_url(cr_ficha))
    assert "Siembra y Cosecha de Agua" in response.text
    assert response.context["progress"].complete
    assert "Todas las preguntas tienen respuesta" in response.text


def test_existing_organizations_are_suggested_and_reused(as_focal_cr, cr_ficha):
    Organization.objects.create(name="Universidad EARTH", actor_type="academia")
    page = as_focal_cr.get(new_initiative_url(cr_ficha)).text
    assert '<option value="Universidad EARTH">' in page
    as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post(**{"actors-1-name": "universidad earth"}))
    assert Organization.objects.filter(normalized_name="universidad earth").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"focal_point_email": "ana@"}, "dirección de correo electrónico válida"),
        ({"actors-1-actor_type": ""}, "Elija el tipo de actor de «Universidad EARTH»"),
        ({"actors-1-name": "ministerio de agricultura y ganadería"}, "La misma organización figura dos veces"),
        ({"countries-0-country": "CR"}, "El país que reporta no puede figurar también"),
        ({"name": ""}, "Este campo es requerido"),
    ],
)
def test_invalid_answers_get_specific_translated_messages_and_save_nothing(as_focal_cr, cr_ficha, overrides, message):
    response = as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not Initiative.objects.filter(fichas=cr_ficha).exists()


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"initiative_type": ""}, "Falta: Tipo de iniciativa"),
        ({"initiative_type": "4", "initiative_type_other": ""}, "opción 4"),
        ({"strengths": "a\nb\nc\nd"}, "como máximo 3 elementos, se indicaron 4"),
    ],
)
def test_a_draft_keeps_incomplete_and_over_limit_answers_and_lists_what_to_fix(as_focal_cr, cr_ficha, overrides, problem):
    response = as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post(**overrides), follow=True)
    initiative = Initiative.objects.get(fichas=cr_ficha)
    if "strengths" in overrides:
        assert initiative.strengths == ["a", "b", "c", "d"]
    assert problem in response.text and 'id="problems"' in response.text
    submit = as_focal_cr.post(reverse("surveys:ficha_submit", args=[cr_ficha.pk]), follow=True)
    assert problem.removeprefix("Falta: ") in submit.text
    cr_ficha.refresh_from_db()
    assert cr_ficha.status == "draft"


def test_the_maximum_number_of_initiatives_is_enforced(as_focal_cr, cr_ficha):
    cr_ficha.campaign.max_initiatives = 1
    cr_ficha.campaign.save()
    as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post())
    response = as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post(name="Segunda"))
    assert "el máximo de 1 iniciativas" in response.text
    assert Initiative.objects.filter(fichas=cr_ficha).count() == 1
    assert "Agregar una iniciativa" not in as_focal_cr.get(ficha_url(cr_ficha)).text


def test_editing_an_initiative_detects_a_concurrent_save(as_focal_cr, as_curator, cr_ficha):
    as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post())
    initiative = Initiative.objects.get(fichas=cr_ficha)
    url = reverse("surveys:ficha_initiative_edit", args=[cr_ficha.pk, initiative.pk])
    as_curator.post(url, initiative_post(version=initiative.version, objectives="Objetivo del curador"))
    response = as_focal_cr.post(url, initiative_post(version=initiative.version, objectives="Objetivo de Ana"))
    assert "Alguien más guardó este formulario" in response.text
    assert "Objetivo del curador" in response.text and "Objetivo de Ana" in response.text
    initiative.refresh_from_db()
    assert initiative.objectives == "Objetivo del curador"


def test_removing_an_initiative_asks_for_confirmation_first(as_focal_cr, cr_ficha):
    as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post())
    initiative = Initiative.objects.get(fichas=cr_ficha)
    url = reverse("surveys:ficha_initiative_delete", args=[cr_ficha.pk, initiative.pk])
    assert "¿Quitar «Siembra y Cosecha de Agua» de la ficha?" in as_focal_cr.get(url).text
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    as_focal_cr.post(url)
    assert not Initiative.objects.filter(pk=initiative.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(initiative.pk), action="delete").exists()


def test_an_initiative_also_reported_on_an_earlier_ficha_only_leaves_this_one(as_focal_cr, cr_ficha, closed_campaign):
    as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post())
    initiative = Initiative.objects.get(fichas=cr_ficha)
    earlier = Ficha.objects.create(campaign=closed_campaign, institution=cr_ficha.institution)
    earlier.initiatives.add(initiative)
    as_focal_cr.post(reverse("surveys:ficha_initiative_delete", args=[cr_ficha.pk, initiative.pk]))
    assert list(initiative.fichas.all()) == [earlier]
    assert not cr_ficha.reports(initiative) and earlier.reports(initiative)


def test_outside_the_campaign_window_the_ficha_is_read_only(as_focal_cr, closed_campaign, costa_rica):
    ficha = Ficha.objects.create(campaign=closed_campaign, institution=costa_rica, institutional_strengths="Antes")
    page = as_focal_cr.get(ficha_url(ficha)).text
    assert "La campaña está cerrada" in page
    assert "disabled" in page and "Guardar borrador" not in page
    as_focal_cr.post(ficha_url(ficha), block_post(version=1, institutional_strengths="Después"))
    as_focal_cr.post(new_initiative_url(ficha), initiative_post())
    ficha.refresh_from_db()
    assert ficha.institutional_strengths == "Antes"
    assert not Initiative.objects.filter(fichas=ficha).exists()


def test_a_closed_campaign_cannot_be_started(as_focal_cr, closed_campaign):
    response = as_focal_cr.post(reverse("surveys:ficha_start", args=[closed_campaign.pk]), follow=True)
    assert "La campaña está cerrada" in response.text
    assert not Ficha.objects.exists()


def test_the_ficha_shows_the_original_help_texts(as_focal_cr, cr_ficha):
    page = as_focal_cr.get(new_initiative_url(cr_ficha)).text
    assert "Se ejecuta puntualmente por una sola vez" in page
    assert "¿qué cuellos de botella se generaron en el proceso multiactor?" in page


def test_the_focal_point_form_asks_only_the_fichas_questions(as_focal_cr, cr_ficha):
    form = as_focal_cr.get(new_initiative_url(cr_ficha)).context["form"]
    assert set(form.fields) == {*initiative_fields(), "version"}


def test_a_campaign_that_has_not_opened_yet_says_when_it_opens(as_focal_cr, campaign, costa_rica):
    from datetime import timedelta

    from django.utils import timezone

    campaign.opens_at = timezone.now() + timedelta(days=10)
    campaign.closes_at = timezone.now() + timedelta(days=40)
    campaign.save()
    response = as_focal_cr.post(reverse("surveys:ficha_start", args=[campaign.pk]), follow=True)
    assert "La campaña abre el" in response.text
    assert not Ficha.objects.exists()


def test_the_submit_page_links_each_initiative_to_what_it_lacks_and_warns_when_it_is_not_multi_actor(as_focal_cr, cr_ficha):
    as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post(strengths="a\nb\nc\nd"))
    as_focal_cr.post(new_initiative_url(cr_ficha), initiative_post(name="Un solo tipo", **{"actors-1-actor_type": "public_sector"}))
    lacking, single = Initiative.objects.filter(fichas=cr_ficha).order_by("pk")
    page = as_focal_cr.get(reverse("surveys:ficha_submit", args=[cr_ficha.pk])).text
    edit = reverse("surveys:ficha_initiative_edit", args=[cr_ficha.pk, lacking.pk])
    assert f'<a href="{edit}">{lacking.name}</a>' in page and "como máximo 3 elementos, se indicaron 4" in page
    assert f'href="{reverse("surveys:ficha_detail", args=[cr_ficha.pk])}">Información institucional</a>' in page
    as_focal_cr.post(edit, initiative_post(version=lacking.version))
    as_focal_cr.post(reverse("surveys:ficha_detail", args=[cr_ficha.pk]), block_post(version=Ficha.objects.get(pk=cr_ficha.pk).version))
    page = as_focal_cr.get(reverse("surveys:ficha_submit", args=[cr_ficha.pk])).text
    assert "no contaría como alianza multiactor" in page, page
    assert reverse("surveys:ficha_initiative_edit", args=[cr_ficha.pk, single.pk]) in page


def test_the_campaigns_name_and_greeting_are_shown_in_the_readers_language(as_focal_cr, cr_ficha):
    from django.utils import translation

    from tests.surveys.word_files import blank

    campaign = cr_ficha.campaign
    campaign.name_pt, campaign.intro_pt = "Levantamento 2024 de Alianças Multiatores", "Prezado/a, obrigado."
    campaign.save()
    as_focal_cr.cookies["django_language"] = "pt"
    page = as_focal_cr.get(ficha_url(cr_ficha)).text
    assert "Levantamento 2024 de Alianças Multiatores" in page and "Prezado/a, obrigado." in page
    assert "Relevamiento 2024" not in page
    assert "Levantamento 2024 de Alianças Multiatores" in [paragraph.text for paragraph in blank(campaign, "pt").paragraphs]
    with translation.override("en"):
        assert campaign.title == campaign.name  # no English name written: the Spanish one
