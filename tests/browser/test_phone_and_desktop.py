"""The online ficha on a phone (390 px) and a desktop (1366 px), in a real browser: nothing
scrolls sideways, actors are added without saving, a draft keeps incomplete answers, leaving with
unsaved answers asks first, the review has no preselected decision, and axe finds no serious
violation on these pages."""

import pytest
from playwright.sync_api import Browser, Page

from registry.models import Initiative
from surveys.models import Campaign, Ficha
from tests.browser.test_accessibility import PASSWORD, serious_violations
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": 390, "desktop": 1366}


@pytest.fixture
def ficha(live_server, focal_cr, curator):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    campaign = Campaign.objects.create(
        name="Relevamiento 2026", name_pt="Levantamento 2026", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30)
    )
    return Ficha.objects.create(campaign=campaign, institution=focal_cr.institution)


def signed_in(browser: Browser, base: str, username: str, width: int, locale: str = "es-ES") -> Page:
    page = browser.new_context(locale=locale, bypass_csp=True, viewport={"width": width, "height": 800}).new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("[name=username]").fill(username)
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("form.ficha-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def sideways_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0: nothing to scroll sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("device", WIDTHS)
def test_eight_actors_are_added_without_saving_and_a_draft_keeps_an_incomplete_answer(browser, live_server, ficha, device):
    page = signed_in(browser, live_server.url, "focal_cr", WIDTHS[device])
    page.goto(f"{live_server.url}/survey/fichas/{ficha.pk}/initiatives/new/")
    assert sideways_overflow(page) == 0
    page.get_by_label("Nombre de la iniciativa").fill("Red de huertas")
    add = page.get_by_role("button", name="Agregar un actor")
    for number in range(8):
        if number >= 3:
            add.click()
        page.locator(f"[name=actors-{number}-name]").fill(f"Organización {number + 1}")
        page.locator(f"[name=actors-{number}-actor_type]").select_option("civil_society" if number % 2 else "public_sector")
    page.locator("[name=strengths]").fill("Una\nDos\nTres\nCuatro")  # one more than the ficha takes
    assert sideways_overflow(page) == 0
    page.get_by_role("button", name="Guardar borrador").click()
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    initiative = Initiative.objects.get(fichas=ficha)
    assert initiative.participations.count() == 8 and initiative.strengths == ["Una", "Dos", "Tres", "Cuatro"]
    assert initiative.initiative_type is None
    problems = page.locator("#problems")
    assert "Tipo de iniciativa" in problems.inner_text() and "se indicaron 4" in problems.inner_text()
    assert sideways_overflow(page) == 0
    assert serious_violations(page) == []


@pytest.mark.parametrize("device", WIDTHS)
def test_leaving_with_unsaved_answers_asks_first(browser, live_server, ficha, device):
    page = signed_in(browser, live_server.url, "focal_cr", WIDTHS[device])
    page.goto(f"{live_server.url}/survey/fichas/{ficha.pk}/initiatives/new/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_label("Nombre de la iniciativa").fill("Sin guardar")
    page.get_by_role("link", name="Volver a la ficha").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    assert "/initiatives/new/" in page.url  # the person stayed, with what they typed
    assert page.get_by_label("Nombre de la iniciativa").input_value() == "Sin guardar"


@pytest.mark.parametrize("device", WIDTHS)
def test_the_ficha_page_fits_the_screen_and_speaks_the_readers_language(browser, live_server, ficha, device):
    page = signed_in(browser, live_server.url, "focal_cr", WIDTHS[device], locale="pt-BR")
    page.goto(f"{live_server.url}/survey/fichas/{ficha.pk}/")
    assert sideways_overflow(page) == 0
    assert "Levantamento 2026" in page.locator("h1").inner_text()


@pytest.mark.parametrize("device", WIDTHS)
def test_the_review_has_no_preselected_decision(browser, live_server, ficha, focal_cr, device):
    from surveys import services

    initiative = make_initiative(institution=focal_cr.institution, status="draft", ficha=ficha, name="Para revisar")
    Ficha.objects.filter(pk=ficha.pk).update(
        focal_point_name="Ana", focal_point_email="ana@example.org", wants_to_share=True,
        institutional_strengths="Sí", institutional_weaknesses="No",
    )
    Initiative.objects.filter(pk=initiative.pk).update(
        objectives="Objetivo", justification="Justificación", focal_point_name="Ana", focal_point_email="ana@example.org",
        results=["Uno"],
    )
    initiative.country_links.create(country_id="GT")
    services.ficha_submit(ficha=Ficha.objects.get(pk=ficha.pk), by=focal_cr)
    page = signed_in(browser, live_server.url, "curator", WIDTHS[device])
    page.goto(f"{live_server.url}/survey/fichas/{ficha.pk}/review/")
    decision = page.locator(f"#decision-{initiative.pk}")
    assert decision.input_value() == ""
    assert sideways_overflow(page) == 0
    assert serious_violations(page) == []
