"""The technical unit adds a question to the campaign in the admin; a focal point answers it
online, then in the Word blank, and the review reads it back."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from surveys.models import Campaign, Ficha, FichaInitiative
from tests.browser.test_survey_journey import log_in
from tests.surveys.word_files import answer, saved

pytestmark = pytest.mark.django_db(transaction=True)
LABEL = "Recursos que aporta cada actor"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_question_added_in_the_admin_is_answered_online_and_in_word(browser: Browser, live_server, curator, focal_cr, tmp_path):
    from docx import Document

    now = timezone.now()
    campaign = Campaign.objects.create(
        name="Relevamiento 2026 de Alianzas Multiactor", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30)
    )
    unit = browser.new_context(locale="es-ES").new_page()
    log_in(unit, live_server.url, "curator")
    unit.goto(f"{live_server.url}/admin/surveys/questionnaire/add/")
    unit.locator('[name="campaign"]').select_option(str(campaign.pk))
    unit.locator('[name="questions-0-key"]').fill("resources")
    unit.locator('[name="questions-0-kind"]').select_option("long_text")
    unit.locator('[name="questions-0-label"]').fill(LABEL)
    unit.locator('[name="questions-0-label_pt"]').fill("Recursos que cada ator aporta")
    unit.locator('[name="_save"]').click()
    expect(unit.locator(".messagelist")).to_contain_text("Se agregó cuestionario")

    # Online: the focal point finds the new question among the ficha's and answers it.
    focal = browser.new_context(locale="es-ES").new_page()
    log_in(focal, live_server.url, "focal_cr")
    focal.get_by_role("button", name="Comenzar la ficha").click()
    focal.get_by_role("link", name="Agregar una iniciativa").click()
    focal.get_by_label("Nombre de la iniciativa").fill("Siembra y cosecha de agua")
    focal.get_by_label(LABEL).fill("El ministerio aporta personal técnico.")
    focal.get_by_role("button", name="Guardar borrador").click()
    expect(focal.get_by_text("Iniciativa guardada como borrador.")).to_be_visible()
    expect(focal.get_by_label(LABEL)).to_have_value("El ministerio aporta personal técnico.")
    ficha = Ficha.objects.get()
    assert FichaInitiative.objects.get(ficha=ficha).answers == {"resources": "El ministerio aporta personal técnico."}

    # In Word: the blank asks it too, and what is typed there is read back on the review screen.
    focal.goto(f"{live_server.url}/survey/")
    with focal.expect_download() as download:
        focal.get_by_role("link", name="formulario en blanco en español").click()
    document = Document(download.value.path())
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    answer(document, "Tipo de iniciativa", "Proyecto")
    answer(document, "Nombre de la iniciativa", "Restauración de arrecifes")
    answer(document, "Actores involucrados", "Sector público: SINAC; Sector privado: CANATUR")
    answer(document, LABEL, "SINAC aporta guardaparques; CANATUR, embarcaciones.")
    filled = tmp_path / "ficha-cr.docx"
    filled.write_bytes(saved(document))
    focal.get_by_role("link", name="cargar la ficha completada").click()
    focal.get_by_label("Ficha completada").set_input_files(filled)
    focal.get_by_role("button", name="Cargar y leer el archivo").click()
    expect(focal.get_by_text("SINAC aporta guardaparques; CANATUR, embarcaciones.")).to_be_visible()
    focal.locator('[name="replace"]').check()  # the draft already holds the initiative typed online
    focal.get_by_role("button", name="Confirmar: completar la ficha borrador").click()
    expect(focal.get_by_text("Restauración de arrecifes")).to_be_visible()
    entry = FichaInitiative.objects.get(ficha=ficha)
    assert entry.answers == {"resources": "SINAC aporta guardaparques; CANATUR, embarcaciones."}
