"""The board of needs and offers in Spanish and in Portuguese: a focal point posts its agency's
need, finds the organization's offer suggested with the reasons, and writes to it through the
platform."""

import pytest
from playwright.sync_api import Browser, expect

from capacities.models import Need, Offer, Reply
from registry.choices import ActorType
from registry.models import Organization, Sector
from tests.browser.test_three_users import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "es-ES": {"board": "Oferta y demanda", "new": "Publicar una necesidad", "title": "Título", "description": "Descripción",
              "training": "Capacitación", "publish": "Publicar en el tablero", "published": "Publicado en el tablero.",
              "offers": "Ofertas que pueden responderla", "why": "Mismo sector", "message": "Su mensaje", "send": "Enviar",
              "sent": "Su mensaje se envió"},
    "pt-BR": {"board": "Oferta e demanda", "new": "Publicar uma necessidade", "title": "Título", "description": "Descrição",
              "training": "Capacitação", "publish": "Publicar no quadro", "published": "Publicado no quadro.",
              "offers": "Ofertas que podem respondê-la", "why": "Mesmo setor", "message": "Sua mensagem", "send": "Enviar",
              "sent": "A sua mensagem foi enviada"},
}


@pytest.mark.parametrize("locale", ["es-ES", "pt-BR"])
def test_a_focal_point_posts_a_need_finds_the_offer_and_writes_to_it(browser: Browser, live_server, focal_cr, curator, locale):
    words = WORDS[locale]
    environment = Sector.objects.get(code="environment")
    university = Organization.objects.create(name="Universidade Federal de Minas Gerais", actor_type=ActorType.ACADEMIA, country_id="BR")
    curator.email = "unidad@pifcss.example.org"
    curator.save()
    Offer.objects.create(organization=university, title="Gestão de resíduos e reciclagem", description="Mentoria para municípios",
                         topics="resíduos, reciclagem", sector=environment, offer_kinds=["mentoring"], posted_by=curator)
    page = browser.new_context(locale=locale, viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, live_server.url, "focal_cr", "/survey/")
    page.get_by_role("navigation").get_by_role("link", name=words["board"]).click()
    page.get_by_role("link", name=words["new"]).click()
    page.get_by_label(words["title"]).fill("Residuos sólidos municipales")
    page.get_by_label(words["description"]).fill("Reciclaje con cooperativas")
    page.locator("[name=topics]").fill("reciclaje, residuos")
    page.locator("[name=sector]").select_option(str(environment.pk))
    page.get_by_label(words["training"]).check()
    page.get_by_role("button", name=words["publish"]).click()
    expect(page.get_by_text(words["published"])).to_be_visible()
    suggestions = page.get_by_role("region", name=words["offers"])
    expect(suggestions.get_by_role("link", name="Gestão de resíduos e reciclagem")).to_be_visible()
    expect(suggestions.get_by_text(words["why"])).to_be_visible()
    assert Need.objects.get().institution == focal_cr.institution

    suggestions.get_by_role("link", name="Gestão de resíduos e reciclagem").click()
    page.get_by_label(words["message"]).fill("Nos interesa su mentoría.")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_text(words["sent"])).to_be_visible()
    assert Reply.objects.get().body == "Nos interesa su mentoría."
    assert curator.email not in page.content()
