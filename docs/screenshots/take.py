"""The README's screenshots, taken from the demo in the system Chromium.

    make run &                                   # the demo on http://127.0.0.1:8000
    .venv/bin/python docs/screenshots/take.py    # writes catalog.png and ficha-phone.png here

Re-run after a visible change to the catalog or the ficha; the pictures are committed.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        desktop = browser.new_page(viewport={"width": 1366, "height": 900}, locale="es-ES")
        desktop.goto(f"{BASE}/initiatives/")
        desktop.screenshot(path=HERE / "catalog.png")
        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="es-ES")
        phone.goto(f"{BASE}/accounts/login/")
        phone.locator("[name=username]").fill("focal_cr")
        phone.locator("[name=password]").fill("alianzas-demo")
        phone.locator("form.ficha-form button[type=submit]").click()
        phone.wait_for_url(lambda url: "/accounts/login/" not in url)
        start = phone.locator("form[action*='/start/'] button")
        if start.count():  # the demo campaign has no ficha of Costa Rica yet
            start.first.click()
            phone.wait_for_load_state()
        phone.locator("a[href*='/initiatives/new/']").first.click()
        phone.get_by_label("Nombre de la iniciativa").fill("Cosecha de agua en el Corredor Seco")
        phone.locator("[name=actors-0-name]").fill("Ministerio de Agricultura y Ganadería")
        phone.locator("[name=actors-0-actor_type]").select_option("public_sector")
        phone.locator("[name=actors-1-name]").fill("Universidad EARTH")
        phone.locator("[name=actors-1-actor_type]").select_option("academia")
        # The actors as cards, the way a phone shows them.
        phone.locator("fieldset.rows legend").first.evaluate("element => { element.scrollIntoView(); document.activeElement.blur(); }")
        phone.screenshot(path=HERE / "ficha-phone.png")
        browser.close()


if __name__ == "__main__":
    main()
