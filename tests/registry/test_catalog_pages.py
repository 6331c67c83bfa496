import pytest
from django.urls import reverse

from registry.choices import ActorType as A, Status
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

LIST = reverse("registry:initiative_list")


def detail(initiative):
    return reverse("registry:initiative_detail", args=[initiative.pk])


@pytest.fixture
def cr_draft(costa_rica):
    return make_initiative(name="Borrador de Costa Rica", institution=costa_rica, status=Status.DRAFT)


@pytest.fixture
def cr_published(costa_rica):
    return make_initiative(name="Publicada de Costa Rica", institution=costa_rica)


def test_the_home_page_leads_to_the_catalog(as_anonymous):
    response = as_anonymous.get("/")
    assert response.status_code == 302 and response.url == LIST


def test_an_anonymous_visitor_sees_only_published_initiatives(as_anonymous, cr_draft, cr_published):
    response = as_anonymous.get(LIST)
    assert response.status_code == 200
    assert "Publicada de Costa Rica" in response.text
    assert "Borrador de Costa Rica" not in response.text
    assert as_anonymous.get(detail(cr_draft)).status_code == 404
    assert as_anonymous.get(detail(cr_published)).status_code == 200


def test_a_focal_point_of_costa_rica_sees_costa_ricas_drafts(as_focal_cr, cr_draft):
    assert "Borrador de Costa Rica" in as_focal_cr.get(LIST).text
    assert as_focal_cr.get(detail(cr_draft)).status_code == 200


def test_a_focal_point_of_argentina_does_not_see_costa_ricas_drafts(as_focal_ar, cr_draft, cr_published):
    response = as_focal_ar.get(LIST)
    assert "Borrador de Costa Rica" not in response.text
    assert "Publicada de Costa Rica" in response.text
    assert as_focal_ar.get(detail(cr_draft)).status_code == 404


def test_an_analyst_reads_published_data_only(as_analyst, cr_draft, cr_published):
    assert "Borrador de Costa Rica" not in as_analyst.get(LIST).text
    assert as_analyst.get(detail(cr_draft)).status_code == 404
    assert as_analyst.get(detail(cr_published)).status_code == 200


def test_the_curator_sees_every_status_and_the_change_history(as_curator, cr_draft):
    assert "Borrador de Costa Rica" in as_curator.get(LIST).text
    response = as_curator.get(detail(cr_draft))
    assert response.status_code == 200
    assert "Historial de cambios" in response.text


def test_the_change_history_is_not_shown_to_focal_points(as_focal_cr, cr_draft):
    assert "Historial de cambios" not in as_focal_cr.get(detail(cr_draft)).text


def test_the_initiative_page_shows_every_ficha_field_and_actors_grouped_by_type(as_anonymous, costa_rica):
    initiative = make_initiative(
        institution=costa_rica,
        name="Siembra y Cosecha de Agua",
        objectives="Promover la cosecha de agua.",
        justification="Surgió de una demanda municipal.",
        strengths=["Confianza entre actores"],
        challenges=["Tiempos institucionales"],
        results=["Mil familias con agua"],
        focal_point_name="Ana Solano",
        focal_point_email="ana@mideplan.go.cr",
        wants_to_share=True,
        actors=[("MAG", A.PUBLIC_SECTOR), ("Municipalidad de Turrialba", A.LOCAL_GOVERNMENT), ("ASADAS", A.CIVIL_SOCIETY)],
        partners=["GT"],
        sectors=["environment"],
    )
    page = as_anonymous.get(detail(initiative)).text
    for text in [
        "Siembra y Cosecha de Agua", "Promover la cosecha de agua.", "Surgió de una demanda municipal.",
        "Confianza entre actores", "Tiempos institucionales", "Mil familias con agua", "Guatemala", "Medio ambiente", "Sector público", "Gobiernos locales",
        "Sociedad civil", "Alianza multiactor para el desarrollo sostenible", "3 tipos de actor distintos",
        "¿Cómo se decide la clasificación?",
    ]:
        assert text in page, text
    # The focal point is for focal points and the technical unit (tests/security/test_personal_data.py).
    assert "Ana Solano" not in page and "ana@mideplan.go.cr" not in page


def test_the_list_shows_the_number_of_results_and_paginates(as_anonymous):
    for _ in range(12):
        make_initiative()
    first = as_anonymous.get(LIST, {"page_size": 10})
    assert "12 iniciativas encontradas" in first.text
    assert "Página 1 de 2" in first.text
    assert as_anonymous.get(LIST, {"page_size": 10, "page": 2}).context["page"].object_list.__len__() == 2


@pytest.mark.parametrize(
    "query",
    ["?page=abc", "?page=-1", "?page=99999", "?page_size=100000", "?page_size=x", "?country=ZZ", "?sdg=0",
     "?year_from=1e400", "?ordering=password", "?q=" + "x" * 3000],
)
def test_malformed_query_strings_never_fail(as_anonymous, query):
    make_initiative()
    assert as_anonymous.get(LIST + query).status_code == 200


def test_a_null_character_is_a_clear_bad_request(as_anonymous):
    response = as_anonymous.get(LIST + "?q=%00")
    assert response.status_code == 400 and "carácter nulo" in response.text


def test_only_get_is_allowed_on_the_catalog(as_anonymous):
    assert as_anonymous.post(LIST).status_code == 405


def _populate(count):
    for number in range(count):
        make_initiative(
            actors=[(f"Org A{number}", A.PUBLIC_SECTOR), (f"Org B{number}", A.ACADEMIA), (f"Org C{number}", A.PRIVATE_SECTOR)],
            partners=["GT", "HN"],
            sectors=["environment", "social"],
        )


def test_the_list_runs_a_constant_number_of_queries_whatever_the_page_size(as_anonymous, django_assert_max_num_queries):
    params = {"page_size": 100, "sector": "environment", "actor_type": "academia"}
    _populate(10)
    # Ten, two for the campaigns' added questions the answer filter offers, two for SEGIB's areas and sectors.
    with django_assert_max_num_queries(14) as with_ten:
        assert len(as_anonymous.get(LIST, params).context["page"].object_list) == 10
    _populate(90)
    with django_assert_max_num_queries(len(with_ten.captured_queries)):
        response = as_anonymous.get(LIST, params)
    assert len(response.context["page"].object_list) == 100
