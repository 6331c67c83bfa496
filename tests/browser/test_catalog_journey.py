"""A visitor finds initiatives in the catalog, reads one, and switches language."""

import re

import pytest
from playwright.sync_api import Page, expect

from registry.choices import ActorType as A
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalog(live_server):
    make_initiative(
        name="Cooperación en arrecifes de coral",
        institution=institution_for("CR"),
        actors=[("SINAC", A.PUBLIC_SECTOR), ("Universidad de Costa Rica", A.ACADEMIA), ("CANATUR", A.PRIVATE_SECTOR)],
        sectors=["environment"],
    )
    make_initiative(name="Apicultura en el Caribe", institution=institution_for("AR"), sectors=["economic_development"])
    return live_server.url


def test_a_visitor_searches_without_accents_and_opens_the_initiative(page: Page, catalog):
    page.goto(f"{catalog}/initiatives/")
    expect(page.get_by_role("heading", name="Catálogo de iniciativas multiactor")).to_be_visible()
    expect(page.get_by_text("2 iniciativas encontradas")).to_be_visible()

    page.get_by_label("Buscar", exact=True).fill("cooperacion coral")
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page.get_by_text("1 iniciativa encontrada")).to_be_visible()

    page.get_by_role("link", name="Cooperación en arrecifes de coral").click()
    expect(page.get_by_role("heading", name="Cooperación en arrecifes de coral")).to_be_visible()
    expect(page.get_by_text("Alianza multiactor para el desarrollo sostenible", exact=True)).to_be_visible()
    page.get_by_text("¿Cómo se decide la clasificación?").click()
    expect(page.get_by_text(re.compile("cuenta los tipos de actor distintos"))).to_be_visible()


def test_a_visitor_filters_by_sector_with_checkboxes(page: Page, catalog):
    page.goto(f"{catalog}/initiatives/")
    page.get_by_role("group", name="Sector").get_by_label("Medio ambiente").check()
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page.get_by_text("1 iniciativa encontrada")).to_be_visible()
    expect(page.get_by_role("link", name="Apicultura en el Caribe")).to_have_count(0)


def test_a_portuguese_speaker_switches_the_language(page: Page, catalog):
    page.goto(f"{catalog}/initiatives/")
    page.get_by_label("Idioma").select_option("pt")
    page.get_by_role("button", name="Cambiar").click()
    expect(page.get_by_role("heading", name="Catálogo de iniciativas multiator")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "pt")
