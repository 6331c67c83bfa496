"""The sector ids and actor types kept on each initiative's row (registry migration 0021) equal
its sectors and actors after every kind of write, whatever the path: the catalog, the API and
the reports filter on them."""

import pytest

from directory.selectors import organizations_merge
from registry import services
from registry.choices import ActorType
from registry.models import Initiative, Organization, Participation, Sector
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


def direct() -> dict[int, tuple[list[int], list[str]]]:
    rows = {}
    for initiative in Initiative.objects.prefetch_related("sectors", "participations"):
        rows[initiative.pk] = (
            sorted({sector.pk for sector in initiative.sectors.all()}),
            sorted({participation.actor_type for participation in initiative.participations.all()}),
        )
    return rows


def kept() -> dict[int, tuple[list[int], list[str]]]:
    return {pk: (sectors, actor_types) for pk, sectors, actor_types in
            Initiative.objects.values_list("pk", "indexed_sector_ids", "indexed_actor_types")}


def test_the_kept_keys_equal_the_initiatives_sectors_and_actors_after_every_kind_of_write(curator):
    environment, social = Sector.objects.get(code="environment"), Sector.objects.get(code="social")
    first = make_initiative(sectors=["environment"], actors=[("Ministerio A", ActorType.PUBLIC_SECTOR)])
    second = make_initiative(status="submitted", actors=[("Universidad B", ActorType.ACADEMIA), ("Empresa C", ActorType.PRIVATE_SECTOR)])
    assert kept() == direct() and kept()[first.pk] == ([environment.pk], ["public_sector"])

    # The services: a ficha saved with other actors and sectors, the technical unit's curation.
    services.initiative_save(
        initiative=first, by=curator,
        actors=[services.ActorInput(name="Fundación D", actor_type=ActorType.CIVIL_SOCIETY)],
        sectors=[social, environment],
    )
    assert kept() == direct() and kept()[first.pk] == (sorted([environment.pk, social.pk]), ["civil_society"])
    second.refresh_from_db()
    services.initiative_curate(initiative=second, by=curator, expected_version=second.version, sectors=[social])
    assert kept() == direct()

    # The admin's and any code's relation writes: add, remove, clear, bulk inserts, updates, deletes.
    first.sectors.remove(social)
    second.sectors.add(environment)
    assert kept() == direct()
    second.sectors.clear()
    assert kept() == direct() and kept()[second.pk][0] == []
    Participation.objects.bulk_create([
        Participation(initiative=second, organization=Organization.objects.get(name="Fundación D"), actor_type=ActorType.CIVIL_SOCIETY),
    ])
    assert kept() == direct()
    Participation.objects.filter(initiative=second, actor_type=ActorType.PRIVATE_SECTOR).update(actor_type=ActorType.INTERNATIONAL_COOPERATION)
    assert kept() == direct()
    Participation.objects.filter(initiative=second, actor_type=ActorType.ACADEMIA).delete()
    assert kept() == direct()

    # Merging actors moves their participations; deleting a sector or an initiative cascades.
    organizations_merge(keep=Organization.objects.get(name="Ministerio A"), duplicates=[Organization.objects.get(name="Fundación D")], by=curator)
    assert kept() == direct()
    environment.delete()
    assert kept() == direct()
    second.delete()
    assert kept() == direct()


def test_only_the_triggers_write_the_kept_keys(curator):
    initiative = make_initiative(sectors=["environment"], actors=[("Ministerio A", ActorType.PUBLIC_SECTOR)])
    stale = Initiative.objects.get(pk=initiative.pk)
    initiative.participations.update(actor_type=ActorType.ACADEMIA)
    stale.name = "Otro nombre"
    stale.save()  # an instance loaded before the change does not write back the keys it holds
    Initiative.objects.filter(pk=initiative.pk).update(indexed_actor_types=["private_sector"], indexed_sector_ids=[])
    assert kept() == direct() and kept()[initiative.pk][1] == ["academia"]

    created = Initiative.objects.create(institution=initiative.institution, name="Nueva", indexed_actor_types=["academia"])
    assert kept()[created.pk] == ([], [])


def test_the_filters_read_the_kept_keys(as_anonymous):
    make_initiative(name="Con ambiente", sectors=["environment"], actors=[("Universidad B", ActorType.ACADEMIA)])
    make_initiative(name="Sin ambiente", sectors=["social"], actors=[("Empresa C", ActorType.PRIVATE_SECTOR)])
    names = lambda query: [row["name"] for row in as_anonymous.get("/api/v1/initiatives/", query).json()["results"]]  # noqa: E731
    assert names({"sector": "environment"}) == ["Con ambiente"]
    assert names({"actor_type": "private_sector"}) == ["Sin ambiente"]
    assert sorted(names({"sector": ["environment", "social"]})) == ["Con ambiente", "Sin ambiente"]
    assert names({"sector": "environment", "actor_type": "private_sector"}) == []
