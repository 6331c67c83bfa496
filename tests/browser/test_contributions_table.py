"""On a phone, a focal point fills the ficha's table of what each actor brings: a row is added in
place, one is removed, and what is saved is what the table showed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from surveys.models import Campaign, CampaignQuestion, FichaInitiative, Questionnaire
from tests.browser.test_survey_journey import log_in

pytestmark = pytest.mark.django_db(transaction=True)
LABEL = "Lo que aporta cada actor"


def test_rows_are_added_and_removed_in_place_and_saved(browser: Browser, live_server, focal_cr):
    now = timezone.now()
    campaign = Campaign.objects.create(
        name="Relevamiento 2026 de Alianzas Multiactor", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30)
    )
    questionnaire = Questionnaire.objects.create(campaign=campaign)
    CampaignQuestion.objects.create(questionnaire=questionnaire, key="brings", kind="contributions", label=LABEL)
    page = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844}).new_page()
    log_in(page, live_server.url, "focal_cr")
    page.get_by_role("button", name="Comenzar la ficha").click()
    page.get_by_role("link", name="Agregar una iniciativa").click()
    page.get_by_label("Nombre de la iniciativa").fill("Siembra y cosecha de agua")
    page.get_by_label("Organización, fila 1").fill("MAG")
    page.get_by_label("Tipo de actor, fila 1").select_option("public_sector")
    table = page.get_by_role("group", name=LABEL)
    expect(table.get_by_label("Actor, fila 2")).to_be_visible()
    table.get_by_role("button", name="Agregar un aporte").click()
    table.get_by_label("Actor, fila 3").fill("MAG")
    table.get_by_label("Qué aporta, fila 3").select_option("financial")
    table.get_by_label("Monto (solo dinero), fila 3").fill("1.500.000")
    table.get_by_label("Moneda, fila 3").fill("crc")
    table.get_by_label("Año del monto, fila 3").fill("2024")
    table.get_by_label("Actor, fila 1").fill("Nadie")
    table.get_by_role("button", name="Quitar").first.click()
    page.get_by_role("button", name="Guardar borrador").click()
    expect(page.get_by_text("Iniciativa guardada como borrador.")).to_be_visible()
    assert FichaInitiative.objects.get().answers == {
        "brings": [{"actor": "MAG", "kind": "financial", "description": "", "amount": "1500000", "currency": "CRC", "year": 2024}]
    }
    expect(page.get_by_role("group", name=LABEL).get_by_label("Moneda, fila 1")).to_have_value("CRC")
