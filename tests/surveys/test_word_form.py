"""The Word form we hand out: generated from the field definitions, in Spanish or Portuguese, with
the campaign embedded; filled in Word it reads back, and so does a filled ficha downloaded from the survey."""

import io

import pytest
from django.urls import reverse

from surveys.docx.reader import campaign_of, read_ficha
from surveys.docx.safety import open_docx_safely
from tests.surveys.conftest import block_post, initiative_post
from tests.surveys.word_files import answer, blank, saved

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["es", "pt"])
def test_the_blank_form_carries_its_campaign_and_reads_as_an_empty_ficha(campaign, language):
    document = blank(campaign, language)
    opened = open_docx_safely(saved(document))
    parsed = read_ficha(opened)
    assert campaign_of(opened) == campaign.pk
    assert parsed["country"] is None and parsed["initiatives"] == [] and parsed["warnings"] == []


def test_the_blank_form_asks_every_question_of_the_online_form_in_the_chosen_language(campaign):
    spanish, portuguese = blank(campaign, "es"), blank(campaign, "pt")
    spanish_text = "\n".join(cell.text for table in spanish.tables for row in table.rows for cell in row.cells)
    portuguese_text = "\n".join(cell.text for table in portuguese.tables for row in table.rows for cell in row.cells)
    for question in ("Nombre de la iniciativa", "Justificación", "Otros países involucrados", "Fortalezas"):
        assert question in spanish_text
    assert "Nome da iniciativa" in portuguese_text and "Nombre de la iniciativa" not in portuguese_text
    headings = [p.text for p in spanish.paragraphs if p.style.name.startswith("Heading")]
    assert headings.count("Información iniciativa 3") == 1 and "Información iniciativa 4" not in headings


def test_the_campaign_is_found_from_the_visible_reference_when_properties_are_lost(campaign):
    document = blank(campaign, "es")
    document.core_properties.identifier = ""
    assert campaign_of(open_docx_safely(saved(document))) == campaign.pk


def test_a_blank_form_filled_in_portuguese_reads_back(campaign):
    document = blank(campaign, "pt")
    answer(document, "País e instituição que preenche a ficha", "Brasil – Agência Brasileira de Cooperação")
    answer(document, "Ponto focal: nome e e-mail", "João Lima <joao@abc.gov.br>")
    answer(document, "Interesse em compartilhar", "Sim")
    answer(document, "Tipo de iniciativa", "2 - Projeto")
    answer(document, "Nome da iniciativa", "Bancos de leite humano")
    answer(document, "Atores envolvidos", "Fiocruz – Academia\nMinistério da Saúde (Setor público)")
    answer(document, "Outros países envolvidos", "Argentina e Uruguai")
    answer(document, "Fortalezas", "1) Rede regional 2) Protocolos comuns")
    parsed = read_ficha(open_docx_safely(saved(document)))
    assert parsed["country"] == "BR" and parsed["institution"] == "Agência Brasileira de Cooperação"
    assert parsed["focal_point"] == {"name": "João Lima", "email": "joao@abc.gov.br"}
    assert parsed["wants_to_share"] is True
    [initiative] = parsed["initiatives"]
    assert initiative["initiative_type"] == 2 and initiative["name"] == "Bancos de leite humano"
    assert initiative["actors"] == [
        {"name": "Fiocruz", "actor_type": "academia"},
        {"name": "Ministério da Saúde", "actor_type": "public_sector"},
    ]
    assert initiative["other_countries"] == ["AR", "UY"]
    assert initiative["strengths"] == ["Rede regional", "Protocolos comuns"]
    assert parsed["warnings"] == []


def test_a_ficha_downloaded_from_the_survey_reads_back_as_it_was_saved(as_focal_cr, cr_ficha):
    as_focal_cr.post(reverse("surveys:ficha_detail", args=[cr_ficha.pk]), block_post(version=1))
    as_focal_cr.post(
        reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk]),
        initiative_post(initiative_type="4", initiative_type_other="Red de municipios"),
    )
    response = as_focal_cr.get(reverse("surveys:ficha_download", args=[cr_ficha.pk]))
    parsed = read_ficha(open_docx_safely(response.content))
    assert parsed["country"] == "CR" and parsed["institution"] == cr_ficha.institution.name
    assert parsed["focal_point"] == {"name": "Ana Solano", "email": "ana@mideplan.go.cr"}
    assert parsed["institution_strengths"] == "Mesa multiactor activa" and parsed["wants_to_share"] is True
    [initiative] = parsed["initiatives"]
    assert (initiative["initiative_type"], initiative["initiative_type_other"]) == (4, "Red de municipios")
    assert initiative["actors"] == [
        {"name": "Ministerio de Agricultura y Ganadería", "actor_type": "public_sector"},
        {"name": "Universidad EARTH", "actor_type": "academia"},
    ]
    assert initiative["other_countries"] == ["GT"]
    assert initiative["strengths"] == ["Confianza", "Complementariedad"]
    assert initiative["results"] == ["Mil familias con agua"]
    assert parsed["warnings"] == []


def test_the_command_files_a_form_under_the_campaign_printed_in_it(campaign, curator, tmp_path):
    from datetime import timedelta

    from django.core.management import call_command

    from surveys.models import Campaign, Ficha

    newer = Campaign.objects.create(
        name="Relevamiento 2025", opens_at=campaign.opens_at + timedelta(hours=1), closes_at=campaign.closes_at
    )
    document = blank(campaign, "es")
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    path = tmp_path / "ficha.docx"
    path.write_bytes(saved(document))
    call_command("import_ficha", str(path), user="curator", stderr=io.StringIO())
    assert Ficha.objects.get().campaign == campaign != newer


def test_text_with_control_characters_still_downloads_as_word(as_focal_cr, cr_ficha):
    as_focal_cr.post(
        reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk]), initiative_post(objectives="Agua\x0b potable")
    )
    response = as_focal_cr.get(reverse("surveys:ficha_download", args=[cr_ficha.pk]))
    assert response.status_code == 200
    assert read_ficha(open_docx_safely(response.content))["initiatives"][0]["objectives"] == "Agua potable"
