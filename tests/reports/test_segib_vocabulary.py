"""SEGIB's vocabulary: the classification of activity sectors in areas, the crosswalk from the
five sectors of Table 1, filters in the catalog, the API and the reports, and the SIDICSS Excel."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from registry.models import Initiative, SegibArea, SegibSector, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(focal_cr, curator, analyst):
    call_command("load_demo", stdout=io.StringIO())


def test_the_classification_has_six_areas_and_each_table_1_sector_crosses_to_one_of_them():
    assert SegibArea.objects.count() == 6 and SegibSector.objects.count() == 30
    assert SegibSector.objects.get(code="agriculture_livestock").verified_languages == ["es", "pt", "en"]
    crosswalk = dict(Sector.objects.values_list("code", "segib_sector__code"))
    assert crosswalk == {
        "tourism": "tourism", "social": "other_social_services_policies", "governance": "institutions_public_policies",
        "economic_development": "enterprises", "environment": "environment",
    }
    for sector in SegibSector.objects.all():
        assert sector.name_es and sector.name_pt and sector.name_en


def test_the_catalog_the_api_and_the_reports_filter_by_segib_area_and_sector(demo, as_curator, as_anonymous):
    environment = set(Initiative.objects.published().filter(sectors__code="environment").values_list("pk", flat=True))
    by_area = APIClient().get("/api/v1/initiatives/", {"segib_area": "environment", "page_size": 100}).json()["results"]
    assert {item["id"] for item in by_area} == environment and len(environment) == 4
    productive = APIClient().get("/api/v1/initiatives/", {"segib_sector": ["tourism"], "page_size": 100}).json()["count"]
    assert productive == Initiative.objects.published().filter(sectors__code="tourism").count() == 3
    assert APIClient().get("/api/v1/initiatives/", {"segib_sector": "not-a-sector"}).status_code == 400
    catalog = as_anonymous.get("/initiatives/", {"segib_area": "environment"}).content.decode()
    assert "Siembra y Cosecha de Agua" in catalog and "Jóvenes Construyendo el Futuro" not in catalog
    dashboard = as_curator.get("/reports/", {"segib_area": "environment"})
    assert dashboard.status_code == 200


def test_the_sidicss_excel_has_a_row_per_initiative_and_partner(demo, as_curator):
    response = as_curator.get("/reports/report.sidicss", {"lang": "es"})
    assert response.status_code == 200 and 'alianzas-sidicss-es.xlsx' in response["Content-Disposition"]
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:6] == ("Iniciativa ID", "Iniciativa", "País que reporta", "País socio", "Rol SEGIB del socio", "Modalidad")
    expected = sum(max(1, initiative.country_links.count()) for initiative in Initiative.objects.published())
    assert len(body) == expected
    column = {name: index for index, name in enumerate(header)}
    germany = [row for row in body if row[column["País socio"]] == "Alemania"]
    assert germany and all(row[column["Rol SEGIB del socio"]] == "Segundo oferente" for row in germany)
    water = next(row for row in body if row[column["Iniciativa"]] == "Siembra y Cosecha de Agua y Servicios Ecosistémicos")
    assert water[column["Área SEGIB"]] == "Medioambiente" and water[column["Instrumento SEGIB"]]
