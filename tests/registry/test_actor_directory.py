"""The actor directory: organizations of visible initiatives with type, country and initiatives,
searchable by actor type, country, sector and mentoring; mentors' contact for signed-in focal
points only; merging duplicates keeps every link and records who merged what."""

import lxml.html
import pytest

from registry.choices import ActorType, Status
from directory.selectors import organizations_merge
from followup.models import CoChair, WorkingGroup
from registry.models import AuditEntry, Organization, Participation
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_data(costa_rica, argentina):
    water = make_initiative(
        institution=costa_rica, name="Siembra y Cosecha de Agua", sectors=["environment"],
        actors=[("MAG", ActorType.PUBLIC_SECTOR), ("Universidad EARTH", ActorType.ACADEMIA)],
    )
    bees = make_initiative(
        institution=argentina, name="Apicultura", sectors=["economic_development"],
        actors=[("INTA", ActorType.PUBLIC_SECTOR), ("Cooperativa Apícola", ActorType.CIVIL_SOCIETY)],
    )
    make_initiative(institution=costa_rica, name="Borrador", status=Status.DRAFT, actors=[("Secreta SA", ActorType.PRIVATE_SECTOR)])
    earth = Organization.objects.get(name="Universidad EARTH")
    earth.offers_mentoring, earth.mentoring_topics, earth.mentoring_contact = True, "Gobernanza de mesas multiactor", "alianzas@earth.ac.cr"
    earth.save()
    return {"water": water, "bees": bees, "earth": earth}


def names(response) -> list[str]:
    return [actor.name for actor in response.context["page"]]


def test_the_directory_lists_the_actors_of_published_initiatives(as_anonymous, registry_data):
    response = as_anonymous.get("/actors/")
    assert names(response) == ["Cooperativa Apícola", "INTA", "MAG", "Universidad EARTH"]  # not the draft's


def test_a_focal_point_also_sees_the_actors_of_their_own_drafts(as_focal_cr, registry_data):
    assert "Secreta SA" in names(as_focal_cr.get("/actors/"))


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"actor_type": "academia"}, ["Universidad EARTH"]),
        ({"country": "AR"}, ["Cooperativa Apícola", "INTA"]),  # no country of their own: their initiatives'
        ({"sector": "economic_development"}, ["Cooperativa Apícola", "INTA"]),
        ({"mentor": "true"}, ["Universidad EARTH"]),
        ({"q": "cooperativa apicola"}, ["Cooperativa Apícola"]),
    ],
)
def test_search_by_actor_type_country_sector_and_mentoring(as_anonymous, registry_data, query, expected):
    assert names(as_anonymous.get("/actors/", query)) == expected


def test_an_actor_page_shows_its_initiatives(as_anonymous, registry_data):
    page = as_anonymous.get(f"/actors/{registry_data['earth'].pk}/")
    assert "Siembra y Cosecha de Agua" in page.text and "Academia" in page.text


def test_mentor_contact_is_for_signed_in_focal_points_only(as_anonymous, as_analyst, as_focal_ar, registry_data):
    url = f"/actors/{registry_data['earth'].pk}/"
    for client in (as_anonymous, as_analyst):
        page = client.get(url).text
        assert "Ofrece mentoría" in page and "alianzas@earth.ac.cr" not in page and "Gobernanza de mesas" not in page
    page = as_focal_ar.get(url).text
    assert "alianzas@earth.ac.cr" in page and "Gobernanza de mesas multiactor" in page


def test_an_actor_only_in_another_countrys_draft_is_not_found(as_focal_ar, as_anonymous, registry_data):
    secret = Organization.objects.get(name="Secreta SA")
    assert as_anonymous.get(f"/actors/{secret.pk}/").status_code == 404
    assert as_focal_ar.get(f"/actors/{secret.pk}/").status_code == 404


def test_the_directory_runs_a_constant_number_of_queries(as_anonymous, registry_data, django_assert_max_num_queries):
    for number in range(30):
        make_initiative(name=f"Extra {number}", institution=institution_for("CR"))
    with django_assert_max_num_queries(8):
        response = as_anonymous.get("/actors/")
    assert len(response.context["page"]) == 50


def test_merging_duplicates_keeps_every_link_and_records_who_merged(curator, registry_data, costa_rica):
    water, earth = registry_data["water"], registry_data["earth"]
    typo = Organization.objects.create(name="Univ. EARTH", actor_type=ActorType.ACADEMIA)
    both = make_initiative(
        institution=costa_rica, name="Reforestación",
        actors=[("Universidad EARTH", ActorType.ACADEMIA), ("Univ. EARTH", ActorType.ACADEMIA)],
    )
    Participation.objects.filter(initiative=both, organization=typo).update(role="Asesoría técnica")
    other = make_initiative(institution=costa_rica, name="Turismo rural", actors=[("Univ. EARTH", ActorType.ACADEMIA)])
    CoChair.objects.create(initiative=other, organization=typo)
    group = WorkingGroup.objects.create(initiative=other, name="Capacitación", lead=typo)

    organizations_merge(keep=earth, duplicates=[typo], by=curator)

    assert not Organization.objects.filter(pk=typo.pk).exists()
    assert set(Participation.objects.filter(organization=earth).values_list("initiative__name", flat=True)) == {
        "Siembra y Cosecha de Agua", "Reforestación", "Turismo rural",
    }
    kept = Participation.objects.get(initiative=both, organization=earth)
    assert kept.role == "Asesoría técnica" and both.participations.count() == 1
    assert CoChair.objects.get(initiative=other).organization == earth
    group.refresh_from_db()
    assert group.lead == earth
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_id=str(earth.pk), content_type__model="organization")
    assert entry.actor == curator and entry.changes["merged"] == [["Univ. EARTH"], "Universidad EARTH"]
    assert water.participations.filter(organization=earth).exists()


def test_the_technical_unit_merges_from_the_admin(as_curator, registry_data):
    earth = registry_data["earth"]
    typo = Organization.objects.create(name="U. EARTH", actor_type=ActorType.ACADEMIA)
    response = as_curator.post(
        "/admin/registry/organization/",
        {"action": "merge", "_selected_action": [earth.pk, typo.pk], "apply": "1", "keep": earth.pk},
        follow=True,
    )
    assert "fusionada" in response.text or "fusionadas" in response.text
    assert not Organization.objects.filter(pk=typo.pk).exists()


def actor_rows(response) -> dict[str, list[str]]:
    """Each row of the directory's table: organization → its cells' text."""
    tree = lxml.html.fromstring(response.content)
    return {
        row.xpath("string(./td[1]/a)"): [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
        for row in tree.xpath("//table//tbody/tr")
    }


def test_an_actor_without_a_country_shows_the_countries_of_its_initiatives(as_anonymous, registry_data):
    rows = actor_rows(as_anonymous.get("/actors/"))
    assert rows["INTA"][2] == "Argentina*" and rows["MAG"][2] == "Costa Rica*"
    assert "—" not in {cells[2] for cells in rows.values()}
    assert lxml.html.fromstring(as_anonymous.get("/actors/").content).get_element_by_id("country-note", None) is not None


def test_an_actors_own_country_comes_first_and_is_what_the_country_filter_finds(as_anonymous, registry_data, costa_rica):
    from registry.models import Country

    make_initiative(institution=costa_rica, name="Con la GIZ", actors=[("GIZ", ActorType.INTERNATIONAL_COOPERATION)])
    Organization.objects.filter(name="GIZ").update(country=Country.objects.get(iso2="DE"))
    page = as_anonymous.get("/actors/")
    assert actor_rows(page)["GIZ"][2] == "Alemania"
    assert "GIZ" not in names(as_anonymous.get("/actors/", {"country": "CR"}))
    assert names(as_anonymous.get("/actors/", {"country": "DE"})) == ["GIZ"]
    assert names(as_anonymous.get("/actors/", {"country": ["CR", "AR"]})) == ["Cooperativa Apícola", "INTA", "MAG", "Universidad EARTH"]


def test_the_countries_of_drafts_stay_as_private_as_the_drafts(as_anonymous, as_focal_cr, registry_data, costa_rica):
    make_initiative(institution=costa_rica, name="Borrador con INTA", status=Status.DRAFT, actors=[("INTA", ActorType.PUBLIC_SECTOR)])
    assert actor_rows(as_anonymous.get("/actors/"))["INTA"][2] == "Argentina*"
    assert "INTA" not in names(as_anonymous.get("/actors/", {"country": "CR"}))
    assert actor_rows(as_focal_cr.get("/actors/"))["INTA"][2] == "Argentina, Costa Rica*"
    assert "INTA" in names(as_focal_cr.get("/actors/", {"country": "CR"}))


def test_the_mentoring_filter_starts_on_any(as_anonymous, registry_data):
    tree = lxml.html.fromstring(as_anonymous.get("/actors/").content)
    mentor = tree.xpath("//select[@name='mentor']")[0]
    assert mentor.xpath("./option/@value") == ["", "true", "false"]
    assert mentor.value == "" and mentor.xpath("./option[@selected]/@value") in ([], [""])
    assert names(as_anonymous.get("/actors/", {"mentor": ""})) == ["Cooperativa Apícola", "INTA", "MAG", "Universidad EARTH"]
    assert names(as_anonymous.get("/actors/", {"mentor": "false"})) == ["Cooperativa Apícola", "INTA", "MAG"]
    chosen = lxml.html.fromstring(as_anonymous.get("/actors/", {"mentor": "true"}).content)
    assert chosen.xpath("//select[@name='mentor']/option[@selected]/@value") == ["true"]


def test_the_directory_lists_choices_as_check_boxes(as_anonymous, registry_data):
    tree = lxml.html.fromstring(as_anonymous.get("/actors/").content)
    assert not tree.xpath("//select[@multiple]")
    assert tree.xpath("//fieldset[@id='filter-actor_type']//input[@type='checkbox']")
    assert tree.xpath("//fieldset[@id='filter-country']//input[@data-choice-search]")


def test_an_empty_directory_says_there_are_no_actors_yet(as_anonymous, db):
    tree = lxml.html.fromstring(as_anonymous.get("/actors/").content)
    assert tree.get_element_by_id("nothing-yet", None) is not None
    assert tree.get_element_by_id("nothing-matches", None) is None


@pytest.mark.parametrize("query", [{"q": "inexistente"}, {"actor_type": "academia", "country": "AR"}])
def test_a_directory_search_that_finds_nothing_says_nothing_matches(as_anonymous, registry_data, query):
    tree = lxml.html.fromstring(as_anonymous.get("/actors/", query).content)
    assert tree.get_element_by_id("nothing-matches", None) is not None
    assert tree.get_element_by_id("nothing-yet", None) is None


def test_an_actor_page_title_is_its_name(as_anonymous, registry_data):
    page = lxml.html.fromstring(as_anonymous.get(f"/actors/{registry_data['earth'].pk}/").content)
    assert page.findtext(".//title").startswith("Universidad EARTH ·")


def test_the_published_count_kept_on_each_actor_equals_a_direct_count_after_every_kind_of_write(curator):
    """The public directory lists actors by the count kept on them (registry.counts)."""
    from django.db.models import Count, Q

    from directory.selectors import organizations_merge
    from registry import services
    from registry.choices import ActorType
    from registry.models import Organization

    def direct() -> dict[str, int]:
        counted = Organization.objects.annotate(n=Count("participations__initiative", filter=Q(participations__initiative__status="published"), distinct=True))
        return {organization.name: organization.n for organization in counted}

    def kept() -> dict[str, int]:
        return dict(Organization.objects.values_list("name", "published_initiatives"))

    first = make_initiative(actors=[("Ministerio A", ActorType.PUBLIC_SECTOR), ("Fundación B", ActorType.CIVIL_SOCIETY)])
    second = make_initiative(status="submitted", actors=[("Ministerio A", ActorType.PUBLIC_SECTOR), ("Empresa C", ActorType.PRIVATE_SECTOR)])
    assert kept() == direct() and kept()["Ministerio A"] == 1
    services.initiative_transition(initiative=second, to_status="published", by=curator)
    assert kept() == direct() and kept()["Ministerio A"] == 2
    services.initiative_save(
        initiative=first, by=curator, actors=[services.ActorInput(name="Empresa C", actor_type=ActorType.PRIVATE_SECTOR)]
    )
    assert kept() == direct()
    services.initiative_transition(initiative=second, to_status="in_review", by=curator)
    assert kept() == direct()
    duplicate = Organization.objects.get(name="Fundación B")
    organizations_merge(keep=Organization.objects.get(name="Empresa C"), duplicates=[duplicate], by=curator)
    assert kept() == direct()
    first.delete()  # as the admin does: the cascade refreshes the counts too
    assert kept() == direct()


def test_publishing_through_the_api_keeps_the_actors_published_count(curator):
    from registry import services
    from registry.choices import ActorType
    from registry.models import Organization

    initiative = make_initiative(status="submitted", actors=[("Instituto Solo", ActorType.ACADEMIA)])
    assert Organization.objects.get(name="Instituto Solo").published_initiatives == 0
    services.initiative_curate(initiative=initiative, by=curator, expected_version=initiative.version, status="published")
    assert Organization.objects.get(name="Instituto Solo").published_initiatives == 1
    organization = Organization.objects.get(name="Instituto Solo")
    Organization.objects.filter(pk=organization.pk).update(published_initiatives=5)
    organization.offers_mentoring = True
    organization.save()  # an admin edit does not write back the count it loaded
    assert Organization.objects.get(pk=organization.pk).published_initiatives == 5
