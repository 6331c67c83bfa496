"""Success cases in the format of source document 004: curated in the admin, published in the
catalog, searchable, in the API and as a one-page Word sheet; drafts only for the technical unit."""

import io

import pytest
from docx import Document

from registry.choices import ActorType, TriangularValue
from registry.models import AuditEntry, Country, Organization
from knowledge.success_cases import SuccessCase, SuccessCaseActor
from tests.api.schema_check import SchemaCheckingClient
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


def admin_post(initiative, actors, **overrides) -> dict:
    data = {
        "title": "Creación de las Mesas Técnicas Nacionales de Articulación Institucional en CTSE",
        "author": "DIALOGAS",
        "initiatives": [initiative.pk],
        "countries": ["AR", "GT", "PY"],
        "sdgs": ["17", "4"],
        "sdg_targets": "17.16,4.a",
        "summary": "Gracias al diálogo inter pares se crearon las Mesas Técnicas Nacionales.",
        "learnings": "La importancia de generar espacios de articulación multiactor.",
        "achievements": "Contribución al ODS 17, meta 17.16\nMesas formalizadas en tres países",
        "success_factors": "Surgió en un taller inter pares.",
        "triangular_values": [TriangularValue.SHARED_LEARNING, TriangularValue.CO_CREATION],
        "references": "https://www.mesacts.com",
        "keywords": "Multiactor,Talleres inter pares",
        "actors-TOTAL_FORMS": str(len(actors)), "actors-INITIAL_FORMS": "0", "actors-MIN_NUM_FORMS": "0", "actors-MAX_NUM_FORMS": "1000",
    }
    for index, (organization, country) in enumerate(actors):
        data[f"actors-{index}-organization"] = organization.pk
        data[f"actors-{index}-country"] = country
    data.update(overrides)
    return data


@pytest.fixture
def case(as_curator):
    initiative = make_initiative(name="Mesa Regional CTSE")
    inet = Organization.objects.create(name="Instituto Nacional de Educación Técnica (INET)", actor_type=ActorType.PUBLIC_SECTOR)
    conadi = Organization.objects.create(name="CONADI", actor_type=ActorType.PUBLIC_SECTOR)
    response = as_curator.post("/admin/knowledge/successcase/add/", admin_post(initiative, [(inet, "AR"), (conadi, "GT")]))
    assert response.status_code == 302, response.content.decode()[:2000]
    return SuccessCase.objects.get()


def test_a_case_is_curated_as_a_draft_and_published_by_the_technical_unit(as_curator, as_anonymous, case, curator):
    assert not case.is_published and case.achievements == ["Contribución al ODS 17, meta 17.16", "Mesas formalizadas en tres países"]
    assert case.sdg_targets == ["17.16", "4.a"] and SuccessCaseActor.objects.filter(case=case).count() == 2
    assert as_anonymous.get(f"/success-cases/{case.pk}/").status_code == 404
    assert "Mesas Técnicas" not in as_anonymous.get("/success-cases/").text
    as_curator.post("/admin/knowledge/successcase/", {"action": "publish", "_selected_action": [case.pk]})
    case.refresh_from_db()
    assert case.is_published and case.published_at
    assert AuditEntry.objects.filter(object_id=str(case.pk), content_type__model="successcase", actor=curator).exists()
    page = as_anonymous.get(f"/success-cases/{case.pk}/")
    assert page.status_code == 200 and "Instituto Nacional de Educación Técnica" in page.text
    assert "Compartir conocimientos y aprender de forma conjunta" in page.text


def test_published_cases_are_searchable_without_accents(as_anonymous, case):
    case.is_published = True
    case.save()
    found = as_anonymous.get("/success-cases/", {"q": "articulacion INTER pares"})
    assert [item.pk for item in found.context["page"]] == [case.pk]
    assert list(as_anonymous.get("/success-cases/", {"q": "arrecifes"}).context["page"]) == []


def test_the_api_serves_published_cases_with_their_actors_and_values(case):
    client = SchemaCheckingClient()
    assert client.get("/api/v1/success-cases/").json()["count"] == 0
    case.is_published = True
    case.save()
    [item] = client.get("/api/v1/success-cases/", {"country": "GT"}).json()["results"]
    assert item["sdg_targets"] == ["17.16", "4.a"] and sorted(item["countries"]) == ["AR", "GT", "PY"]
    assert [actor["country"] for actor in item["actors"]] == ["AR", "GT"]
    assert {"code": "shared_learning", "label": "Compartir conocimientos y aprender de forma conjunta"} in item["triangular_values"]
    assert item["initiatives"][0].endswith(f"/api/v1/initiatives/{case.initiatives.get().pk}/")


def test_the_word_sheet_follows_the_format(as_anonymous, case):
    case.is_published = True
    case.save()
    response = as_anonymous.get(f"/success-cases/{case.pk}/case.docx")
    assert response["Content-Disposition"].startswith("attachment")
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    for expected in (
        "CASOS DE ÉXITO", "AUTOR:", "DIALOGAS", "Guatemala", "CONADI - Guatemala", "Meta 17.16",
        "Resumen del caso:", "Mesas formalizadas en tres países", "Factores clave de éxito:",
        "☑ 3. Compartir conocimientos", "☐ 1. Generar apropiación y confianza", "https://www.mesacts.com", "Talleres inter pares",
    ):
        assert expected in text, expected


def test_a_wrong_sdg_target_is_refused_and_nothing_is_saved(as_curator):
    initiative = make_initiative()
    response = as_curator.post("/admin/knowledge/successcase/add/", admin_post(initiative, [], sdg_targets="17.16,99.1"))
    assert response.status_code == 200 and "17.16 o 4.a" in response.text
    assert not SuccessCase.objects.exists()


def test_the_actor_directory_lists_the_cases_an_actor_took_part_in(as_anonymous, case):
    case.is_published = True
    case.save()
    make_initiative(name="Otra", actors=[("CONADI", ActorType.PUBLIC_SECTOR)])
    conadi = Organization.objects.get(name="CONADI", country__isnull=True)
    assert Country.objects.filter(pk="GT").exists()
    page = as_anonymous.get(f"/actors/{conadi.pk}/")
    assert "Creación de las Mesas Técnicas" in page.text


def test_an_initiative_page_lists_its_published_cases(as_anonymous, as_curator, case):
    initiative = case.initiatives.get()
    assert "Creación de las Mesas Técnicas" not in as_anonymous.get(f"/initiatives/{initiative.pk}/").text
    assert "Creación de las Mesas Técnicas" in as_curator.get(f"/initiatives/{initiative.pk}/").text  # the draft, for the unit
    case.is_published = True
    case.save()
    assert "Creación de las Mesas Técnicas" in as_anonymous.get(f"/initiatives/{initiative.pk}/").text
