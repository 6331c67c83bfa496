"""The Word report as people print and read it: A4 with numbered pages, Table 1 with room for
its names, counts of one in the singular, months in lower case, and an annex that says how the
technical unit classified each initiative."""

import io
import re
from datetime import UTC, date, datetime

import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from registry import services
from registry.choices import SDG, ActorType, Classification
from registry.models import Sector
from reports.word import long_date
from surveys.models import Campaign, Ficha, FichaStatus
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db
TWIP = Cm(2.54 / 1440)  # Word stores lengths in twentieths of a point: equal within one


def about(length, expected) -> bool:
    return abs(length - expected) <= TWIP


@pytest.fixture
def one_ficha(curator, costa_rica):
    """One campaign that received one ficha, with an initiative the technical unit reclassified
    and one whose classification is computed from its actors."""
    campaign = Campaign.objects.create(
        name="Relevamiento 2027", opens_at=datetime(2027, 3, 15, 15, tzinfo=UTC), closes_at=datetime(2027, 4, 30, 15, tzinfo=UTC)
    )
    ficha = Ficha.objects.create(campaign=campaign, institution=institution_for("CR"), status=FichaStatus.SUBMITTED)
    reclassified = make_initiative(
        name="República Dominicana y Costa Rica: agua", ficha=ficha, sectors=["environment", "social"], sdgs=[6, 13]
    )
    services.initiative_classify(
        initiative=reclassified, classification=Classification.NOT_MULTI_ACTOR, reason="Un solo grupo", by=curator
    )
    computed = make_initiative(
        institution=institution_for("AR"),
        actors=[("Ministerio", ActorType.PUBLIC_SECTOR), ("Fundación", ActorType.CIVIL_SOCIETY), ("Empresa", ActorType.PRIVATE_SECTOR)],
        sectors=["tourism"],
    )
    return {"reclassified": reclassified, "computed": computed}


def report(client, language: str = "es") -> Document:
    response = client.get("/reports/report.docx", {"lang": language})
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def text_of(document) -> str:
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_every_page_is_a4_with_margins(as_curator, one_ficha):
    for section in report(as_curator).sections:
        assert about(section.page_width, Cm(21)) and about(section.page_height, Cm(29.7))
        assert all(Cm(2) <= margin <= Cm(3) for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin))


def test_the_footer_numbers_the_pages_with_a_page_field(as_curator, one_ficha):
    for section in report(as_curator).sections:
        footer = section.footer._element
        assert [code.text.strip() for code in footer.iter(qn("w:instrText"))] == ["PAGE"]
        assert [char.get(qn("w:fldCharType")) for char in footer.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]


def test_table_1_gives_each_column_a_width_that_fits_the_page(as_curator, one_ficha):
    document = report(as_curator)
    [table1] = [table for table in document.tables if len(table.columns) == 3]
    widths = [column.width for column in table1.columns]
    assert all(width >= Cm(3) for width in widths) and about(sum(widths), Cm(16))
    for row in table1.rows:
        assert [cell.width for cell in row.cells] == widths  # each cell, for Word; the grid, for LibreOffice
    assert table1.autofit is False  # a fixed layout: Word does not shrink the names to one letter a line
    assert widths[1] == max(widths)  # the initiative names, the longest text


def test_the_annex_shows_the_curated_classification_sectors_and_sdgs(as_curator, one_ficha):
    document = report(as_curator)
    annex = [
        [cell.text for cell in row.cells]
        for table in document.tables if len(table.columns) == 2 and len(table.rows) == 3
        for row in table.rows
    ]
    reclassified, computed = one_ficha["reclassified"], one_ficha["computed"]
    assert computed.computed_classification == Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE
    assert annex[0][1] == str(Classification.NOT_MULTI_ACTOR.label)  # the override, not the two actor types
    assert annex[1][1] == ", ".join(Sector.objects.filter(code__in=["environment", "social"]).order_by("name_es").values_list("name_es", flat=True))
    assert annex[2][1] == f"{SDG(6).label}\n{SDG(13).label}"
    assert annex[3][1] == str(Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE.label)  # computed: no override
    assert annex[4][1] == Sector.objects.get(code="tourism").name_es and annex[5][1] == "—"
    assert reclassified.name in text_of(document)


@pytest.mark.parametrize("language", ["es", "pt"])
def test_a_count_of_one_is_never_in_the_plural(as_curator, one_ficha, language):
    """One ficha received, one multi-actor initiative, one alliance for sustainable development."""
    text = text_of(report(as_curator, language))
    assert re.search(r"\b1 ficha\b", text)
    assert not re.search(r"\b1 (fichas|iniciativas|initiatives|alianzas|alianças)\b", text)
    assert not re.search(r"\b1 de 2\b", text)  # no "1 of 2 initiatives bring", whose noun and verb disagree


@pytest.mark.parametrize(
    ("language", "sentences"),
    [
        ("es", ["se recibió 1 ficha.", "1 iniciativa (50%) reúne actores de al menos dos tipos."]),
        ("pt", ["foi recebida 1 ficha.", "1 iniciativa (50%) reúne atores de pelo menos dois tipos."]),
    ],
)
def test_a_count_of_one_reads_in_the_singular_in_the_reports_language(as_curator, one_ficha, language, sentences):
    """Needs the translations of /tmp/reports_translations.json compiled into locale/."""
    text = text_of(report(as_curator, language))
    for sentence in sentences:
        assert sentence in text


@pytest.mark.parametrize(
    ("language", "day", "opened"),
    [("es", "1 de diciembre de 2026", "15 de marzo de 2027"), ("pt", "1 de dezembro de 2026", "15 de março de 2027")],
)
def test_months_are_in_lower_case_in_spanish_and_portuguese(as_curator, one_ficha, language, day, opened):
    with translation.override(language):
        assert long_date(date(2026, 12, 1)) == day
    text = text_of(report(as_curator, language))
    assert opened in text and not re.search(r"de (Marzo|Março|Abril) de", text)
