"""The glossary: seeded from the source documents in three languages, searchable without
accents, by letter, and linked from the ficha's help texts (first mention per page only)."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from knowledge.glossary import GlossaryTerm, TermLinker
from surveys.models import Ficha
from tests.surveys.conftest import campaign  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_the_glossary_is_seeded_with_the_terms_the_report_asks_for():
    terms = GlossaryTerm.objects.all()
    assert terms.count() >= 15
    assert {"alianza-multiactor", "amds", "css", "ct", "actor-no-estatal", "punto-focal", "dialogo-estructurado"} <= set(
        terms.values_list("slug", flat=True)
    )
    for term in terms:
        assert term.term_es and term.term_pt and term.term_en and term.source
        assert term.definition_es and term.definition_pt and term.definition_en
    apci = terms.get(slug="alianza-multiactor-apci")
    assert "horizontal" in apci.definition_es and "APCI" in apci.source


def test_the_page_shows_every_term_by_letter_in_the_readers_language(as_anonymous):
    spanish = as_anonymous.get("/glossary/")
    assert "Cooperación Triangular (CT)" in spanish.text and 'href="#letter-C"' in spanish.text
    assert '<span aria-hidden="true">Z</span>' in spanish.text  # no term under Z: not a link
    portuguese = as_anonymous.get("/glossary/", HTTP_ACCEPT_LANGUAGE="pt")
    assert "Cooperação Triangular (CT)" in portuguese.text and "Fonte" in portuguese.text


def test_search_ignores_accents_and_case(as_anonymous):
    found = as_anonymous.get("/glossary/", {"q": "ARTICULACION"}).context["by_letter"]
    assert [term.slug for terms in found.values() for term in terms] == ["espacio-de-articulacion"]
    nothing = as_anonymous.get("/glossary/", {"q": "zzz"})
    assert "Ningún término coincide" in nothing.text


def test_a_ficha_page_links_each_term_once_where_it_first_appears(as_focal_cr, costa_rica, campaign):  # noqa: F811
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    page = as_focal_cr.get(f"/survey/fichas/{ficha.pk}/").text
    # Two help texts speak of "alianzas multiactor en CSS y CT": only the first mentions are links.
    assert page.count('href="/glossary/#alianza-multiactor"') == 1
    assert page.count('href="/glossary/#css"') == 1 and page.count('href="/glossary/#ct"') == 1
    assert page.count("alianzas multiactor") >= 2


def test_linking_escapes_the_text_and_prefers_the_longest_form():
    request = RequestFactory().get("/")
    with translation.override("es"):
        linker = TermLinker.for_request(request)
        html = linker.link("<b>Las alianzas multiactor para el desarrollo sostenible</b> y las alianzas multiactor")
    assert html.startswith("&lt;b&gt;Las ")
    assert 'href="/glossary/#amds"' in html and 'href="/glossary/#alianza-multiactor"' in html
    assert TermLinker.for_request(request) is linker  # one query per page, not per help text


def test_the_technical_unit_edits_terms_and_nobody_else_does(as_curator, as_focal_cr):
    term = GlossaryTerm.objects.get(slug="punto-focal")
    assert as_curator.get(f"/admin/knowledge/glossaryterm/{term.pk}/change/").status_code == 200
    assert as_focal_cr.get(f"/admin/knowledge/glossaryterm/{term.pk}/change/").status_code == 302
