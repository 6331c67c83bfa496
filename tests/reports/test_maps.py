"""The map of Ibero-America: countries shaded by the initiatives they take part in, with the
catalog's filters; flows from provider to recipient with triangular ones marked; the table
alternative; the initiative's own small map; SVG and PNG files and the Word report."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document

from registry.choices import Status
from registry.models import Initiative
from reports import maps
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(costa_rica, argentina):
    mexico = institution_for("MX")
    return [
        make_initiative(institution=costa_rica, partners=[("BR", "provider"), ("GT", "recipient")], sectors=["environment"]),
        make_initiative(institution=costa_rica, partners=[("ES", "first_provider"), ("CL", "second_provider"), ("GT", "recipient")]),
        make_initiative(institution=argentina, partners=[("BR", "provider"), ("GT", "recipient")], sectors=["environment"]),
        make_initiative(institution=mexico, partners=["CR"]),
        make_initiative(institution=mexico, status=Status.DRAFT, partners=[("BR", "provider"), ("GT", "recipient")]),
    ]


def svg_counts(svg: str) -> dict[str, int]:
    return {code: int(count) for code, count in re.findall(r'data-country="([A-Z]{2})" data-count="(\d+)"', svg)}


def test_each_country_counts_the_initiatives_it_reports_or_is_involved_in(registry):
    counts = maps.country_counts(Initiative.objects.published())
    assert counts == {"CR": 3, "AR": 1, "MX": 1, "BR": 2, "GT": 3, "ES": 1, "CL": 1}
    for code, count in counts.items():
        # As many as the catalog's "country taking part" filter finds.
        from registry.selectors import initiative_filterset

        assert initiative_filterset(data={"taking_part": [code]}).qs.count() == count


def test_flows_go_from_providers_to_recipients_and_mark_the_triangular(registry):
    found = {(flow.provider, flow.recipient): (flow.initiatives, flow.triangular) for flow in maps.flows(Initiative.objects.published())}
    assert found == {("BR", "GT"): (2, 0), ("ES", "GT"): (1, 1), ("CL", "GT"): (1, 1)}


def test_the_catalog_map_follows_the_filters_and_its_table_matches(registry, as_anonymous):
    page = as_anonymous.get(reverse("initiative_map")).text
    assert svg_counts(page)["GT"] == 3 and svg_counts(page)["PT"] == 0
    rows = dict(re.findall(r'<tr data-country="([A-Z]{2})"><th scope="row">[^<]+</th><td>(\d+)</td>', page))
    assert {code: int(count) for code, count in rows.items()} == svg_counts(page)
    assert 'data-flow="BR-GT"' in page and "stroke-dasharray" in page  # the triangular ones dashed
    filtered = as_anonymous.get(reverse("initiative_map"), {"sector": "environment"}).text
    assert svg_counts(filtered)["GT"] == 2 and svg_counts(filtered)["ES"] == 0
    # Each country links to the catalog of what it counted, with the same filters.
    link = re.search(r'href="(/initiatives/\?[^"]*taking_part=BR[^"]*)"', filtered).group(1).replace("&amp;", "&")
    assert "sector=environment" in link
    assert as_anonymous.get(link).text.count('class="card"') == 2


def test_drafts_stay_off_the_public_map(registry, as_anonymous, as_curator):
    assert svg_counts(as_anonymous.get(reverse("initiative_map")).text)["MX"] == 1
    assert svg_counts(as_curator.get(reverse("initiative_map")).text)["MX"] == 2  # the catalog shows the unit every status


def test_bad_filters_are_explained_not_drawn(as_anonymous):
    response = as_anonymous.get(reverse("initiative_map"), {"country": "ZZ"})
    assert response.status_code == 400


def test_the_map_downloads_as_svg_and_png(registry, as_anonymous):
    svg = as_anonymous.get(reverse("initiative_map_file", args=["svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<?xml")
    assert svg_counts(svg.content.decode())["CR"] == 3 and b"<a " not in svg.content
    png = as_anonymous.get(reverse("initiative_map_file", args=["png"]), {"sector": "environment"})
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert as_anonymous.get(reverse("initiative_map_file", args=["gif"])).status_code == 404


def test_the_dashboard_shows_the_map_and_offers_its_files(registry, as_analyst):
    page = as_analyst.get(reverse("reports:dashboard")).text
    assert svg_counts(page)["GT"] == 3 and reverse("reports:map_file", args=["png"]) in page
    assert as_analyst.get(reverse("reports:map_file", args=["png"])).content.startswith(b"\x89PNG")


def test_the_initiative_page_has_a_small_map_of_its_countries_and_roles(registry, as_anonymous):
    triangular = registry[1]
    page = as_anonymous.get(reverse("registry:initiative_detail", args=[triangular.pk])).text
    assert "Sus países en el mapa" in page and "Primer oferente" in page and "País que reporta" in page
    assert 'data-flow="ES-GT"' in page


def test_the_word_report_has_the_map_and_its_flows(registry, as_curator):
    content = as_curator.get(reverse("reports:download", args=["docx"])).content
    document = Document(io.BytesIO(content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Natural Earth" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Guatemala" in cells and "Oferente" in cells


def test_the_shades_cover_every_count():
    bounds = maps.shade_bounds(12)
    assert bounds[-1] == 12 and maps.shade_of(0, bounds) == 0 and maps.shade_of(12, bounds) == len(bounds)
    assert {maps.shade_of(count, bounds) for count in range(1, 13)} == set(range(1, len(bounds) + 1))
    assert maps.shade_bounds(0) == [] and maps.shade_bounds(2) == [1, 2]


def test_the_boundaries_have_every_ibero_american_country():
    from registry.models import Country

    assert set(maps.boundaries()["countries"]) == set(Country.objects.filter(is_ibero_american=True).values_list("pk", flat=True))


def test_the_dashboards_charts_download_as_svg_and_png(registry, as_analyst, as_focal_cr):
    page = as_analyst.get(reverse("reports:dashboard"), {"sector": "environment"}).text
    assert reverse("reports:chart_file", args=["country", "svg"]) + "?sector=environment" in page
    svg = as_analyst.get(reverse("reports:chart_file", args=["country", "svg"]), {"sector": "environment"})
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<?xml")
    text = svg.content.decode()
    assert 'xmlns="http://www.w3.org/2000/svg"' in text and "Costa Rica" in text and "Argentina" in text
    assert "México" not in text  # filtered out: its initiative is of no sector
    png = as_analyst.get(reverse("reports:chart_file", args=["actor_type", "png"]))
    assert png.content.startswith(b"\x89PNG")
    assert as_analyst.get(reverse("reports:chart_file", args=["nothing", "png"])).status_code == 404
    assert as_focal_cr.get(reverse("reports:chart_file", args=["country", "png"])).status_code == 403


def test_an_initiative_reported_by_two_countries_counts_once_per_country_and_pair(curator):
    from registry.shared import shared_link

    chile = make_initiative(institution=institution_for("CL"), partners=[("PE", "recipient"), ("BR", "provider"), ("GT", "recipient")])
    peru = make_initiative(institution=institution_for("PE"), partners=[("CL", "provider"), ("BR", "provider"), ("GT", "recipient")])
    assert {(f.provider, f.recipient): f.initiatives for f in maps.flows(Initiative.objects.published())}[("BR", "GT")] == 2
    make_initiative(institution=institution_for("PE"), partners=[("BR", "provider"), ("CO", "recipient")])
    before = maps.country_counts(Initiative.objects.published())
    assert before["CL"] == 2 and before["PE"] == 3  # two separate reports name each other
    shared_link(initiatives=[chile, peru], by=curator)
    after = maps.country_counts(Initiative.objects.published())
    assert (after["CL"], after["PE"], after["BR"]) == (1, 2, 2)
    found = {(flow.provider, flow.recipient): flow.initiatives for flow in maps.flows(Initiative.objects.published())}
    assert found[("BR", "GT")] == 1 and found[("BR", "PE")] == 1 and found[("BR", "CO")] == 1


def test_every_flow_downloads_as_csv_and_the_pages_list_the_strongest(registry, as_anonymous, as_analyst, monkeypatch):
    import csv

    from reports import map_views

    response = as_anonymous.get(reverse("initiative_map_file", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv") and "alianzas-flows.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response.content.startswith("\ufeff".encode())
    assert rows[0][:2] == ["Oferente", "Código del oferente"]
    assert {(row[1], row[3]): (int(row[4]), int(row[5])) for row in rows[1:]} == {
        (flow.provider, flow.recipient): (flow.initiatives, flow.triangular) for flow in maps.flows(Initiative.objects.published())
    }
    # The dashboard's, over the report's filters, for its readers only.
    assert as_analyst.get(reverse("reports:map_file", args=["csv"]), {"sector": "environment"}).content.decode().count("\n") == 2
    assert as_anonymous.get(reverse("reports:map_file", args=["csv"])).status_code == 302
    assert as_analyst.get(reverse("reports:chart_file", args=["country", "csv"])).status_code == 404  # a chart is a drawing

    monkeypatch.setattr(map_views, "FLOWS_LISTED", 1)
    page = as_anonymous.get(reverse("initiative_map")).text
    assert page.count("<tr data-flow=") == 1 and 'data-flow="BR-GT"' in page  # the strongest
    assert "Los 1 flujos más fuertes de 3" in page and reverse("initiative_map_file", args=["csv"]) in page
