"""Accessibility of the main pages: axe-core finds no serious or critical violation, and every
page can be used with the keyboard alone (every control reachable by Tab, focus always visible,
the skip link first)."""

import io
from importlib.resources import files

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page

from dialogues.models import Dialogue
from registry.models import Initiative, SharedInitiative
from registry.shared import shared_link
from surveys.models import Campaign, Ficha
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db(transaction=True)

AXE = (files("axe_playwright_python") / "axe.min.js").read_text()
PASSWORD = "secret-pass-123"


@pytest.fixture
def demo(live_server, focal_cr, curator, analyst):
    call_command("load_demo", stdout=io.StringIO())
    ficha = Ficha.objects.create(campaign=Campaign.objects.first(), institution=focal_cr.institution)
    make_initiative(institution=focal_cr.institution, name="Borrador de Costa Rica", status="draft", ficha=ficha)
    return live_server.url


def signed_in(browser: Browser, base: str, username: str | None) -> Page:
    # Playwright evaluates in the page through the DevTools protocol; bypass_csp lets axe's
    # script run without loosening the site's own policy.
    page = browser.new_context(locale="es-ES", bypass_csp=True).new_page()
    if username:
        page.goto(f"{base}/accounts/login/")
        page.locator("[name=username]").fill(username)
        page.locator("[name=password]").fill(PASSWORD)
        page.locator("form.ficha-form button[type=submit]").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def serious_violations(page: Page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def main_pages(base: str) -> dict[str | None, list[str]]:
    published = Initiative.objects.filter(status="published").order_by("pk").first()
    ficha = Ficha.objects.filter(institution__country_id="CR").first()
    held = Dialogue.objects.filter(status="held").first()
    costa_rican = Initiative.objects.filter(status="published", institution__country_id="CR").order_by("pk").first()
    partner = Initiative.objects.filter(status="published").exclude(institution__country_id="CR").order_by("pk").first()
    shared = SharedInitiative.objects.first() or shared_link(initiatives=[costa_rican, partner], by=None)
    return {
        None: ["/initiatives/", f"/initiatives/{published.pk}/", "/dialogues/", f"/dialogues/{held.pk}/", "/accounts/login/", "/glossary/", "/actors/", "/success-cases/",
               "/initiatives/map/", "/countries/", "/countries/CR/"],
        "focal_cr": ["/survey/", f"/survey/fichas/{ficha.pk}/", f"/survey/fichas/{ficha.pk}/initiatives/new/", "/survey/uploads/",
                     f"/initiatives/shared/{shared.pk}/", "/countries/CR/", "/capacities/", "/capacities/needs/new/"],
        "curator": [f"/survey/fichas/{ficha.pk}/review/", "/dialogues/candidates/", "/reports/", "/audit/", f"/initiatives/{published.pk}/follow-up/",
                    "/initiatives/shared/", f"/initiatives/shared/{shared.pk}/"],
        "analyst": ["/accounts/profile/", "/reports/"],
    }


def test_the_main_pages_have_no_serious_accessibility_violation(browser: Browser, demo):
    found = []
    for username, paths in main_pages(demo).items():
        page = signed_in(browser, demo, username)
        for path in paths:
            page.goto(f"{demo}{path}")
            found += [f"{path} as {username or 'anonymous'}: {problem}" for problem in serious_violations(page)]
        page.context.close()
    assert not found, "\n".join(found)


def tab_through(page: Page, limit: int = 600) -> tuple[list[str], list[str]]:
    """Presses Tab until focus comes back to the start; returns the controls never reached and
    those reached without a visible focus indicator."""
    page.evaluate("""() => {
        window.__reached = new Set();
        document.addEventListener('focusin', (event) => window.__reached.add(event.target), true);
    }""")
    invisible = []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        description = page.evaluate("""() => {
            const element = document.activeElement;
            if (!element || element === document.body) return null;
            const style = getComputedStyle(element);
            const shown = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
            return {key: element.outerHTML.slice(0, 100), shown};
        }""")
        if description is None:
            continue
        if description["key"] == first:
            break
        first = first or description["key"]
        if not description["shown"]:
            invisible.append(description["key"])
    unreached = page.evaluate("""() => {
        const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
          .filter((element) => !element.disabled && element.offsetParent !== null && element.tabIndex >= 0);
        // A radio group is one Tab stop; the arrow keys move inside it.
        const reachedGroups = new Set([...window.__reached].filter((element) => element.type === 'radio').map((element) => element.name));
        return controls
          .filter((element) => !window.__reached.has(element))
          .filter((element) => !(element.type === 'radio' && reachedGroups.has(element.name)))
          .map((element) => element.outerHTML.slice(0, 100));
    }""")
    return unreached, invisible


def test_every_main_page_works_with_the_keyboard_alone(browser: Browser, demo):
    problems = []
    for username, paths in main_pages(demo).items():
        page = signed_in(browser, demo, username)
        for path in paths:
            page.goto(f"{demo}{path}")
            autofocus = page.locator("[autofocus]").count()  # the sign-in page starts in its first field
            page.keyboard.press("Tab")
            first = page.evaluate("() => document.activeElement.className")
            if "skip-link" not in first and not autofocus:
                problems.append(f"{path}: the first Tab does not reach the skip link")
            unreached, invisible = tab_through(page)
            problems += [f"{path}: never reached by Tab: {item}" for item in unreached]
            problems += [f"{path}: no visible focus on {item}" for item in invisible]
        page.context.close()
    assert not problems, "\n".join(problems[:40])


def test_a_focal_point_signs_in_and_saves_with_the_keyboard_only(browser: Browser, demo):
    page = browser.new_context(locale="es-ES").new_page()
    page.goto(f"{demo}/accounts/login/?next=/accounts/profile/")
    page.locator("[name=username]").focus()
    page.keyboard.type("focal_cr")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/profile/")
    page.locator("[name=first_name]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Ana")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Ana" == page.locator("[name=first_name]").input_value()
