"""The map on a phone: it draws every Ibero-American country, follows the catalog's filters, opens
a country's initiatives in the catalog, and its table says the same counts as the shades."""

import pytest
from playwright.sync_api import Browser, expect

from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_map_follows_the_filters_and_its_countries_open_the_catalog(browser: Browser, live_server, costa_rica, argentina):
    make_initiative(institution=costa_rica, name="Cosecha de agua", partners=[("BR", "provider"), ("GT", "recipient")], sectors=["environment"])
    make_initiative(institution=argentina, name="Huertas urbanas", partners=[("GT", "recipient"), ("ES", "first_provider")])
    make_initiative(institution=institution_for("MX"), name="Salud comunitaria", partners=["CR"], sectors=["environment"])
    page = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live_server.url}/initiatives/")
    page.get_by_role("link", name="Verlas en un mapa de Iberoamérica").click()
    expect(page.locator("svg.region-map path[data-country]")).to_have_count(22)
    width = page.locator("svg.region-map").bounding_box()["width"]
    assert 300 < width <= 390  # fits the phone, no sideways scrolling
    assert page.locator('path[data-country="GT"]').get_attribute("data-count") == "2"
    expect(page.locator('path[data-flow="BR-GT"] title')).to_have_text("Brasil → Guatemala: 1 iniciativa")

    # The table alternative says what the shades say.
    page.get_by_text("El mapa como tabla: iniciativas por país").click()
    for code in ("CR", "GT", "MX", "PT"):
        shaded = page.locator(f'path[data-country="{code}"]').get_attribute("data-count")
        expect(page.locator(f'[data-map-table] tr[data-country="{code}"] td')).to_have_text(shaded)

    # With a filter, the map counts only what the catalog keeps.
    page.goto(f"{live_server.url}/initiatives/map/?sector=environment")
    assert page.locator('path[data-country="GT"]').get_attribute("data-count") == "1"
    assert page.locator('path[data-country="AR"]').get_attribute("data-count") == "0"
    page.locator('a:has(path[data-country="CR"])').click()
    expect(page.locator(".results article.card")).to_have_count(2)
    expect(page.get_by_text("Cosecha de agua")).to_be_visible()
    expect(page.get_by_text("Salud comunitaria")).to_be_visible()
