"""One initiative, several reporting countries: a Spanish and a Portuguese report of the same
initiative are found as candidates for each other, linked by the technical unit into one shared
initiative that keeps each report as written, shows their differences, lets each partner confirm
its own role, counts once in totals and once per country in the tables, and unlinks back."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from registry.choices import ActorType, Status
from registry.models import AuditEntry, Country, Initiative, SharedInitiative, SharedRole
from registry.services import EditConflict
from registry.shared import (
    COUNTED_ONCE, candidates_for, shared_link, shared_records, shared_role_confirm, shared_unlink,
)
from reports import figures
from surveys.models import Campaign, Ficha
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(costa_rica):
    return make_initiative(
        institution=costa_rica, name="Siembra y Cosecha de Agua de Lluvia en Comunidades Rurales",
        objectives="Fortalecer la seguridad alimentaria de las familias rurales con sistemas de cosecha de agua de lluvia.",
        actors=[("Ministerio de Agricultura y Ganadería", ActorType.PUBLIC_SECTOR), ("Universidad EARTH", ActorType.ACADEMIA),
                ("FAO", ActorType.INTERNATIONAL_COOPERATION)],
        partners=[("BR", "provider"), ("GT", "recipient")], start_year=2022, end_year=2025,
    )


@pytest.fixture
def portuguese():
    return make_initiative(
        institution=institution_for("BR", "ABC"), name="Semeadura e Colheita de Água da Chuva em Comunidades Rurais",
        objectives="Fortalecer a segurança alimentar das famílias rurais com sistemas de colheita de água da chuva.",
        actors=[("Embrapa", ActorType.PUBLIC_SECTOR), ("Universidad EARTH", ActorType.ACADEMIA), ("FAO", ActorType.INTERNATIONAL_COOPERATION)],
        partners=[("CR", "recipient"), ("GT", "second_provider")], start_year=2023, end_year=2025,
    )


@pytest.fixture
def distractors():
    brazil = institution_for("BR", "ABC")
    return [
        make_initiative(institution=brazil, name="Fortalecimento da Saúde Indígena", partners=["CR"],
                        objectives="Atenção primária à saúde nos territórios indígenas."),
        make_initiative(institution=brazil, name="Gestão de Águas Urbanas", partners=["AR"],
                        objectives="Drenagem urbana sustentável."),
        # Alike, but of a country the Spanish report does not name: not a candidate.
        make_initiative(institution=institution_for("MX"), name="Cosecha de agua de lluvia en comunidades rurales", partners=["CR"]),
    ]


def test_the_portuguese_report_of_the_same_initiative_ranks_first_with_what_matches(spanish, portuguese, distractors):
    found = candidates_for(spanish)
    assert found and found[0].initiative == portuguese
    likeness = found[0].likeness
    assert {"cosecha", "agua", "lluvia", "comunidad", "rural"} <= set(likeness.common_words)
    assert set(likeness.common_actors) == {"Universidad EARTH", "FAO"} and likeness.names_back
    assert all(candidate.initiative.institution.country_id == "BR" for candidate in found)
    # And the other way round, from the Portuguese report.
    assert candidates_for(portuguese)[0].initiative == spanish


def test_drafts_and_reports_of_countries_not_named_are_not_candidates(spanish, portuguese):
    Initiative.objects.filter(pk=portuguese.pk).update(status=Status.DRAFT)
    assert candidates_for(spanish) == []


@pytest.fixture
def submitted_ficha(costa_rica, spanish, portuguese):
    now = timezone.now()
    campaign = Campaign.objects.create(name="Relevamiento", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30))
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica, status="submitted", submitted_at=now)
    submitted = make_initiative(
        institution=costa_rica, name="Cosecha de agua de lluvia", status=Status.SUBMITTED, ficha=ficha,
        actors=[("Universidad EARTH", ActorType.ACADEMIA), ("MAG", ActorType.PUBLIC_SECTOR)], partners=[("BR", "provider")],
    )
    return ficha, submitted


def test_the_review_of_a_submitted_ficha_shows_the_candidates_and_links_them(as_curator, submitted_ficha, portuguese):
    ficha, submitted = submitted_ficha
    version = submitted.version
    page = as_curator.get(reverse("surveys:ficha_review", args=[ficha.pk])).text
    assert portuguese.name in page and "Actores en común" in page and "Universidad EARTH" in page
    assert "Vincular como una iniciativa informada por ambos" in page
    response = as_curator.post(reverse("registry:shared_link"), {"initiative": [submitted.pk, portuguese.pk]})
    shared = SharedInitiative.objects.get()
    assert response.status_code == 302 and response.url == reverse("registry:shared_detail", args=[shared.pk])
    assert set(shared.reports.values_list("pk", flat=True)) == {submitted.pk, portuguese.pk}
    submitted.refresh_from_db()
    assert submitted.name == "Cosecha de agua de lluvia" and submitted.version == version  # each report as written
    page = as_curator.get(reverse("surveys:ficha_review", args=[ficha.pk])).text
    assert "Vinculada con los informes de otros países" in page


def test_linking_is_the_technical_units_and_only_across_countries(spanish, portuguese, focal_cr, curator, costa_rica, as_focal_cr):
    with pytest.raises(PermissionDenied):
        shared_link(initiatives=[spanish, portuguese], by=focal_cr)
    assert as_focal_cr.post(reverse("registry:shared_link"), {"initiative": [spanish.pk, portuguese.pk]}).status_code == 403
    other = make_initiative(institution=costa_rica)
    with pytest.raises(ValidationError, match="otro país|diferente|fusiona"):
        shared_link(initiatives=[spanish, other], by=curator)
    with pytest.raises(ValidationError):
        shared_link(initiatives=[spanish], by=curator)
    assert not SharedInitiative.objects.exists()


@pytest.fixture
def shared(spanish, portuguese, curator):
    return shared_link(initiatives=[spanish, portuguese], by=curator)


def test_the_shared_record_shows_each_report_side_by_side_and_where_they_disagree(shared, as_curator, spanish, portuguese):
    record = shared_records()[0]
    assert [report.institution.country_id for report in record.reports] == ["BR", "CR"]
    rows = {row.label: row for row in record.differences}
    assert rows["Rol de Guatemala"].differs and rows["Rol de Guatemala"].values == ("Segundo oferente", "Receptor")
    assert not rows["Rol de Brasil"].differs  # only the Spanish report gives Brazil a role
    assert rows["Años"].differs  # 2022–2025 and 2023–2025
    # Embrapa and the Ministerio de Agricultura are not the same actor.
    assert rows["Actores"].differs
    assert record.disagrees
    page = as_curator.get(reverse("registry:shared_detail", args=[shared.pk])).text
    assert spanish.name in page and portuguese.name in page and "no coinciden" in page
    queue = as_curator.get(reverse("registry:shared_queue") + "?disagree=1").text
    assert shared.name in queue


def test_each_partner_confirms_or_corrects_its_own_role(shared, focal_cr, focal_ar, as_focal_cr, as_focal_ar, curator):
    home = as_focal_cr.get(reverse("surveys:survey_home")).text
    assert shared.name in home and "rol por confirmar" in home and "informado como Receptor" in home
    url = reverse("registry:shared_detail", args=[shared.pk])
    assert as_focal_cr.post(url, {"action": "role", "segib_role": "recipient"}).status_code == 302
    assert SharedRole.objects.get(shared=shared, country="CR").segib_role == "recipient"
    as_focal_cr.post(url, {"action": "role", "segib_role": "first_provider"})  # corrected
    role = SharedRole.objects.get(shared=shared, country="CR")
    assert role.segib_role == "first_provider" and role.confirmed_by == focal_cr
    assert "rol confirmado: Primer oferente" in as_focal_cr.get(reverse("surveys:survey_home")).text
    # Argentina takes no part: it reads nothing and confirms nothing.
    assert as_focal_ar.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        shared_role_confirm(shared=shared, country=Country.objects.get(pk="CR"), segib_role="provider", by=focal_ar)
    with pytest.raises(ValidationError):
        shared_role_confirm(shared=shared, country=Country.objects.get(pk="AR"), segib_role="provider", by=curator)
    assert AuditEntry.objects.filter(object_id=str(shared.pk), changes__has_key="confirmed_role").count() == 2


def test_totals_count_a_shared_initiative_once_and_the_tables_once_per_country(shared, argentina, as_anonymous):
    make_initiative(institution=argentina)
    summary = figures.summary(Initiative.objects.published())
    assert (summary.initiatives, summary.reports) == (2, 3)
    assert summary.initiatives == Initiative.objects.published().aggregate(n=COUNTED_ONCE)["n"]
    assert dict(summary.by_country) == {"Argentina": 1, "Brasil": 1, "Costa Rica": 1}
    stats = as_anonymous.get("/api/v1/stats/").json()
    assert (stats["initiatives"], stats["reports"]) == (2, 3) and "once" in stats["counting"]
    listed = {item["id"]: item["shared_initiative"] for item in as_anonymous.get("/api/v1/initiatives/").json()["results"]}
    assert sorted(value for value in listed.values() if value) == [shared.pk, shared.pk]
    described = as_anonymous.get(f"/api/v1/shared-initiatives/{shared.pk}/").json()
    assert sorted(described["reporting_countries"]) == ["BR", "CR"] and "focal" not in str(described).lower()


def test_anonymous_readers_see_only_the_published_reports_of_a_shared_initiative(shared, portuguese, as_anonymous, as_curator):
    Initiative.objects.filter(pk=portuguese.pk).update(status=Status.SUBMITTED)
    described = as_anonymous.get(f"/api/v1/shared-initiatives/{shared.pk}/").json()
    assert described["reporting_countries"] == ["CR"]
    assert len(as_curator.get(f"/api/v1/shared-initiatives/{shared.pk}/").json()["reports"]) == 2


def test_the_initiative_page_says_who_else_reported_it(shared, spanish, portuguese, as_anonymous, as_focal_cr):
    page = as_anonymous.get(reverse("registry:initiative_detail", args=[spanish.pk])).text
    assert "También la informó" in page and "Brasil" in page
    assert reverse("registry:shared_detail", args=[shared.pk]) not in page  # the comparison is for members
    assert reverse("registry:shared_detail", args=[shared.pk]) in as_focal_cr.get(reverse("registry:initiative_detail", args=[spanish.pk])).text


def test_unlinking_restores_the_separate_reports_and_is_audited(shared, spanish, portuguese, curator, as_curator):
    with pytest.raises(EditConflict):
        shared_unlink(initiative=spanish, expected_version=shared.version + 1, by=curator)
    third = make_initiative(institution=institution_for("GT"), partners=["CR"])
    shared = shared_link(initiatives=[third, spanish], by=curator)
    assert shared.reports.count() == 3 and shared.version == 2
    response = as_curator.post(reverse("registry:shared_detail", args=[shared.pk]),
                               {"action": "unlink", "initiative": third.pk, "version": shared.version})
    assert response.status_code == 302 and shared.reports.count() == 2
    shared.refresh_from_db()
    assert shared_unlink(initiative=portuguese, expected_version=shared.version, by=curator) is None
    assert not SharedInitiative.objects.exists()
    assert not Initiative.objects.filter(shared__isnull=False).exists()
    assert figures.summary(Initiative.objects.published()).initiatives == Initiative.objects.published().count()
    entries = AuditEntry.objects.filter(object_id=str(spanish.pk), changes__has_key="shared")
    assert entries.count() == 2  # linked, then unlinked


@pytest.mark.parametrize("count", [2, 6])
def test_the_queue_and_the_api_read_in_constant_queries(count, curator, as_curator, as_anonymous, django_assert_max_num_queries):
    for _number in range(count):
        first = make_initiative(institution=institution_for("CR"), partners=[("BR", "provider")])
        second = make_initiative(institution=institution_for("BR", "ABC"), partners=[("CR", "recipient")])
        shared_link(initiatives=[first, second], by=curator)
    with django_assert_max_num_queries(9):
        assert as_curator.get(reverse("registry:shared_queue")).status_code == 200
    with django_assert_max_num_queries(6):
        assert len(as_anonymous.get("/api/v1/shared-initiatives/").json()["results"]) == count


def test_a_partner_does_not_read_another_countrys_report_before_it_is_published(shared, portuguese, as_focal_cr, as_curator):
    Initiative.objects.filter(pk=portuguese.pk).update(status=Status.SUBMITTED)
    url = reverse("registry:shared_detail", args=[shared.pk])
    assert portuguese.name not in as_focal_cr.get(url).text
    assert portuguese.name in as_curator.get(url).text


def test_a_crafted_version_is_refused_as_stale_not_an_error(shared, spanish, as_curator):
    response = as_curator.post(reverse("registry:shared_detail", args=[shared.pk]), {"action": "unlink", "initiative": spanish.pk, "version": "²"})
    assert response.status_code == 302 and shared.reports.count() == 2


def test_the_shared_name_is_a_published_reports(curator, costa_rica):
    draft = make_initiative(institution=institution_for("BR", "ABC"), name="Relatório ainda não publicado", status=Status.SUBMITTED)
    published = make_initiative(institution=costa_rica, name="Informe publicado")
    assert draft.pk < published.pk
    shared = shared_link(initiatives=[draft, published], by=curator)
    assert shared.name == "Informe publicado"


@pytest.mark.parametrize("count", [1, 3])
def test_the_candidates_of_a_whole_ficha_read_in_constant_queries(count, spanish, portuguese, costa_rica, django_assert_max_num_queries):
    from registry.shared import candidates_for_each

    initiatives = [make_initiative(institution=costa_rica, name=f"Cosecha de agua {number}", partners=[("BR", "provider")])
                   for number in range(count)]
    with django_assert_max_num_queries(6):
        found = candidates_for_each(initiatives)
    assert all(found[initiative.pk][0].initiative == portuguese for initiative in initiatives)


def test_a_country_named_only_in_an_unpublished_report_is_not_shown_as_taking_part(shared, portuguese, as_focal_cr, as_curator, django_user_model):
    from registry.choices import Role
    from registry.models import InitiativeCountry
    from tests.conftest import _user, client_for

    Initiative.objects.filter(pk=portuguese.pk).update(status=Status.SUBMITTED)
    InitiativeCountry.objects.create(initiative=portuguese, country_id="PE")
    url = reverse("registry:shared_detail", args=[shared.pk])
    assert "Perú" not in as_focal_cr.get(url).text
    assert "Perú" in as_curator.get(url).text
    as_peru = client_for(_user(django_user_model, "focal_pe", Role.FOCAL_POINT, institution_for("PE")))
    assert as_peru.get(url).status_code == 404
    assert shared.name not in as_peru.get(reverse("surveys:survey_home")).text
    assert as_peru.post(url, {"action": "role", "segib_role": "recipient"}).status_code == 404
    assert not SharedRole.objects.exists()
    # Once the Brazilian report is published, Peru reads it and confirms its role.
    Initiative.objects.filter(pk=portuguese.pk).update(status=Status.PUBLISHED)
    assert as_peru.get(url).status_code == 200
    assert as_peru.post(url, {"action": "role", "segib_role": "recipient"}).status_code == 302
    assert SharedRole.objects.get(country="PE").segib_role == "recipient"


def test_the_api_gives_confirmed_roles_only_for_countries_of_the_reports_the_client_reads(shared, portuguese, curator, as_anonymous):
    from registry.models import InitiativeCountry

    InitiativeCountry.objects.create(initiative=portuguese, country_id="PE")
    shared_role_confirm(shared=shared, country=Country.objects.get(pk="PE"), segib_role="recipient", by=curator)
    shared_role_confirm(shared=shared, country=Country.objects.get(pk="CR"), segib_role="recipient", by=curator)
    roles = lambda: {role["country"] for role in as_anonymous.get("/api/v1/shared-initiatives/").json()["results"][0]["confirmed_roles"]}  # noqa: E731
    assert roles() == {"PE", "CR"}
    Initiative.objects.filter(pk=portuguese.pk).update(status=Status.SUBMITTED)
    assert roles() == {"CR"}


def _direct_breakdowns(initiatives) -> dict[str, dict[str, int]]:
    """Each breakdown counted by hand: the set of (initiative or shared initiative, value)."""
    from collections import Counter

    from registry.choices import ActorType as Types, Classification, InitiativeType, Modality, choice_labels

    pairs = {figure: set() for figure in ("type", "modality", "actor_type", "sector", "classification")}
    for report in initiatives.with_classification().prefetch_related("participations", "sectors"):
        unit = ("shared", report.shared_id) if report.shared_id else ("own", report.pk)
        pairs["type"].add((unit, choice_labels(InitiativeType)[report.initiative_type]))
        if report.modality:
            pairs["modality"].add((unit, choice_labels(Modality)[report.modality]))
        pairs["classification"].add((unit, choice_labels(Classification)[report.classification_code]))
        pairs["actor_type"] |= {(unit, choice_labels(Types)[p.actor_type]) for p in report.participations.all()}
        pairs["sector"] |= {(unit, sector.name) for sector in report.sectors.all()}
    return {figure: dict(Counter(value for _unit, value in found)) for figure, found in pairs.items()}


def test_every_breakdown_counts_a_shared_initiative_once_under_each_value_its_reports_give(shared, spanish, portuguese, argentina):
    from registry.models import Sector

    own = make_initiative(institution=argentina, actors=[("INTA", ActorType.PUBLIC_SECTOR)])
    Initiative.objects.filter(pk=own.pk).update(initiative_type=1)
    tourism, social = Sector.objects.get(code="tourism"), Sector.objects.get(code="social")
    spanish.sectors.set([tourism, social])
    portuguese.sectors.set([tourism])
    Initiative.objects.filter(pk=portuguese.pk).update(initiative_type=3, modality="triangular")
    Initiative.objects.filter(pk=spanish.pk).update(initiative_type=2, modality="triangular")
    published = Initiative.objects.published()
    summary = figures.summary(published)
    direct = _direct_breakdowns(published)

    # The two reports disagree on the type: the shared initiative counts once under each.
    assert dict(summary.by_type) == direct["type"] == {"Acción": 1, "Proyecto": 1, "Espacio de articulación interinstitucional": 1}
    assert dict(summary.by_modality) == direct["modality"] and dict(summary.by_modality)["Cooperación triangular"] == 1
    assert dict(summary.by_actor_type) == direct["actor_type"] and dict(summary.by_actor_type)["Sector público"] == 2
    assert dict(summary.by_sector) == direct["sector"] and dict(summary.by_sector)["Turismo"] == 1
    assert dict(summary.by_classification) == direct["classification"]
    assert summary.multi_actor == 1 and summary.initiatives == 2 and summary.reports == 3
    assert dict(summary.by_country) == {"Argentina": 1, "Brasil": 1, "Costa Rica": 1}  # once per reporting country
    # Unlinked, each report counts on its own again.
    shared_unlink(initiative=portuguese, expected_version=shared.version, by=None)
    assert dict(figures.summary(published).by_sector)["Turismo"] == 2
