"""The three users' journeys in a browser: a focal point fills and submits the ficha in
Portuguese; the technical unit reviews it, classifies, schedules a dialogue and downloads the
reports; an analyst gets a token and calls the API with it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from dialogues.models import Dialogue
from registry.models import Initiative
from surveys.models import Campaign, Ficha
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "secret-pass-123"


def sign_in(page: Page, base: str, username: str, then: str = "/") -> None:
    page.goto(f"{base}/accounts/login/?next={then}")
    page.locator("[name=username]").fill(username)
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("form.ficha-form button[type=submit]").click()
    expect(page.locator(".account a").first).to_have_text(username)


@pytest.fixture
def campaign():
    now = timezone.now()
    return Campaign.objects.create(
        name="Relevamiento 2026 de Alianzas Multiactor", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30)
    )


def test_a_focal_point_fills_and_submits_the_ficha_in_portuguese(browser: Browser, live_server, focal_cr, campaign):
    page = browser.new_context(locale="pt-BR").new_page()
    sign_in(page, live_server.url, "focal_cr", "/survey/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Levantamento|Pesquisa|Ficha", re.I))
    page.get_by_role("button", name="Começar a ficha").click()
    page.locator("[name=focal_point_name]").fill("Ana Solano")
    page.locator("[name=focal_point_email]").fill("ana@mideplan.go.cr")
    page.locator("[name=institutional_strengths]").fill("Mesa multiatores ativa")
    page.locator("[name=institutional_weaknesses]").fill("Poucos recursos próprios")
    page.get_by_label("Sim").check()
    page.get_by_role("button", name="Salvar rascunho").click()
    expect(page.get_by_text(re.compile("Rascunho salvo"))).to_be_visible()

    page.get_by_role("link", name="Adicionar uma iniciativa").click()
    page.locator("[name=initiative_type][value='2']").check()
    page.locator("[name=name]").fill("Colheita de água de chuva")
    page.locator("[name=objectives]").fill("Levar água às famílias rurais.")
    for row, (organization, actor_type) in enumerate([("MAG", "public_sector"), ("Universidade EARTH", "academia")]):
        page.locator(f'[name="actors-{row}-name"]').fill(organization)
        page.locator(f'[name="actors-{row}-actor_type"]').select_option(actor_type)
    page.locator('[name="countries-0-country"]').select_option("GT")
    page.locator("[name=focal_point_name]").fill("Ana Solano")
    page.locator("[name=focal_point_email]").fill("ana@mideplan.go.cr")
    page.locator("[name=justification]").fill("Nasceu de uma demanda dos municípios.")
    page.locator("[name=strengths]").fill("Confiança")
    page.locator("[name=results]").fill("Mil famílias com água")
    page.get_by_role("button", name="Salvar rascunho").click()
    expect(page.get_by_text("Iniciativa salva como rascunho.")).to_be_visible()
    page.get_by_role("link", name="Voltar à ficha").click()
    expect(page.get_by_text("Todas as perguntas têm resposta.")).to_be_visible()
    page.get_by_role("link", name="Enviar a ficha").click()
    page.get_by_role("button", name="Enviar a ficha").click()
    expect(page.get_by_text(re.compile("Ficha enviada"))).to_be_visible()
    assert Ficha.objects.get(institution=focal_cr.institution).status == "submitted"


def test_the_technical_unit_reviews_classifies_schedules_and_downloads(
    browser: Browser, live_server, focal_cr, curator, campaign
):
    base = live_server.url
    ficha = Ficha.objects.create(campaign=campaign, institution=focal_cr.institution, focal_point_name="Ana Solano")
    make_initiative(institution=focal_cr.institution, name="Siembra y Cosecha de Agua", status="submitted", ficha=ficha, wants_to_share=True)
    ficha.status = "submitted"
    ficha.submitted_at = timezone.now()
    ficha.save()
    page = browser.new_context(locale="es-ES", accept_downloads=True).new_page()
    sign_in(page, base, "curator", "/survey/")

    # Review: publish the initiative from the ficha's review page.
    page.goto(f"{base}/survey/fichas/{ficha.pk}/review/")
    page.locator("select[name=decision]").first.select_option("publish")  # nothing is preselected
    page.get_by_role("button", name="Registrar la decisión").first.click()
    expect(page.get_by_text(re.compile("Decisión registrada"))).to_be_visible()
    initiative = Initiative.objects.get(name="Siembra y Cosecha de Agua")
    assert initiative.status == "published"

    # Classify it in the curation screens, with a reason.
    page.goto(f"{base}/admin/registry/initiative/")
    page.locator(f"input[name=_selected_action][value='{initiative.pk}']").check()
    page.locator("select[name=action]").select_option("classify")
    page.locator("button[name=index]").click()
    page.locator("[name=classification]").select_option("sustainable_development_alliance")
    page.locator("[name=reason]").fill("Participan también cooperativas locales no registradas.")
    page.get_by_role("button", name="Confirmar").click()
    expect(page.get_by_text(re.compile("Clasificación actualizada"))).to_be_visible()

    # Schedule a dialogue presenting it.
    dialogue = Dialogue.objects.create(title="Diálogo sobre cosecha de agua")
    dialogue.initiatives.add(initiative)
    dialogue.facilitators.add(curator)
    page.goto(f"{base}/dialogues/{dialogue.pk}/")
    when = timezone.localtime(timezone.now() + timedelta(days=10)).replace(hour=10, minute=0)
    page.locator("[name=starts_at]").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.locator("[name=video_link]").fill("https://meet.example.org/agua")
    page.get_by_role("button", name=re.compile("Programar")).click()
    if page.locator("[name=accept_warnings]").count():
        page.locator("[name=accept_warnings]").check()
        page.get_by_role("button", name=re.compile("Programar")).click()
    expect(page.get_by_text(re.compile("El diálogo quedó programado"))).to_be_visible()
    dialogue.refresh_from_db()
    assert dialogue.status == "scheduled"

    # Download the reports.
    page.goto(f"{base}/reports/")
    for link, suffix in (("Excel", ".xlsx"), ("Word (español)", ".docx"), ("Excel con la forma del SIDICSS", ".xlsx")):
        with page.expect_download() as download:
            page.get_by_role("link", name=link, exact=True).click()
        assert download.value.suggested_filename.endswith(suffix)
        assert download.value.path().stat().st_size > 1000


def test_an_analyst_gets_a_token_and_calls_the_api(browser: Browser, live_server, analyst):
    make_initiative(name="Siembra y Cosecha de Agua")
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    sign_in(page, live_server.url, "analyst", "/accounts/profile/")
    page.get_by_role("button", name="Crear un token").click()
    token = page.locator("section[aria-labelledby=token-title] .notice code").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", token)
    anonymous_client = browser.new_context().request
    response = anonymous_client.get(
        f"{live_server.url}/api/v1/initiatives/", headers={"Authorization": f"Token {token}"}
    )
    assert response.status == 200
    assert [item["name"] for item in response.json()["results"]] == ["Siembra y Cosecha de Agua"]
    refused = anonymous_client.get(f"{live_server.url}/api/v1/initiatives/", headers={"Authorization": "Token wrong"})
    assert refused.status == 401
