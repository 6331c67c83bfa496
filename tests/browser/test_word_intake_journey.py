"""Word fichas in a browser: the technical unit uploads several files and watches the progress bar;
a focal point downloads the blank form, fills it in Word and sends it back."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from surveys.models import Campaign, Ficha, FichaUpload
from tests.browser.test_survey_journey import log_in
from tests.surveys.word_files import answer, saved

pytestmark = pytest.mark.django_db(transaction=True)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fichas"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def campaign():
    now = timezone.now()
    return Campaign.objects.create(
        name="Relevamiento 2024 de Alianzas Multiactor", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30)
    )


def test_the_technical_unit_uploads_several_fichas_with_a_progress_bar(browser: Browser, live_server, curator, campaign, tmp_path):
    not_a_ficha = tmp_path / "acta.docx"
    not_a_ficha.write_bytes(b"%PDF-1.7 acta")
    page = browser.new_context(locale="es-ES").new_page()
    log_in(page, live_server.url, "curator")
    page.goto(f"{live_server.url}/survey/uploads/")
    page.get_by_label("Campaña").select_option(str(campaign.pk))
    page.get_by_label("Fichas completadas").set_input_files(
        [FIXTURES / "ficha_uruguay_auci_una_iniciativa.docx", FIXTURES / "ficha_portugal_camoes_pt.docx", not_a_ficha]
    )
    page.get_by_role("button", name="Cargar y leer los archivos").click()
    expect(page.locator("#upload-progress-status")).to_have_text("Todos los archivos fueron procesados.")
    expect(page.locator("#upload-progress-bar")).to_have_attribute("value", "3")
    results = page.locator("#upload-progress-results li")
    expect(results).to_have_count(3)
    expect(results.nth(2)).to_contain_text("no es un archivo de Word")
    assert FichaUpload.objects.count() == 2

    results.nth(0).get_by_role("link").click()
    expect(page.get_by_role("heading", name=re.compile("Lo leído en ficha_uruguay"))).to_be_visible()
    page.get_by_role("button", name="Confirmar: completar la ficha borrador").click()
    expect(page.get_by_text("La ficha borrador se completó con el archivo Word.")).to_be_visible()
    assert Ficha.objects.get().institution.country_id == "UY"


def test_a_focal_point_fills_the_blank_form_in_word_and_sends_it_back(browser: Browser, live_server, focal_cr, campaign, tmp_path):
    from docx import Document

    page = browser.new_context(locale="es-ES").new_page()
    log_in(page, live_server.url, "focal_cr")
    with page.expect_download() as download:
        page.get_by_role("link", name="formulario en blanco en español").click()
    document = Document(download.value.path())
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    answer(document, "Tipo de iniciativa", "Proyecto")
    answer(document, "Nombre de la iniciativa", "Siembra y cosecha de agua")
    answer(document, "Actores involucrados", "Sector público: MAG, INDER; Academia: Universidad EARTH")
    filled = tmp_path / "ficha-cr.docx"
    filled.write_bytes(saved(document))

    page.get_by_role("link", name="cargar la ficha completada").click()
    page.get_by_label("Ficha completada").set_input_files(filled)
    page.get_by_role("button", name="Cargar y leer el archivo").click()
    expect(page.get_by_text("Universidad EARTH — Academia")).to_be_visible()
    page.get_by_role("button", name="Confirmar: completar la ficha borrador").click()
    expect(page.get_by_text("Siembra y cosecha de agua")).to_be_visible()
    ficha = Ficha.objects.get()
    assert ficha.institution == focal_cr.institution and ficha.initiatives.get().participations.count() == 3
