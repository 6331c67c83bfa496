"""Results and yearly progress: indicators per objective, progress updates by the focal point with
values and evidence (checked by content, served as attachments to those who follow the alliance),
and the yearly confirmation as a short update pre-filled from the last one."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from followup.models import Evidence, Indicator, ProgressUpdate
from registry.choices import ActorType
from registry.models import Initiative
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def alliance(costa_rica):
    return make_initiative(institution=costa_rica, name="Siembra y Cosecha de Agua", actors=[("MAG", ActorType.PUBLIC_SECTOR)])


def url(initiative) -> str:
    return f"/initiatives/{initiative.pk}/follow-up/"


def add_indicator(client, initiative):
    return client.post(url(initiative), {
        "action": "add_indicator", "objective": "Más familias con agua", "description": "Familias con cosecha de agua",
        "unit": "familias", "baseline": "100", "target": "1100", "target_date": "2027-12-31", "disaggregation": "sexo de la jefatura",
    })


def update(client, initiative, files=(), **extra):
    indicator = initiative.indicators.first()
    data = {"action": "add_update", "period": "2026", "what_changed": "Se sumaron dos municipios", "results_reached": "600 familias",
            "phase": "implementation", **({f"value_{indicator.pk}": "600", f"note_{indicator.pk}": "Dato del MAG"} if indicator else {}),
            "evidence": list(files), **extra}
    return client.post(url(initiative), data)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def test_a_focal_point_adds_an_indicator_and_reports_progress_with_evidence(as_focal_cr, alliance):
    assert add_indicator(as_focal_cr, alliance).status_code == 302
    files = [SimpleUploadedFile("acta.pdf", PDF), SimpleUploadedFile("informe.docx", docx_bytes())]
    assert update(as_focal_cr, alliance, files).status_code == 302
    saved = ProgressUpdate.objects.get()
    assert saved.values.get().value == 600 and sorted(e.kind for e in saved.evidence.all()) == ["docx", "pdf"]
    page = as_focal_cr.get(url(alliance)).content.decode()
    assert "600 familias" in page and "50%" in page  # (600 - 100) / (1100 - 100)
    evidence = Evidence.objects.get(kind="pdf")
    download = as_focal_cr.get(f"{url(alliance)}evidence/{evidence.pk}/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize("name, content", [("virus.pdf", b"MZ\x90\x00 not a pdf"), ("nada.pdf", b""), ("hoja.html", b"<html><script>")])
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_saved(as_focal_cr, alliance, name, content):
    add_indicator(as_focal_cr, alliance)
    response = update(as_focal_cr, alliance, [SimpleUploadedFile(name, content)])
    assert response.status_code == 400
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()


def test_evidence_is_for_those_who_follow_the_alliance(as_focal_cr, alliance, as_focal_ar, as_analyst, as_anonymous, as_curator):
    add_indicator(as_focal_cr, alliance)
    update(as_focal_cr, alliance, [SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)])
    evidence = Evidence.objects.get()
    link = f"{url(alliance)}evidence/{evidence.pk}/"
    assert as_curator.get(link).status_code == 200
    assert as_focal_ar.get(link).status_code == 403 and as_analyst.get(link).status_code == 403
    assert as_anonymous.get(link).status_code == 302
    assert update(as_focal_ar, alliance).status_code == 403


def test_the_yearly_confirmation_is_a_short_update_prefilled_from_the_last_one(as_focal_cr, alliance):
    add_indicator(as_focal_cr, alliance)
    update(as_focal_cr, alliance)
    a_year_ago = timezone.now() - timedelta(days=400)
    Initiative.objects.filter(pk=alliance.pk).update(last_confirmed_at=a_year_ago, published_at=a_year_ago)
    page = as_focal_cr.get(f"{url(alliance)}?confirm=1").content.decode()
    assert "Se sumaron dos municipios" in page and 'value="600' in page  # pre-filled from the last update
    [box] = re.findall(r'<input[^>]*name="confirms"[^>]*>', page)
    assert "checked" in box
    assert update(as_focal_cr, alliance, confirms="on", period="2027").status_code == 302
    assert Initiative.objects.get(pk=alliance.pk).last_confirmed_at.date() == timezone.now().date()
    assert ProgressUpdate.objects.filter(confirms=True, period="2027").exists()
    detail = as_focal_cr.get(f"/initiatives/{alliance.pk}/").content.decode()
    assert f"/initiatives/{alliance.pk}/follow-up/?confirm=1#progress" in detail


def test_an_indicator_needs_a_target(as_focal_cr, alliance):
    response = as_focal_cr.post(url(alliance), {"action": "add_indicator", "objective": "x", "description": "y", "target": ""})
    assert response.status_code == 400 and not Indicator.objects.exists()


def test_the_dashboard_counts_updates_per_country_and_the_time_alliances_take_to_build(as_focal_cr, as_curator, alliance):
    from datetime import date

    from followup.models import PhaseStep
    from reports.figures import follow_up_figures

    add_indicator(as_focal_cr, alliance)
    update(as_focal_cr, alliance)
    PhaseStep.objects.create(initiative=alliance, phase="identification_design", started_on=date(2024, 1, 10))
    PhaseStep.objects.create(initiative=alliance, phase="implementation", started_on=date(2024, 4, 19))
    figures = follow_up_figures(Initiative.objects.published())
    assert figures.updates_by_country == [("Costa Rica", 1)]
    assert figures.build_days_by_country == [("Costa Rica", 100, 1)]
    page = as_curator.get("/reports/").content.decode()
    assert "Costa Rica: 1" in page and "<td>100</td>" in page


def test_the_excel_report_lists_indicators_reached_against_their_target(as_focal_cr, as_curator, alliance):
    import openpyxl

    add_indicator(as_focal_cr, alliance)
    update(as_focal_cr, alliance)
    book = openpyxl.load_workbook(io.BytesIO(as_curator.get("/reports/report.xlsx").content))
    rows = list(book["Indicadores"].iter_rows(values_only=True))
    assert rows[1][3] == "Familias con cosecha de agua" and rows[1][-2:] == (600, 50)


def test_a_year_later_the_initiative_is_due_and_the_short_update_confirms_it(as_focal_cr, focal_cr, alliance):
    """With the clock moved on a year: the initiative is due for confirmation, and the update does it."""
    from django.test import Client

    add_indicator(as_focal_cr, alliance)
    update(as_focal_cr, alliance)
    with time_machine.travel(timezone.now() + timedelta(days=380), tick=False):
        assert Initiative.objects.with_freshness().get(pk=alliance.pk).freshness_code != "current"
        client = Client()
        client.force_login(focal_cr)
        assert update(client, alliance, confirms="on", period="2027").status_code == 302
        assert Initiative.objects.with_freshness().get(pk=alliance.pk).freshness_code == "current"
