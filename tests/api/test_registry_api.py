"""The registry API for analysts: what each role reads, the catalog's filters, bounded pages with a
constant number of queries, token authentication and rate limits."""

import io
import re

import pytest
from django.core.management import call_command
from knox.models import AuthToken

from registry.choices import ActorType, Status
from tests.api.schema_check import SchemaCheckingClient as APIClient
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(costa_rica):
    return make_initiative(
        institution=costa_rica,
        name="Siembra y cosecha de agua",
        actors=[("MAG", ActorType.PUBLIC_SECTOR), ("Universidad EARTH", ActorType.ACADEMIA), ("CoopeAgua", ActorType.CIVIL_SOCIETY)],
        partners=["GT"],
        sectors=["environment"],
        wants_to_share=True,
    )


@pytest.fixture
def cr_draft(costa_rica):
    return make_initiative(institution=costa_rica, name="Borrador de Costa Rica", status=Status.DRAFT)


@pytest.fixture
def ar_draft(argentina):
    return make_initiative(institution=argentina, name="Borrador de Argentina", status=Status.DRAFT)


def names(response) -> set[str]:
    return {item["name"] for item in response.json()["results"]}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_an_initiative_comes_with_its_actors_countries_and_classification(published):
    [item] = api().get("/api/v1/initiatives/").json()["results"]
    assert item["reporting_country"] == "CR" and item["initiative_type"] == 2
    assert [(a["name"], a["actor_type"]) for a in item["actors"]] == [
        ("MAG", "public_sector"), ("Universidad EARTH", "academia"), ("CoopeAgua", "civil_society")
    ]
    assert item["other_countries"] == [{"country": "GT", "segib_role": "", "segib_role_label": ""}]
    assert item["sectors"] == ["environment"]
    assert item["classification"] == "sustainable_development_alliance" and "3" in item["classification_reason"]
    assert item["status"] == "published" and item["published_at"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, {"Siembra y cosecha de agua"}),
        ("analyst", {"Siembra y cosecha de agua"}),
        ("focal_cr", {"Siembra y cosecha de agua", "Borrador de Costa Rica"}),
        ("focal_ar", {"Siembra y cosecha de agua", "Borrador de Argentina"}),
        ("curator", {"Siembra y cosecha de agua", "Borrador de Costa Rica", "Borrador de Argentina"}),
    ],
)
def test_each_role_reads_what_the_catalog_shows_it(request, published, cr_draft, ar_draft, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    assert names(api(user).get("/api/v1/initiatives/")) == expected


def test_a_draft_of_another_country_is_not_found(focal_ar, cr_draft):
    assert api(focal_ar).get(f"/api/v1/initiatives/{cr_draft.pk}/").status_code == 404
    assert api().get(f"/api/v1/initiatives/{cr_draft.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "CR"}, {"Siembra y cosecha de agua"}),
        ({"country": "AR"}, {"Pro Huerta"}),
        ({"other_country": "GT"}, {"Siembra y cosecha de agua"}),
        ({"sector": "social"}, {"Pro Huerta"}),
        ({"actor_type": "academia"}, {"Siembra y cosecha de agua"}),
        ({"classification": "multi_actor_alliance"}, {"Pro Huerta"}),
        ({"q": "cosecha agua"}, {"Siembra y cosecha de agua"}),
        ({"q": "HUERTA"}, {"Pro Huerta"}),
        ({"initiative_type": "1"}, {"Pro Huerta"}),
    ],
)
def test_the_catalogs_filters_work_on_the_api(published, argentina, query, expected):
    make_initiative(institution=argentina, name="Pro Huerta", sectors=["social"], initiative_type=1)
    assert names(api().get("/api/v1/initiatives/", query)) == expected


def test_an_invalid_filter_is_a_400_with_the_reason(published):
    response = api().get("/api/v1/initiatives/", {"year_from": "dos mil"})
    assert response.status_code == 400 and "year_from" in response.json()


def test_the_page_size_is_bounded(published):
    for number in range(3):
        make_initiative(name=f"Extra {number}")
    body = api().get("/api/v1/initiatives/", {"page_size": 2}).json()
    assert body["count"] == 4 and len(body["results"]) == 2 and body["next"]
    assert len(api().get("/api/v1/initiatives/", {"page_size": 10_000}).json()["results"]) == 4


@pytest.mark.parametrize("page_size", [10, 100])
def test_the_list_runs_a_constant_number_of_queries(django_assert_max_num_queries, page_size):
    for _ in range(12):
        make_initiative(partners=["GT", "HN"], sectors=["social", "environment"])
    with django_assert_max_num_queries(8):
        response = api().get("/api/v1/initiatives/", {"page_size": page_size})
    assert len(response.json()["results"]) == min(12, page_size)


def test_reference_lists_and_organizations(published):
    countries = api().get("/api/v1/countries/", {"ibero_american": "true", "page_size": 100}).json()
    assert {"CR", "ES", "PT", "BR"} <= {c["iso2"] for c in countries["results"]} and countries["count"] == 22
    sectors = api().get("/api/v1/sectors/").json()
    assert "environment" in {s["code"] for s in sectors}
    organizations = api().get("/api/v1/organizations/", {"actor_type": "academia"}).json()
    assert [o["name"] for o in organizations["results"]] == ["Universidad EARTH"]


def test_stats_are_the_reports_figures_with_the_same_filters(focal_cr, curator, analyst):
    call_command("load_demo", stdout=__import__("io").StringIO())
    stats = api().get("/api/v1/stats/").json()
    assert stats["initiatives"] == 13 and stats["dialogues"]["held"] == 3 and stats["dialogues"]["bilateral_held"] == 1
    assert api().get("/api/v1/stats/", {"country": "CR"}).json()["initiatives"] == 3


def test_a_token_authenticates_an_analyst(analyst, cr_draft, curator):
    out = io.StringIO()
    call_command("drf_create_token", "curator", stdout=out)
    key = re.search(r"Generated token ([0-9a-f]{64}) for user curator", out.getvalue()).group(1)
    assert not AuthToken.objects.filter(digest=key).exists() and key not in str(list(AuthToken.objects.values()))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert "Borrador de Costa Rica" in names(client.get("/api/v1/initiatives/"))
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/initiatives/").status_code == 401

    from django.test import Client

    client = Client()
    client.force_login(analyst)
    assert "Crear un token" in client.get("/accounts/profile/").text
    first = re.search(r"<code>([0-9a-f]{64})</code>", client.post("/accounts/profile/", {"action": "token"}).text).group(1)
    assert first not in client.get("/accounts/profile/").text, "a token is shown once, when it is made"
    client.post("/accounts/profile/", {"action": "token"})
    assert AuthToken.objects.filter(user=analyst).count() == 2


def test_anonymous_clients_are_rate_limited_more_strictly(settings, analyst):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

    rates = {"anon": "3/minute", "user": "5/minute"}
    original = (AnonRateThrottle.THROTTLE_RATES, UserRateThrottle.THROTTLE_RATES)
    AnonRateThrottle.THROTTLE_RATES = UserRateThrottle.THROTTLE_RATES = rates
    try:
        anonymous = [api().get("/api/v1/sectors/").status_code for _ in range(4)]
        signed_in = [api(analyst).get("/api/v1/sectors/").status_code for _ in range(5)]
    finally:
        AnonRateThrottle.THROTTLE_RATES, UserRateThrottle.THROTTLE_RATES = original
    assert anonymous == [200, 200, 200, 429] and signed_in == [200] * 5
    assert api_settings.DEFAULT_THROTTLE_RATES["anon"]


def test_the_ficha_itself_cannot_be_rewritten_through_the_api(curator, published):
    url = f"/api/v1/initiatives/{published.pk}/"
    assert api(curator).patch(url, {"name": "Otro"}, format="json").status_code == 400
    assert api(curator).put(url, {"name": "Otro"}, format="json").status_code == 405
    assert api(curator).delete(url).status_code == 405
    published.refresh_from_db()
    assert published.name == "Siembra y cosecha de agua"


def test_lists_come_as_csv_too(published):
    response = api().get("/api/v1/initiatives/", {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    import csv
    import io

    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["name"] == "Siembra y cosecha de agua" and row["reporting_country"] == "CR"
    assert row["institution.country"] == "CR" and "Universidad EARTH" in row["actors"] and row["sectors"] == "environment"


def test_dialogues_and_seminars_follow_the_sites_visibility(focal_cr, curator, analyst):
    import io

    call_command("load_demo", stdout=io.StringIO())
    public = api().get("/api/v1/dialogues/").json()
    assert public["count"] == 3 and {d["status"] for d in public["results"]} == {"held"}
    assert api(curator).get("/api/v1/dialogues/").json()["count"] == 4
    [seminar] = api().get("/api/v1/seminars/").json()["results"]
    assert seminar["attendance_peak"] == 133 and len(seminar["panelists"]) == 4


def test_an_initiative_links_to_the_dialogues_that_presented_it_when_visible(focal_cr, curator, analyst):
    import io

    call_command("load_demo", stdout=io.StringIO())
    from dialogues.models import Dialogue

    held = Dialogue.objects.get(title="Diálogo sobre Siembra y Cosecha de Agua")
    cancelled = Dialogue.objects.get(status="cancelled")
    [water] = api().get("/api/v1/initiatives/", {"q": "Siembra Cosecha Agua"}).json()["results"]
    assert any(link.endswith(f"/api/v1/dialogues/{held.pk}/") for link in water["dialogues"])
    [youth] = api().get("/api/v1/initiatives/", {"q": "Jóvenes Construyendo"}).json()["results"]
    assert youth["dialogues"] == []  # only cancelled, so not public
    [youth_for_unit] = api(curator).get("/api/v1/initiatives/", {"q": "Jóvenes Construyendo"}).json()["results"]
    assert youth_for_unit["dialogues"][0].endswith(f"/api/v1/dialogues/{cancelled.pk}/")


@pytest.mark.parametrize("persona", [None, "analyst", "focal_cr", "curator"])
@pytest.mark.parametrize("language", ["es", "pt"])
def test_every_listed_initiative_is_exactly_its_detail(persona, language, analyst, focal_cr, curator):
    """The list is written by PostgreSQL for speed (api.page_json); the detail goes through the
    serializer. They must never drift apart, for any reader, language or clock."""
    import io

    call_command("load_demo", stdout=io.StringIO())
    make_initiative(
        name="Clasificada a mano", classification_override="not_multi_actor",
        classification_override_reason="Solo participa el sector público", partners=["GT", "HN"],
    )
    make_initiative(name="Fuera de alcance", out_of_scope=True, out_of_scope_reason="Es un evento")
    make_initiative(name="Borrador sin actores", status=Status.DRAFT, actors=[])
    user = {None: None, "analyst": analyst, "focal_cr": focal_cr, "curator": curator}[persona]
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    listed = client.get("/api/v1/initiatives/", {"page_size": 100}).json()["results"]
    assert len(listed) >= 13
    for item in listed:
        assert item == client.get(f"/api/v1/initiatives/{item['id']}/").json()


@pytest.mark.parametrize("zone", ["America/Asuncion", "America/Santiago", "Europe/Lisbon", "Asia/Kolkata", "UTC"])
def test_listed_times_read_as_in_the_detail_on_every_clock(zone, analyst):
    """The list's times are written by PostgreSQL from Python's zone rules (api.clock),
    not from PostgreSQL's own copy, which still puts Paraguay on summer time."""
    from datetime import UTC, datetime

    from django.utils import timezone
    from rest_framework.fields import DateTimeField

    from registry.models import Initiative

    moments = [
        datetime(2026, 7, 15, 12, 0, tzinfo=UTC),  # Paraguay: -03:00 since October 2024
        datetime(2024, 3, 24, 2, 59, 59, 999999, tzinfo=UTC),  # a second before Asunción's clocks went back
        datetime(2024, 3, 24, 3, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 0, 0, 500000, tzinfo=UTC),  # Lisbon springs forward
        datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC),
    ]
    for number, moment in enumerate(moments):
        initiative = make_initiative(name=f"Iniciativa {number}")
        Initiative.objects.filter(pk=initiative.pk).update(published_at=moment, created_at=moment)
    analyst.time_zone = zone
    analyst.save()
    client = APIClient()
    client.force_login(analyst)  # a session: token clients read UTC
    listed = client.get("/api/v1/initiatives/", {"ordering": "created"}).json()["results"]
    with timezone.override(zone):
        expected = [DateTimeField().to_representation(moment) for moment in sorted(moments)]
    assert [item["published_at"] for item in listed] == expected
    assert [item["created_at"] for item in listed] == expected
    for item in listed:
        assert item == client.get(f"/api/v1/initiatives/{item['id']}/").json()


def test_a_client_may_ask_for_indented_json(published):
    response = api().get("/api/v1/initiatives/", HTTP_ACCEPT="application/json; indent=2")
    assert response.content.decode().startswith('{\n  "count": 1')
    assert response.json()["results"][0]["name"] == "Siembra y cosecha de agua"


def test_the_actors_of_a_draft_stay_as_private_as_the_draft(focal_cr, focal_ar, costa_rica):
    make_initiative(institution=costa_rica, status=Status.DRAFT, actors=[("Socio Secreto SA", ActorType.PRIVATE_SECTOR)])

    def listed(user):
        return {item["name"] for item in api(user).get("/api/v1/organizations/", {"page_size": 100}).json()["results"]}

    assert "Socio Secreto SA" not in listed(None) and "Socio Secreto SA" not in listed(focal_ar)
    assert "Socio Secreto SA" in listed(focal_cr)


def test_actors_keep_their_curated_order_everywhere(curator, costa_rica):
    """The technical unit orders an initiative's actors (position): the page, the API's detail and
    list, Word and Excel all follow it, whatever order they were entered in."""
    import io

    import openpyxl
    from django.test import Client

    from registry.models import Participation
    from surveys.docx.writer import answer_text
    from registry.ficha import initiative_questions

    initiative = make_initiative(
        institution=costa_rica, name="Orden", sectors=["social"],
        actors=[("Alfa", ActorType.PUBLIC_SECTOR), ("Beta", ActorType.PUBLIC_SECTOR), ("Gamma", ActorType.PUBLIC_SECTOR)],
    )
    for position, name in enumerate(["Gamma", "Alfa", "Beta"]):
        Participation.objects.filter(initiative=initiative, organization__name=name).update(position=position)
    expected = ["Gamma", "Alfa", "Beta"]
    client = api(curator)
    assert [a["name"] for a in client.get(f"/api/v1/initiatives/{initiative.pk}/").json()["actors"]] == expected
    assert [a["name"] for a in client.get("/api/v1/initiatives/").json()["results"][0]["actors"]] == expected
    page = Client().get(f"/initiatives/{initiative.pk}/").text
    assert page.index("Gamma") < page.index("Alfa") < page.index("Beta")
    actors_question = next(q for q in initiative_questions() if q.key == "actors")
    assert [line.split(" – ")[0] for line in answer_text(actors_question, initiative).splitlines()] == expected
    as_curator = Client()
    as_curator.force_login(curator)
    book = openpyxl.load_workbook(io.BytesIO(as_curator.get("/reports/report.xlsx").content))
    assert [row[3] for row in book["Actores"].iter_rows(min_row=2, values_only=True)] == expected
    header = [cell.value for cell in book["Iniciativas"][1]]
    cell = book["Iniciativas"].cell(row=2, column=header.index("Actores involucrados") + 1).value
    assert cell.index("Gamma") < cell.index("Alfa") < cell.index("Beta")
