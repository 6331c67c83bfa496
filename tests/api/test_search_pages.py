"""An API search is listed best first while it matches at most SEARCH_RANKING_LIMIT
initiatives, and by key beyond (as the catalog stops ranking too); either way the count is exact,
every page is reachable and each match appears once; the count, the latest change and the page
come from one statement (api.matches), in a fixed number of queries."""

import pytest

from registry import search
from registry.choices import ActorType
from registry.models import Initiative
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def water(costa_rica):
    names = ["Agua potable rural", "Agua y saneamiento: agua para todos", "Cosecha de agua de lluvia", "Gestión del agua urbana",
             "Agua, agua y más agua en la escuela", "Educación ambiental"]
    return [make_initiative(institution=costa_rica, name=name, actors=[("Universidad", ActorType.ACADEMIA)]) for name in names]


def _pages(client, url):
    keys, headers = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        keys += [item["id"] for item in response.json()["results"]]
        headers.append(response.get("X-Search-Ranked"))
        url = response.json()["next"]
    return keys, headers


def test_a_narrow_search_is_listed_best_first_as_the_filterset_orders_it(as_anonymous, water):
    from django.http import QueryDict

    from registry.filters import InitiativeFilterSet

    expected = list(InitiativeFilterSet(QueryDict("q=agua"), queryset=Initiative.objects.published()).qs.order_by("-rank", "name", "pk")
                    .values_list("pk", flat=True))
    keys, headers = _pages(as_anonymous, "/api/v1/initiatives/?q=agua&page_size=2")
    assert keys == expected and len(keys) == 5 and set(headers) == {"true"}
    assert as_anonymous.get("/api/v1/initiatives/?q=agua").json()["count"] == 5


def test_a_search_too_broad_to_rank_is_listed_by_key_every_match_once(as_anonymous, water, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_RANKING_LIMIT", 3)
    keys, headers = _pages(as_anonymous, "/api/v1/initiatives/?q=agua&page_size=2")
    matching = sorted(initiative.pk for initiative in water if "agua" in initiative.name.lower())
    assert keys == matching and set(headers) == {"false"}
    assert as_anonymous.get("/api/v1/initiatives/?q=agua&page=9").status_code == 404


def test_an_explicit_order_and_filters_keep_their_order_and_count(as_anonymous, water, argentina):
    make_initiative(institution=argentina, name="Agua en la Patagonia")
    keys, headers = _pages(as_anonymous, "/api/v1/initiatives/?q=agua&ordering=-name&page_size=4")
    names = [Initiative.objects.get(pk=key).name for key in keys]
    assert names == sorted(names, reverse=True) and len(names) == 6 and headers == [None, None]
    only_cr = as_anonymous.get("/api/v1/initiatives/?q=agua&country=CR").json()
    assert only_cr["count"] == 5
    plain, _headers = _pages(as_anonymous, "/api/v1/initiatives/?page_size=3")
    assert plain == sorted(plain) and len(plain) == 7


@pytest.mark.parametrize("count", [3, 12])
def test_a_search_page_reads_in_constant_queries(as_anonymous, count, django_assert_max_num_queries):
    institution = institution_for("CR")
    for number in range(count):
        make_initiative(institution=institution, name=f"Agua {number}", actors=[("Universidad", ActorType.ACADEMIA)])
    with django_assert_max_num_queries(6):
        assert as_anonymous.get("/api/v1/initiatives/?q=agua&actor_type=academia&page_size=100").json()["count"] == count


def test_a_crafted_page_number_is_answered_not_an_error(as_anonymous, water):
    for page in ("0", "-1", "abc", "²", "last", "99999999999999999999"):
        assert as_anonymous.get(f"/api/v1/initiatives/?q=agua&page={page}").status_code in (200, 404)


def test_a_search_whose_filters_can_match_nothing_answers_an_empty_page(as_anonymous, water):
    # "health" is a SEGIB sector no registry sector maps to: the filter keeps nothing.
    response = as_anonymous.get("/api/v1/initiatives/?q=agua&segib_sector=health")
    assert response.status_code == 200 and response.json()["count"] == 0 and response.json()["results"] == []


def test_a_page_far_beyond_the_last_is_not_found_not_an_error(as_anonymous, water):
    assert as_anonymous.get("/api/v1/initiatives/?q=agua&page=999999999999999999&page_size=100").status_code == 404


def test_the_last_page_of_a_search_is_in_the_same_order_as_the_others(as_anonymous, water, monkeypatch):
    keys, _headers = _pages(as_anonymous, "/api/v1/initiatives/?q=agua&page_size=2")
    last = as_anonymous.get("/api/v1/initiatives/?q=agua&page_size=2&page=last")
    assert [item["id"] for item in last.json()["results"]] == keys[4:] and last["X-Search-Ranked"] == "true"
    monkeypatch.setattr(search, "SEARCH_RANKING_LIMIT", 3)
    keys, _headers = _pages(as_anonymous, "/api/v1/initiatives/?q=agua&page_size=2")
    last = as_anonymous.get("/api/v1/initiatives/?q=agua&page_size=2&page=last")
    assert [item["id"] for item in last.json()["results"]] == keys[4:] and last["X-Search-Ranked"] == "false"
