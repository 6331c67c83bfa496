"""The whole survey journey in a browser: a focal point of Costa Rica fills a ficha with two
initiatives, comes back, submits; the curator returns it; the focal point fixes and resubmits;
the curator accepts and the initiatives appear in the public catalog."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from surveys.models import Campaign

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "secret-pass-123"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/survey/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()


def add_initiative(page: Page, name: str, actors: list[tuple[str, str]], country: str) -> None:
    page.get_by_role("link", name="Agregar una iniciativa").click()
    page.get_by_role("radio", name=re.compile(r"2 – Proyecto")).check()
    page.get_by_label("Nombre de la iniciativa").fill(name)
    page.get_by_label("Objetivo/s").fill(f"Objetivos de {name}.")
    for row, (organization, actor_type) in enumerate(actors):
        page.locator(f'[name="actors-{row}-name"]').fill(organization)
        page.locator(f'[name="actors-{row}-actor_type"]').select_option(actor_type)
    page.locator('[name="countries-0-country"]').select_option(country)
    page.get_by_label("Nombre del punto focal").fill("Ana Solano")
    page.get_by_label("Correo electrónico del punto focal").fill("ana@mideplan.go.cr")
    page.get_by_label("Justificación").fill("Surgió de una demanda compartida por varios actores.")
    page.get_by_label("Fortalezas").fill("Confianza entre actores\nComplementariedad")
    page.get_by_label("Principales resultados").fill("Capacidades fortalecidas")
    page.get_by_role("button", name="Guardar borrador").click()
    expect(page.get_by_text("Iniciativa guardada como borrador.")).to_be_visible()
    page.get_by_role("link", name="Volver a la ficha").click()


def test_a_ficha_goes_from_a_focal_point_to_the_public_catalog(browser: Browser, live_server, focal_cr, curator):
    base = live_server.url
    now = timezone.now()
    Campaign.objects.create(
        name="Relevamiento 2024 de Alianzas Multiactor", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30)
    )
    focal = browser.new_context(locale="es-ES").new_page()
    unit = browser.new_context(locale="es-ES").new_page()

    # The focal point starts the ficha and saves the institutional block as a draft.
    log_in(focal, base, "focal_cr")
    focal.get_by_role("button", name="Comenzar la ficha").click()
    focal.get_by_label("Nombre del punto focal").fill("Ana Solano")
    focal.get_by_label("Correo electrónico del punto focal").fill("ana@mideplan.go.cr")
    focal.get_by_label("Fortalezas institucionales").fill("Mesa multiactor activa")
    focal.get_by_label("Debilidades institucionales").fill("Pocos fondos propios")
    focal.get_by_label("Sí").check()
    focal.get_by_role("button", name="Guardar borrador").click()
    expect(focal.get_by_text("Borrador guardado.")).to_be_visible()

    add_initiative(
        focal, "Siembra y Cosecha de Agua",
        [("Ministerio de Agricultura y Ganadería", "public_sector"), ("Universidad EARTH", "academia"), ("ASADAS", "civil_society")],
        "GT",
    )
    add_initiative(
        focal, "Restauración de arrecifes de coral",
        [("SINAC", "public_sector"), ("CANATUR", "private_sector")],
        "DO",
    )

    # Coming back later: the draft is still there, complete.
    focal.goto(f"{base}/survey/")
    focal.get_by_role("link", name="Continuar completándola").click()
    expect(focal.get_by_text("Todas las preguntas tienen respuesta.")).to_be_visible()
    focal.get_by_role("link", name="Enviar la ficha").click()
    focal.get_by_role("button", name="Enviar la ficha").click()
    expect(focal.get_by_text(re.compile("Ficha enviada"))).to_be_visible()

    # The curator returns it with a comment.
    log_in(unit, base, "curator")
    unit.get_by_role("link", name=re.compile("Agencia nacional de Costa Rica")).click()
    unit.get_by_label("Comentarios para los puntos focales").fill("Agregue un segundo resultado a la primera iniciativa.")
    unit.get_by_role("button", name="Devolver con comentarios").click()
    expect(unit.get_by_text("La ficha fue devuelta")).to_be_visible()

    # The focal point reads the comment, fixes the initiative and submits again.
    focal.reload()
    expect(focal.get_by_text("Agregue un segundo resultado a la primera iniciativa.")).to_be_visible()
    focal.get_by_role("link", name="Editar").first.click()
    focal.get_by_label("Principales resultados").fill("Capacidades fortalecidas\nMil familias con agua")
    focal.get_by_role("button", name="Guardar borrador").click()
    focal.get_by_role("link", name="Volver a la ficha").click()
    focal.get_by_role("link", name="Enviar la ficha").click()
    focal.get_by_role("button", name="Enviar la ficha").click()
    expect(focal.get_by_text(re.compile("Ficha enviada"))).to_be_visible()

    # The curator accepts both; they are published in the catalog.
    unit.reload()
    for _ in range(2):
        unit.locator("select[name=decision]").first.select_option("publish")  # nothing is preselected
        unit.get_by_role("button", name="Registrar la decisión").first.click()
        expect(unit.get_by_text("Decisión registrada")).to_be_visible()
    visitor = browser.new_context(locale="es-ES").new_page()
    visitor.goto(f"{base}/initiatives/")
    expect(visitor.get_by_role("link", name="Siembra y Cosecha de Agua")).to_be_visible()
    expect(visitor.get_by_role("link", name="Restauración de arrecifes de coral")).to_be_visible()
    visitor.get_by_role("link", name="Siembra y Cosecha de Agua").click()
    expect(visitor.get_by_text("Mil familias con agua")).to_be_visible()
    expect(visitor.get_by_text("Alianza multiactor para el desarrollo sostenible", exact=True)).to_be_visible()
