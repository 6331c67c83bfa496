"""The API describes itself: an OpenAPI 3 schema with every endpoint, filter and enum, and
interactive documentation served from this server (no CDN)."""

import re

import pytest
import yaml
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def schema() -> dict:
    response = APIClient().get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_openapi_3_with_every_endpoint():
    document = schema()
    assert document["openapi"].startswith("3.")
    for path in ("initiatives/", "initiatives/{id}/", "initiatives/iati.xml", "organizations/", "countries/", "sectors/", "dialogues/", "seminars/", "stats/"):
        assert f"/api/v1/{path}" in document["paths"], path


def test_the_schema_documents_the_catalogs_filters_and_the_enums():
    document = schema()
    parameters = {p["name"] for p in document["paths"]["/api/v1/initiatives/"]["get"]["parameters"]}
    assert {"country", "other_country", "sector", "initiative_type", "actor_type", "classification", "modality", "sdg", "phase", "year_from", "year_to", "q", "page", "page_size"} <= parameters
    text = yaml.safe_dump(document)
    for code in ("public_sector", "trade_union", "parliament", "sustainable_development_alliance"):
        assert code in text
    assert "patch" in document["paths"]["/api/v1/initiatives/{id}/"]


def test_the_schema_says_how_a_search_is_ordered():
    operation = schema()["paths"]["/api/v1/initiatives/"]["get"]
    [search] = [parameter for parameter in operation["parameters"] if parameter["name"] == "q"]
    assert "1,000" in search["description"] and "`id`" in search["description"]
    assert operation["responses"]["200"]["headers"]["X-Search-Ranked"]["schema"]["enum"] == ["true", "false"]


def test_the_interactive_documentation_loads_nothing_from_other_sites():
    page = APIClient().get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in page.lower()
    external = [url for url in re.findall(r'(?:src|href)="([^"]+)"', page) if url.startswith(("http://", "https://", "//"))]
    assert external == []
    assert "<script>" not in page  # the page's own script is a file, so the CSP needs no exception


def test_an_unknown_api_address_answers_json_and_a_page_answers_html():
    api_response = APIClient().get("/api/v1/initiatives/not-a-number/")
    assert api_response.status_code == 404 and api_response.json() == {"detail": "No encontrado."}
    page = APIClient().get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
