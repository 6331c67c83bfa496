import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.choices import ActorType as A, Classification, InitiativeType, Modality, Phase
from registry.filters import InitiativeFilterSet
from registry.models import Initiative
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


def names(params: dict) -> set[str]:
    filterset = InitiativeFilterSet(data=params, queryset=Initiative.objects.with_classification())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("name", flat=True))


@pytest.fixture
def catalog():
    make_initiative(
        name="Cooperación en arrecifes de coral",
        institution=institution_for("CR"),
        actors=[("SINAC", A.PUBLIC_SECTOR), ("Universidad de Costa Rica", A.ACADEMIA), ("CANATUR", A.PRIVATE_SECTOR)],
        partners=["DO"],
        sectors=["environment", "tourism"],
        initiative_type=InitiativeType.PROJECT,
        modality=Modality.TRIANGULAR,
        sdgs=[14, 17],
        phase=Phase.IMPLEMENTATION,
        start_year=2019,
        end_year=2021,
        objectives="Restaurar los ecosistemas marinos con alianzas público-privadas.",
    )
    make_initiative(
        name="Apicultura en el Caribe",
        institution=institution_for("AR"),
        actors=[("INTA", A.PUBLIC_SECTOR), ("Cooperativa Apícola", A.PRIVATE_SECTOR)],
        partners=["JM", "TT"],
        sectors=["economic_development"],
        initiative_type=InitiativeType.ACTION,
        modality=Modality.REGIONAL_SSC,
        sdgs=[2],
        phase=Phase.EVALUATION,
        start_year=2023,
    )
    make_initiative(
        name="Mesa de trabajo multiactor",
        institution=institution_for("CL"),
        actors=[("AGCID", A.PUBLIC_SECTOR)],
        sectors=["governance"],
        initiative_type=InitiativeType.COORDINATION_SPACE,
        modality=Modality.BILATERAL_SSC,
    )


@pytest.mark.parametrize(
    "query",
    ["cooperacion", "COOPERACIÓN", "Cooperación", "arrecife", "ARRECIFES", "ecosistema marino", "universidad costa rica"],
)
def test_free_text_search_ignores_accents_and_case_and_stems_spanish(catalog, query):
    assert names({"q": query}) == {"Cooperación en arrecifes de coral"}


def test_search_finds_actors_and_the_reporting_country(catalog):
    assert names({"q": "inta"}) == {"Apicultura en el Caribe"}
    assert names({"q": "argentina"}) == {"Apicultura en el Caribe"}


def test_search_orders_by_relevance(catalog):
    make_initiative(name="Otra iniciativa", objectives="Menciona el coral una vez.")
    filterset = InitiativeFilterSet(data={"q": "coral arrecifes"}, queryset=Initiative.objects.with_classification())
    assert filterset.qs.first().name == "Cooperación en arrecifes de coral"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"arrecifes de', {"Cooperación en arrecifes de coral"}),  # an unclosed quote is a phrase
        ("coral -apicultura", {"Cooperación en arrecifes de coral"}),  # "-" excludes
        ("apicultura OR coral", {"Cooperación en arrecifes de coral", "Apicultura en el Caribe"}),
        ("a | b & !c", set()),  # operators of tsquery are words here, found nowhere
        ("'; DROP TABLE", set()),
        ("((((", set()),
    ],
)
def test_a_search_with_operators_or_quotes_reads_them_as_a_search_engine_would(catalog, query, expected):
    assert names({"q": query}) == expected
    assert Initiative.objects.count() == 3  # and nothing else happened


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": ["CR"]}, {"Cooperación en arrecifes de coral"}),
        ({"country": ["CR", "AR"]}, {"Cooperación en arrecifes de coral", "Apicultura en el Caribe"}),
        ({"other_country": ["TT"]}, {"Apicultura en el Caribe"}),
        ({"sector": ["tourism"]}, {"Cooperación en arrecifes de coral"}),
        ({"sector": ["tourism", "environment"]}, {"Cooperación en arrecifes de coral"}),
        ({"initiative_type": [str(InitiativeType.COORDINATION_SPACE)]}, {"Mesa de trabajo multiactor"}),
        ({"actor_type": ["academia"]}, {"Cooperación en arrecifes de coral"}),
        ({"actor_type": ["private_sector"]}, {"Cooperación en arrecifes de coral", "Apicultura en el Caribe"}),
        ({"classification": [Classification.MULTI_ACTOR_ALLIANCE]}, {"Apicultura en el Caribe"}),
        ({"classification": [Classification.NOT_MULTI_ACTOR]}, {"Mesa de trabajo multiactor"}),
        ({"modality": ["triangular"]}, {"Cooperación en arrecifes de coral"}),
        ({"sdg": ["17"]}, {"Cooperación en arrecifes de coral"}),
        ({"sdg": ["2", "14"]}, {"Cooperación en arrecifes de coral", "Apicultura en el Caribe"}),
        ({"phase": ["evaluation"]}, {"Apicultura en el Caribe"}),
        ({"year_from": "2022"}, {"Apicultura en el Caribe", "Mesa de trabajo multiactor"}),
        ({"year_to": "2020"}, {"Cooperación en arrecifes de coral", "Mesa de trabajo multiactor"}),
        ({"q": "coral", "country": ["AR"]}, set()),
    ],
)
def test_each_filter_narrows_the_catalog(catalog, params, expected):
    assert names(params) == expected


def test_a_multi_valued_filter_does_not_duplicate_rows(catalog):
    filterset = InitiativeFilterSet(
        data={"sector": ["tourism", "environment"], "actor_type": ["public_sector", "academia"]},
        queryset=Initiative.objects.with_classification(),
    )
    assert filterset.qs.count() == 1


@pytest.mark.parametrize(
    "params",
    [{"country": ["ZZ"]}, {"sdg": ["99"]}, {"year_from": "abc"}, {"year_from": "99999999999"}, {"sector": ["nope"]}],
)
def test_invalid_filter_values_are_reported_not_crashed(catalog, params):
    filterset = InitiativeFilterSet(data=params, queryset=Initiative.objects.with_classification())
    assert not filterset.is_valid()
    assert filterset.errors


def test_a_filter_form_built_once_still_follows_each_readers_language():
    """registry.filters.FilterSet builds each form class once per language: the country lists
    must still come in the order of the language asked for, whatever was asked before."""
    from django.utils import translation

    from registry.models import Country

    def offered(language: str) -> list[str]:
        with translation.override(language):
            form = InitiativeFilterSet(data={}).form
            return [str(value) for value, _label in form.fields["other_country"].choices]

    def expected(language: str) -> list[str]:
        return list(Country.objects.order_by(f"name_{language}").values_list("iso2", flat=True))

    assert expected("es") != expected("pt")
    assert offered("es") == expected("es")
    assert offered("pt") == expected("pt")
    assert offered("es") == expected("es")


def test_each_filterset_filters_with_its_own_method_and_leaves_the_class_untouched(catalog):
    """Filters are copied shallowly per FilterSet: a method filter must call its own FilterSet and
    the class's filters keep no state from a request."""
    first = InitiativeFilterSet(data={"actor_type": [A.ACADEMIA]}, queryset=Initiative.objects.with_classification())
    second = InitiativeFilterSet(data={"actor_type": [A.CIVIL_SOCIETY]}, queryset=Initiative.objects.with_classification())
    assert first.filters["actor_type"] is not InitiativeFilterSet.base_filters["actor_type"]
    assert first.filters["actor_type"].filter.f is first.filters["actor_type"]
    assert set(first.qs.values_list("name", flat=True)) != set(second.qs.values_list("name", flat=True))
    assert "_field" not in InitiativeFilterSet.base_filters["country"].__dict__
    assert "queryset" not in InitiativeFilterSet.base_filters["country"].extra or callable(
        InitiativeFilterSet.base_filters["country"].extra["queryset"]
    )


@pytest.mark.parametrize("query", ["cooperación", "cooperacion", "cooperação", "cooperacao", "cooperation", "COOPERAÇÃO"])
def test_spanish_text_is_found_by_its_portuguese_and_english_cognates(catalog, query):
    assert names({"q": query}) == {"Cooperación en arrecifes de coral"}


@pytest.mark.parametrize("query", ["cooperación", "cooperacion", "cooperação", "cooperation"])
def test_portuguese_text_is_found_by_its_spanish_cognate(query):
    make_initiative(name="Cooperação em saúde indígena", institution=institution_for("BR"))
    make_initiative(name="Cooperativas de agricultores", institution=institution_for("BR"))
    assert names({"q": query}) == {"Cooperação em saúde indígena"}


def test_portuguese_and_english_words_are_stemmed_in_their_language():
    make_initiative(name="Desenvolvimento de capacidades", institution=institution_for("BR"))
    make_initiative(name="Sustainable partnerships", institution=institution_for("CR"))
    assert names({"q": "desenvolver"}) == {"Desenvolvimento de capacidades"}
    assert names({"q": "partnership"}) == {"Sustainable partnerships"}


def test_a_city_or_a_spanish_word_ending_like_a_cognate_is_still_found(catalog):
    make_initiative(name="Gestión del agua en São Paulo", institution=institution_for("BR"))
    assert names({"q": "gestion"}) == {"Gestión del agua en São Paulo"}
    assert names({"q": "sao paulo"}) == {"Gestión del agua en São Paulo"}


def test_a_search_too_broad_to_rank_lists_the_first_matches_in_the_catalogs_order(client, monkeypatch):
    from registry import views

    monkeypatch.setattr(views, "SEARCH_RANKING_LIMIT", 3)
    for number in range(5):
        make_initiative(name=f"Agua potable {number}", objectives="Agua para todos")
    make_initiative(name="Huertas", objectives="Semillas")
    page = client.get("/initiatives/", {"q": "agua"}).text
    assert "Más de 3 iniciativas coinciden" in page and "demasiado amplia" in page
    listed = re.findall(r'<h2><a href="/initiatives/\d+/">(Agua potable \d)</a>', page)
    assert listed == ["Agua potable 0", "Agua potable 1", "Agua potable 2"]  # the catalog's order, three of them
    narrow = client.get("/initiatives/", {"q": "semillas"}).text
    assert "1 iniciativa encontrada" in narrow and "demasiado amplia" not in narrow


def test_a_broad_search_counts_at_most_its_limit_whatever_the_registry_holds(client, monkeypatch):
    from registry import views

    monkeypatch.setattr(views, "SEARCH_RANKING_LIMIT", 2)
    for number in range(6):
        make_initiative(name=f"Riego {number}")
    with CaptureQueriesContext(connection) as queries:
        client.get("/initiatives/", {"q": "riego", "page": "9"})
    counts = [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"].upper() and "LIMIT 3" in query["sql"]]
    assert counts, "the count is capped at the limit plus one"


def test_the_catalog_order_follows_a_renamed_country():
    from registry.models import Country

    initiative = make_initiative(institution=institution_for("CR"), name="Orden")
    assert Initiative.objects.get(pk=initiative.pk).country_order == "Costa Rica"
    country = Country.objects.get(pk="CR")
    country.name_es = "República de Costa Rica"
    country.save()
    assert Initiative.objects.get(pk=initiative.pk).country_order == "República de Costa Rica"
