"""On a 390 px phone: the header's links all show, nothing scrolls sideways, the catalog's first
result is on the first screen with the filters folded away, a long list of check boxes narrows
as one types, and the curl example of a new API token stays inside its card. On a wide screen the
filters are open beside the results."""

import pytest
from playwright.sync_api import Browser, Page, expect

from registry.choices import ActorType as A
from registry.models import Country
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
PASSWORD = "secret-pass-123"


@pytest.fixture
def site(live_server):
    for number in range(3):
        make_initiative(
            name=f"Cooperación en arrecifes {number}",
            institution=institution_for("CR"),
            actors=[("SINAC", A.PUBLIC_SECTOR), ("Universidad de Costa Rica", A.ACADEMIA)],
            sectors=["environment"],
        )
    make_initiative(name="Apicultura en el Caribe", institution=institution_for("AR"))
    return live_server.url


def phone(browser: Browser) -> Page:
    return browser.new_context(locale="es-ES", viewport=PHONE).new_page()


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def test_the_catalog_on_a_phone_shows_results_first_and_never_scrolls_sideways(browser: Browser, site):
    page = phone(browser)
    page.goto(f"{site}/initiatives/")
    glossary = page.get_by_role("navigation", name="Principal").get_by_role("link", name="Glosario")
    expect(glossary).to_be_in_viewport()
    box = glossary.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert not scrolls_sideways(page)

    panel = page.locator("details#filter-panel")
    expect(panel).not_to_have_attribute("open", "")
    first_result = page.locator(".results article.card").first
    assert first_result.bounding_box()["y"] + 40 < PHONE["height"]

    page.locator("#filter-panel > summary").click()
    countries = page.locator("#filter-other_country")
    finder = countries.get_by_role("searchbox")
    expect(finder).to_be_visible()
    finder.fill("argen")
    expect(countries.locator(".choices label:visible")).to_have_count(1)
    expect(countries.get_by_label("Argentina")).to_be_visible()
    finder.press("Enter")  # narrows the list, sends nothing
    assert page.url.endswith("/initiatives/")
    countries.get_by_label("Argentina").check()
    finder.fill("zzz")  # a ticked box stays in sight
    expect(countries.locator(".choices label:visible")).to_have_count(1)
    countries.get_by_label("Argentina").uncheck()
    finder.fill("")
    expect(countries.locator(".choices label:visible")).to_have_count(Country.objects.count())
    assert not scrolls_sideways(page)

    page.get_by_role("group", name="País que reporta").get_by_label("Argentina").check()
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page.get_by_role("link", name="Apicultura en el Caribe")).to_be_visible()
    expect(page.locator(".results article.card")).to_have_count(1)


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(page: Page, site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site}/initiatives/")
    expect(page.locator("details#filter-panel")).to_have_attribute("open", "")
    results = page.locator(".results").bounding_box()
    filters = page.locator("form.filters").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]


def test_the_actor_directory_and_the_profile_fit_a_phone(browser: Browser, site, analyst):
    page = phone(browser)
    page.goto(f"{site}/actors/")
    expect(page.get_by_role("link", name="SINAC")).to_be_visible()
    assert not scrolls_sideways(page)

    page.goto(f"{site}/accounts/login/")
    page.locator("[name=username]").fill("analyst")
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("form.ficha-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{site}/accounts/profile/")
    page.get_by_role("button", name="Crear un token").click()
    command = page.locator(".new-token pre")
    expect(command).to_contain_text("curl -H")
    card = page.locator("section.card").bounding_box()
    shown = command.bounding_box()
    assert shown["x"] + shown["width"] <= card["x"] + card["width"]
    assert command.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert not scrolls_sideways(page)
