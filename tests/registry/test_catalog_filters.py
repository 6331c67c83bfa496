"""The catalog's filters on a phone and for each reader: the search box and the results come
first, the other filters wait in a panel; lists are check boxes (a long one with a box to narrow
it); and each reader is offered only the filters that can change what they see."""

import lxml.html
import pytest
from django.urls import reverse

from registry.choices import Status
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

LIST = reverse("registry:initiative_list")


def page_of(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def by_id(tree, id_):
    return tree.get_element_by_id(id_, None)


def names(response) -> set[str]:
    return {initiative.name for initiative in response.context["page"]}


@pytest.fixture
def cr_draft(costa_rica):
    return make_initiative(name="Borrador de Costa Rica", institution=costa_rica, status=Status.DRAFT)


@pytest.fixture
def cr_published(costa_rica):
    return make_initiative(name="Publicada de Costa Rica", institution=costa_rica)


@pytest.mark.parametrize(
    ("reader", "offered"),
    [("as_anonymous", False), ("as_analyst", False), ("as_focal_cr", True), ("as_curator", True)],
)
def test_the_status_filter_is_offered_only_to_readers_who_see_unpublished_initiatives(request, reader, offered):
    response = request.getfixturevalue(reader).get(LIST)
    tree = page_of(response)
    assert bool(tree.xpath("//input[@name='status']")) is offered
    assert (by_id(tree, "filter-status") is not None) is offered
    assert ("status" in response.context["filterset"].form.fields) is offered


@pytest.mark.parametrize("reader", ["as_anonymous", "as_analyst", "as_focal_ar"])
def test_a_status_in_the_url_shows_no_draft_to_who_may_not_see_it(request, reader, cr_draft, cr_published):
    response = request.getfixturevalue(reader).get(LIST, {"status": [Status.DRAFT, Status.SUBMITTED]})
    assert "Borrador de Costa Rica" not in names(response)
    assert "Borrador de Costa Rica" not in response.text


def test_for_anonymous_visitors_a_status_in_the_url_is_ignored_not_an_empty_list(as_anonymous, cr_draft, cr_published):
    response = as_anonymous.get(LIST, {"status": Status.DRAFT})
    assert names(response) == {"Publicada de Costa Rica"}
    assert by_id(page_of(response), "nothing-matches") is None


def test_the_status_filter_narrows_the_list_for_those_who_have_it(as_focal_cr, as_curator, cr_draft, cr_published):
    assert names(as_focal_cr.get(LIST, {"status": Status.DRAFT})) == {"Borrador de Costa Rica"}
    assert names(as_curator.get(LIST, {"status": Status.PUBLISHED})) == {"Publicada de Costa Rica"}


def test_the_search_box_and_the_results_come_before_the_other_filters(as_anonymous, cr_published):
    tree = page_of(as_anonymous.get(LIST))
    form = tree.xpath("//form[contains(@class, 'filters')]")[0]
    panel = by_id(tree, "filter-panel")
    assert panel.tag == "details" and panel.getparent() is form and panel.xpath("./summary")
    # Closed in the page itself: only filter_panel.js opens it, and only on wide screens.
    assert panel.get("open") is None and panel.get("data-open-wide") is not None
    # The free-text search and its button stay outside the panel; every other filter is inside.
    assert form.xpath(".//input[@name='q']") and not panel.xpath(".//input[@name='q']")
    assert form.xpath(".//div[@class='search-row']/button[@type='submit']")
    for name in ("country", "other_country", "sector", "actor_type", "sdg", "campaign", "year_from", "ordering"):
        assert panel.xpath(f".//*[@name='{name}']"), name
    assert tree.xpath("//section[@class='results']/article//h2/a/text()") == ["Publicada de Costa Rica"]
    assert tree.xpath("//script[contains(@src, 'js/filter_panel.js')][@defer]")
    assert tree.xpath("//link[contains(@href, 'css/catalog.css')]")


def test_a_panel_with_an_invalid_filter_starts_open_to_show_it(as_anonymous):
    tree = page_of(as_anonymous.get(LIST, {"year_from": "abc"}))
    assert by_id(tree, "filter-panel").get("open") is not None


def test_the_panel_says_how_many_of_its_filters_are_in_use(as_anonymous, cr_published):
    def in_use(params):
        return as_anonymous.get(LIST, params).context["panel_filters_in_use"]

    assert in_use({}) == 0
    assert in_use({"q": "publicada", "ordering": "name"}) == 0  # the search box is outside the panel
    assert in_use({"country": ["CR", "AR"], "sector": "environment", "sdg": ""}) == 2
    assert by_id(page_of(as_anonymous.get(LIST, {"country": "CR"})), "filter-panel").xpath("./summary/span[@class='in-use']")
    assert not by_id(page_of(as_anonymous.get(LIST)), "filter-panel").xpath("./summary/span")


def test_no_list_box_asks_for_ctrl_click(as_curator):
    tree = page_of(as_curator.get(LIST))
    assert not tree.xpath("//select[@multiple]")
    for name in ("country", "other_country", "sdg", "status", "sector", "actor_type"):
        boxes = by_id(tree, f"filter-{name}").xpath(f".//input[@type='checkbox'][@name='{name}']")
        assert boxes, name
        # Each box has its own label, the whole line clickable.
        assert all(tree.xpath(f"//label[@for='{box.get('id')}']") for box in boxes)


def test_long_lists_get_a_box_to_narrow_them_short_ones_do_not(as_curator):
    tree = page_of(as_curator.get(LIST))
    for name in ("country", "other_country", "sdg"):
        fieldset = by_id(tree, f"filter-{name}")
        finder = fieldset.xpath(".//div[@class='choice-search']")[0]
        # Hidden until the script runs: without it every box is listed and the list scrolls.
        assert finder.get("hidden") is not None
        search = finder.xpath(".//input[@type='search'][@data-choice-search]")[0]
        assert search.get("name") is None  # never sent with the form
        assert tree.xpath(f"//label[@for='{search.get('id')}']")
        assert fieldset.xpath(".//div[@class='choices long']")
    for name in ("sector", "actor_type", "status", "classification"):
        assert not by_id(tree, f"filter-{name}").xpath(".//div[@class='choice-search']"), name


def test_checked_boxes_stay_checked_after_filtering(as_anonymous, cr_published):
    tree = page_of(as_anonymous.get(LIST, {"country": "CR", "sdg": ["14", "17"]}))
    assert by_id(tree, "filter-country").xpath(".//input[@checked]/@value") == ["CR"]
    assert sorted(by_id(tree, "filter-sdg").xpath(".//input[@checked]/@value")) == ["14", "17"]


def test_an_empty_catalog_says_there_is_nothing_yet_not_that_nothing_matches(as_anonymous, cr_draft):
    tree = page_of(as_anonymous.get(LIST))
    assert by_id(tree, "nothing-yet") is not None and by_id(tree, "nothing-matches") is None


@pytest.mark.parametrize("params", [{"q": "inexistente"}, {"country": "AR"}, {"year_from": "abc"}])
def test_a_search_that_finds_nothing_says_nothing_matches(as_anonymous, cr_published, params):
    tree = page_of(as_anonymous.get(LIST, params))
    assert by_id(tree, "nothing-matches") is not None and by_id(tree, "nothing-yet") is None


def test_ordering_or_paging_alone_is_not_a_search(as_anonymous):
    tree = page_of(as_anonymous.get(LIST, {"ordering": "name", "page": "2"}))
    assert by_id(tree, "nothing-yet") is not None


def test_a_search_in_three_languages_keeps_the_list_at_a_constant_number_of_queries(as_anonymous, django_assert_max_num_queries):
    from registry.choices import ActorType as A
    from tests.factories import institution_for

    def populate(count):
        for number in range(count):
            make_initiative(
                name=f"Cooperação {number}", institution=institution_for("BR"),
                actors=[(f"Org A{number}", A.PUBLIC_SECTOR), (f"Org B{number}", A.ACADEMIA)], sectors=["environment"],
            )

    params = {"q": "cooperación", "page_size": 100, "country": "BR"}
    populate(5)
    # Ten, two for the campaigns' added questions the answer filter offers, two for SEGIB's areas and sectors.
    with django_assert_max_num_queries(14) as with_five:
        assert len(as_anonymous.get(LIST, params).context["page"].object_list) == 5
    populate(45)
    with django_assert_max_num_queries(len(with_five.captured_queries)):
        assert len(as_anonymous.get(LIST, params).context["page"].object_list) == 50
