"""What each actor brings: contributions (money with currency and year, in kind, staff, knowledge,
convening), responsibilities and expected benefits, entered on the follow-up page by the
initiative's focal points or the technical unit; shown on the initiative page, served by the API
and totalled in the reports in US dollars at the yearly reference rate."""

from decimal import Decimal

import io

import openpyxl
import pytest
from rest_framework.test import APIClient

from followup.models import ActorCommitment, Contribution, ExchangeRate
from registry.choices import ActorType, Status
from registry.models import Organization
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance(costa_rica):
    return make_initiative(
        institution=costa_rica, name="Siembra y Cosecha de Agua", start_year=2022,
        actors=[("MAG", ActorType.PUBLIC_SECTOR), ("Universidad EARTH", ActorType.ACADEMIA), ("Fundación Agua", ActorType.CIVIL_SOCIETY)],
    )


def url(initiative) -> str:
    return f"/initiatives/{initiative.pk}/follow-up/"


def organization(name: str) -> Organization:
    return Organization.objects.get(name=name)


def money(client, initiative, name, amount, currency, year, kind="financial", description="Fondos"):
    return client.post(url(initiative), {
        "action": "add_contribution", "organization": organization(name).pk, "kind": kind, "description": description,
        "amount": amount, "currency": currency, "year": year,
    })


def test_a_focal_point_records_what_each_actor_brings_and_it_shows_on_the_initiative_page(as_focal_cr, alliance, as_anonymous):
    assert money(as_focal_cr, alliance, "MAG", "1500000", "CRC", 2023).status_code == 302
    as_focal_cr.post(url(alliance), {
        "action": "add_contribution", "organization": organization("Universidad EARTH").pk, "kind": "staff",
        "description": "Dos técnicos a medio tiempo", "amount": "", "currency": "", "year": "",
    })
    as_focal_cr.post(url(alliance), {
        "action": "commitment", "organization": organization("Fundación Agua").pk,
        "responsibilities": "Convocar a las comunidades", "expected_benefits": "Visibilidad",
    })
    assert Contribution.objects.filter(initiative=alliance).count() == 2
    assert ActorCommitment.objects.get(initiative=alliance).responsibilities == "Convocar a las comunidades"
    page = as_anonymous.get(f"/initiatives/{alliance.pk}/").content.decode()
    assert "Dos técnicos a medio tiempo" in page and "1500000" in page and "Convocar a las comunidades" in page


@pytest.mark.parametrize(
    "amount, currency, year, problem",
    [("100", "", 2023, "moneda"), ("100", "CRC", "", "moneda"), ("-5", "USD", 2023, "mayor o igual"), ("100", "XYZ", 2023, "opción")],
)
def test_money_needs_a_real_currency_and_a_year_and_nothing_is_saved_otherwise(as_focal_cr, alliance, amount, currency, year, problem):
    response = money(as_focal_cr, alliance, "MAG", amount, currency, year)
    assert response.status_code == 400 and problem in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("who, status", [("as_focal_ar", 403), ("as_analyst", 403), ("as_curator", 302)])
def test_only_its_country_and_the_technical_unit_record_contributions(alliance, who, status, request):
    response = money(request.getfixturevalue(who), alliance, "MAG", "10", "USD", 2023)
    assert response.status_code == status
    assert Contribution.objects.count() == (1 if status == 302 else 0)


def test_the_api_serves_contributions_in_us_dollars_at_the_reference_rate_and_hides_drafts(as_curator, alliance, costa_rica):
    ExchangeRate.objects.create(currency="CRC", year=2023, units_per_usd=Decimal("500"), source="Banco Central de Costa Rica, promedio anual")
    money(as_curator, alliance, "MAG", "1500000", "CRC", 2023)
    money(as_curator, alliance, "Universidad EARTH", "800", "EUR", 2023)  # no rate for it
    draft = make_initiative(institution=costa_rica, name="Borrador", status=Status.DRAFT, actors=[("MAG", ActorType.PUBLIC_SECTOR)])
    Contribution.objects.create(initiative=draft, organization=organization("MAG"), kind="knowledge", description="Secreto")
    items = APIClient().get("/api/v1/contributions/", {"initiative": alliance.pk}).json()["results"]
    assert [(i["organization_name"], i["amount"], i["currency"], i["amount_usd"]) for i in items] == [
        ("MAG", 1500000.0, "CRC", 3000.0), ("Universidad EARTH", 800.0, "EUR", None),
    ]
    assert "Secreto" not in APIClient().get("/api/v1/contributions/").content.decode()
    assert "Secreto" in as_curator.get("/api/v1/contributions/").content.decode()
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/contributions/" in schema["paths"]


def test_the_reports_total_what_actors_bring_by_actor_type_and_country_in_us_dollars(as_curator, alliance):
    ExchangeRate.objects.create(currency="CRC", year=2023, units_per_usd=Decimal("500"), source="BCCR")
    money(as_curator, alliance, "MAG", "1500000", "CRC", 2023)
    money(as_curator, alliance, "MAG", "2000", "USD", 2024)
    money(as_curator, alliance, "Universidad EARTH", "800", "EUR", 2023)
    from reports.figures import contribution_figures
    from registry.models import Initiative

    figures = contribution_figures(Initiative.objects.published())
    assert figures.by_actor_type[0] == ("Sector público", Decimal("5000.00"), 2)
    assert ("Academia", Decimal("0"), 1) in figures.by_actor_type and figures.not_converted == 1
    assert figures.by_country == [("Costa Rica", Decimal("5000.00"), 3)]
    page = as_curator.get("/reports/").content.decode()
    assert "5000,00" in page or "5000.00" in page


def test_the_excel_report_has_a_sheet_of_contributions_with_their_value_in_dollars(as_curator, alliance):
    ExchangeRate.objects.create(currency="CRC", year=2023, units_per_usd=Decimal("500"), source="BCCR")
    money(as_curator, alliance, "MAG", "1500000", "CRC", 2023)
    book = openpyxl.load_workbook(io.BytesIO(as_curator.get("/reports/report.xlsx").content))
    rows = list(book["Aportes"].iter_rows(values_only=True))
    assert rows[0][2] == "Actor" and rows[1][2] == "MAG" and rows[1][-3:] == ("CRC", 2023, 3000)
