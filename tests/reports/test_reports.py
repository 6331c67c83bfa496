"""The report from live data: Table 1 as the consultants wrote it, the Excel workbook and the Word
report opened and read back, filters, languages, the dashboard's queries and the background job."""

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from registry.models import Participation
from reports.models import ReportJob
from reports.tasks import build_report_job
from tests.registry.test_demo_data import TABLE_1

pytestmark = pytest.mark.django_db

SECTOR_NAMES = {"tourism": "Turismo", "social": "Social", "governance": "Gobernanza", "economic_development": "Desarrollo económico", "environment": "Medio ambiente"}


@pytest.fixture
def demo(focal_cr, curator, analyst):
    # The personas first: the demo data keeps users that already exist under its usernames.
    call_command("load_demo", stdout=io.StringIO())


def build(*args) -> str:
    out = io.StringIO()
    call_command("build_report", "table1", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_table_1_as_json_reproduces_the_report_exactly(demo):
    table = json.loads(build("--format", "json"))
    assert [(row["country"], row["initiative"], set(row["sectors"])) for row in table["rows"]] == [
        (country, name, {SECTOR_NAMES[code] for code in sectors}) for country, name, sectors in TABLE_1
    ]
    assert table["by_country"] == {"CR": 3, "DO": 2, "AR": 2, "PE": 1, "PY": 1, "CO": 1, "SV": 1, "CL": 1, "BR": 1}
    assert table["by_sector"]["Desarrollo económico"] == 6 and table["by_sector"]["Medio ambiente"] == 4
    assert sum(table["by_sector"].values()) == 16  # three initiatives have two sectors


def workbook(path):
    return openpyxl.load_workbook(path)


def test_the_workbook_has_every_sheet_styled_and_counted(demo, tmp_path):
    path = tmp_path / "informe.xlsx"
    build("--format", "xlsx", "--output", str(path))
    book = workbook(path)
    assert book.sheetnames == ["Iniciativas", "Actores", "Tabla 1", "Resumen", "Diálogos", "Indicadores", "Aportes"]
    initiatives = book["Iniciativas"]
    header = [cell.value for cell in initiatives[1]]
    assert "Nombre de la iniciativa" in header and "Actores involucrados" in header
    assert initiatives.max_row == 14 and initiatives.freeze_panes == "A2" and initiatives.auto_filter.ref.startswith("A1:")
    assert initiatives[1][0].font.bold
    assert book["Actores"].max_row == 1 + Participation.objects.count()
    assert book["Tabla 1"].max_row == 14
    summary = book["Resumen"]
    figures = {row[0]: row[1] for row in summary.iter_rows(min_row=2, values_only=True) if row[0]}
    assert figures["Iniciativas"] == 13 and figures["Desarrollo económico"] == 6
    assert len(summary._charts) == 4
    assert book["Diálogos"].max_row == 1 + 4


def test_the_word_report_has_the_reports_shape_and_its_figures(demo, tmp_path):
    path = tmp_path / "informe.docx"
    build("--format", "docx", "--output", str(path))
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in ("Presentación", "Metodología", "Principales resultados", "Diálogos estructurados y seminario"):
        assert heading in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Los países enviaron 13 iniciativas de Cooperación Sur-Sur y triangular" in text
    assert "Costa Rica (3)" in text and "Se organizaron 4 diálogos estructurados (realizados: 3; cancelados: 1)." in text
    assert "133" in text
    # The 2022 campaign's intake, as the report tells it (the demo's fichas hold Table 1).
    assert "Trajeron 13 iniciativas: 13 se sistematizaron" in text
    [table1] = [t for t in document.tables if t.rows[0].cells[0].text == "País"]
    assert len(table1.rows) == 14
    assert len(document.inline_shapes) == 3  # the two charts and the map


def test_portuguese_files_have_portuguese_labels(demo, tmp_path):
    build("--format", "xlsx", "--output", str(tmp_path / "r.xlsx"), "--lang", "pt")
    assert workbook(tmp_path / "r.xlsx").sheetnames == ["Iniciativas", "Atores", "Tabela 1", "Resumo", "Diálogos", "Indicadores", "Contribuições"]
    build("--format", "docx", "--output", str(tmp_path / "r.docx"), "--lang", "pt")
    text = "\n".join(p.text for p in Document(str(tmp_path / "r.docx")).paragraphs)
    assert "Principais resultados" in text and "Os países enviaram 13 iniciativas" in text


def test_xlsx_or_docx_without_an_output_file_is_refused(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--output"):
        build("--format", "xlsx")


# --- The dashboard ---

@pytest.mark.parametrize(
    ("persona", "expected"), [("as_anonymous", 302), ("as_focal_cr", 403), ("as_analyst", 200), ("as_curator", 200)]
)
@pytest.mark.parametrize("url", ["/reports/", "/reports/report.xlsx", "/reports/report.docx"])
def test_reports_are_for_the_technical_unit_and_analysts(request, persona, expected, url):
    assert request.getfixturevalue(persona).get(url).status_code == expected


def test_the_dashboard_follows_the_catalogs_filters(as_curator, demo):
    page = as_curator.get("/reports/", {"country": "CR"}).text
    assert "3 iniciativas" in page and "Siembra y Cosecha de Agua" in page and "APICARIBE" not in page
    response = as_curator.get("/reports/report.xlsx", {"country": "CR", "sector": "environment"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book["Iniciativas"].max_row == 1 + 3
    assert response["Content-Disposition"].startswith("attachment")


def test_an_invalid_filter_says_which_and_shows_no_figures(as_curator, demo):
    response = as_curator.get("/reports/", {"year_from": "dos mil"})
    assert response.status_code == 400 and "0 iniciativas" in response.text
    assert "Algunos filtros no son válidos" in response.text


def test_the_dashboard_runs_a_constant_number_of_queries(as_curator, demo, django_assert_max_num_queries):
    from tests.factories import make_initiative

    with django_assert_max_num_queries(40) as small:
        as_curator.get("/reports/")
    for _ in range(30):
        make_initiative(sectors=["social"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        as_curator.get("/reports/")


# --- Large files go to the worker ---

def test_a_large_report_is_queued_and_offered_when_ready(as_curator, curator, demo, settings, tmp_path):
    from django_tasks_db.models import DBTaskResult

    settings.REPORTS_BACKGROUND_THRESHOLD = 5
    settings.MEDIA_ROOT = tmp_path
    response = as_curator.get("/reports/report.xlsx", {"sector": "economic_development"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", args=[job.pk])
    assert job.total == 6 and job.status == "queued" and DBTaskResult.objects.count() == 1
    assert "<progress" in as_curator.get(reverse("reports:job", args=[job.pk])).text
    build_report_job.call(str(job.pk))  # what the worker does
    job.refresh_from_db()
    assert job.status == "done" and job.done == 6
    page = as_curator.get(reverse("reports:job", args=[job.pk])).text
    assert "Descargar el archivo" in page and 'http-equiv="refresh"' not in page
    download = as_curator.get(reverse("reports:job_file", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book["Iniciativas"].max_row == 1 + 6


def test_a_job_is_seen_only_by_who_asked_for_it(as_curator, as_analyst, curator):
    job = ReportJob.objects.create(format="xlsx", requested_by=curator, total=10)
    assert as_analyst.get(reverse("reports:job", args=[job.pk])).status_code == 404
    assert as_curator.get(reverse("reports:job", args=[job.pk])).status_code == 200
    assert as_curator.get(reverse("reports:job_file", args=[job.pk])).status_code == 404  # not ready yet


def test_text_with_control_characters_pasted_from_word_still_exports(as_curator):
    from tests.factories import make_initiative

    make_initiative(name="Agua\x0b potable", objectives="Objetivo\x01 uno", sectors=["social"])
    response = as_curator.get("/reports/report.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Iniciativas"]
    assert response.status_code == 200 and sheet.cell(row=2, column=6).value == "Agua potable"
    word = as_curator.get("/reports/report.docx")
    assert word.status_code == 200
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(word.content)).paragraphs)
    assert "Agua potable" in text and "Agua\x0b" not in text
    annex = [cell.text for table in Document(io.BytesIO(word.content)).tables for row in table.rows for cell in row.cells]
    assert "Objetivo uno" in annex


def test_times_in_the_excel_file_are_on_the_readers_clock_and_say_which(as_curator, curator):
    from datetime import UTC, datetime

    from dialogues.models import Dialogue
    from tests.factories import make_initiative

    curator.time_zone = "America/Santiago"
    curator.save()
    initiative = make_initiative(sectors=["social"])
    dialogue = Dialogue.objects.create(title="Diálogo", status="held", starts_at=datetime(2025, 1, 15, 15, 0, tzinfo=UTC))
    dialogue.initiatives.add(initiative)
    sheet = openpyxl.load_workbook(io.BytesIO(as_curator.get("/reports/report.xlsx").content))["Diálogos"]
    assert sheet.cell(row=1, column=4).value == "Fecha y hora (America/Santiago)"
    assert sheet.cell(row=2, column=4).value == datetime(2025, 1, 15, 12, 0)  # summer in Santiago: UTC-3


def test_a_queued_report_keeps_the_clock_of_whoever_asked(as_curator, curator, settings):
    from reports.models import ReportJob
    from tests.factories import make_initiative

    settings.REPORTS_BACKGROUND_THRESHOLD = 0
    curator.time_zone = "Europe/Lisbon"
    curator.save()
    make_initiative(sectors=["social"])
    as_curator.get("/reports/report.xlsx")
    assert ReportJob.objects.get().time_zone == "Europe/Lisbon"


@pytest.mark.parametrize(
    "url", ["/reports/", "/reports/report.xlsx", "/reports/report.docx", "/api/v1/stats/", "/api/v1/initiatives/iati.xml"]
)
def test_invalid_filters_answer_the_same_way_on_every_report_url(as_curator, url):
    """Not an empty file or zero figures that look like data: a 400 that says which filter."""
    from tests.factories import make_initiative

    make_initiative(sectors=["social"])
    response = as_curator.get(url, {"year_from": "1800", "country": "ZZ"})
    assert response.status_code == 400
    text = response.content.decode()
    assert ("year_from" in text and "country" in text) or ("Año" in text or "año" in text)


def test_the_initiatives_download_as_csv_with_the_workbooks_columns(as_analyst, demo):
    import csv as csv_module

    response = as_analyst.get("/reports/report.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv_module.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["ID", "País", "Institución que reporta"] and "Objetivo/s" in rows[0]
    assert len(rows) == 1 + 13
    workbook = openpyxl.load_workbook(io.BytesIO(as_analyst.get("/reports/report.xlsx").content))
    assert rows[0] == [cell.value for cell in workbook["Iniciativas"][1]]


def test_a_formula_in_a_ficha_stays_text_in_the_csv(as_curator):
    from tests.factories import make_initiative

    make_initiative(name="=HYPERLINK(\"http://x\")", sectors=["social"])
    text = as_curator.get("/reports/report.csv").content.decode("utf-8")
    assert "'=HYPERLINK" in text


def test_table_1_marks_the_initiatives_that_interested_more_than_one_country(demo, tmp_path):
    from dialogues.models import Interest
    from registry.models import Initiative, Institution
    from tests.factories import institution_for

    water = Initiative.objects.get(name="Siembra y Cosecha de Agua y Servicios Ecosistémicos")
    Interest.objects.filter(initiative=water).delete()
    for iso2 in ("GT", "HN"):
        Interest.objects.create(initiative=water, institution=institution_for(iso2))
    # The reporting country's own interest does not count.
    coral = Initiative.objects.get(name="Proyecto piloto de restauración de arrecifes de coral en Costa Rica")
    Interest.objects.filter(initiative=coral).delete()
    Interest.objects.create(initiative=coral, institution=Institution.objects.filter(country_id="GT").first())
    Interest.objects.create(initiative=coral, institution=Institution.objects.create(country_id="CR", name="Otra institución tica"))
    rows = {row["initiative"]: row["interested_countries"] for row in json.loads(build("--format", "json"))["rows"]}
    assert rows[water.name] == 2 and rows[coral.name] == 1
    path = tmp_path / "informe.docx"
    build("--format", "docx", "--output", str(path))
    document = Document(str(path))
    [table1] = [t for t in document.tables if t.rows[0].cells[0].text == "País"]
    marked = [row.cells[1].text for row in table1.rows if row.cells[1].text.endswith("★")]
    assert [text.removesuffix(" ★") for text in marked] == [
        name for name, count in rows.items() if count > 1
    ]
    assert water.name + " ★" in marked and coral.name + " ★" not in marked
    assert any("interesaron a más de un país" in p.text for p in document.paragraphs)
