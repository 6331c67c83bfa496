"""docs/adding-a-question.md, proved: a question added to the declaration (registry.ficha), and
nothing else, appears in the online form, the Word blank, is read back from a filled Word file,
shown in the upload review, the API (detail and the PostgreSQL-written list) and the Excel export.

The test declares it on a field the ficha does not ask yet, so no migration is needed here."""

import io
from dataclasses import replace
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from registry import ficha
from registry.models import Initiative
from surveys.docx.reader import read_ficha
from surveys.docx.safety import open_docx_safely
from surveys.docx.writer import blank_ficha_document
from surveys.models import Campaign, Ficha, FichaUpload
from tests.conftest import client_for
from tests.surveys.conftest import initiative_post
from tests.surveys.word_files import answer, blank, saved

pytestmark = pytest.mark.django_db

LABEL = "Lecciones para otros países"
LESSONS = ficha.Question("lessons", ficha.Kind.TEXT, ("out_of_scope_reason",), label=LABEL, help="Qué aprendieron.")
ANSWER = "Empezar por una mesa de trabajo con todos los actores."


@pytest.fixture
def with_lessons(monkeypatch):
    questions = list(ficha.INITIATIVE_QUESTIONS)
    questions.insert(3, LESSONS)  # after the objectives
    monkeypatch.setattr(ficha, "INITIATIVE_QUESTIONS", tuple(questions))


@pytest.fixture
def campaign(db):
    now = timezone.now()
    return Campaign.objects.create(name="Relevamiento 2027", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30))


def test_a_declared_question_reaches_every_place(with_lessons, campaign, costa_rica, focal_cr, curator, as_focal_cr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The online form asks it, with its help, and saves the answer into its field.
    ficha_record = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    url = reverse("surveys:ficha_initiative_create", args=[ficha_record.pk])
    page = as_focal_cr.get(url).text
    assert LABEL in page and 'name="out_of_scope_reason"' in page and "Qué aprendieron." in page
    assert page.index("Objetivo/s") < page.index(LABEL) < page.index("Actores involucrados")
    assert as_focal_cr.post(url, initiative_post(out_of_scope_reason=ANSWER)).status_code == 302
    assert Initiative.objects.get().out_of_scope_reason == ANSWER

    # The Word blank prints it for every initiative, and a filled file reads it back.
    labels = [row.cells[0].paragraphs[0].text for table in Document(io.BytesIO(blank_ficha_document(campaign))).tables for row in table.rows]
    assert labels.count(LABEL) == campaign.max_initiatives
    document = blank(campaign)
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    answer(document, "Tipo de iniciativa", "2 - Proyecto")
    answer(document, "Nombre de la iniciativa", "Cosecha de agua")
    answer(document, LABEL, ANSWER)
    data = saved(document)
    assert read_ficha(open_docx_safely(data))["initiatives"][0]["lessons"] == ANSWER

    # The upload review shows it under its question; confirming imports it.
    as_curator = client_for(curator)
    as_curator.post(reverse("surveys:upload"), {"files": SimpleUploadedFile("ficha.docx", data)})
    upload = FichaUpload.objects.get()
    review = as_curator.get(reverse("surveys:upload_review", args=[upload.pk])).text
    assert LABEL in review and ANSWER in review

    # The API carries it, in the detail and in the list PostgreSQL writes, the same.
    initiative = Initiative.objects.get(name="Siembra y Cosecha de Agua")
    detail = as_curator.get(f"/api/v1/initiatives/{initiative.pk}/").json()
    listed = {item["id"]: item for item in as_curator.get("/api/v1/initiatives/").json()["results"]}
    assert detail["out_of_scope_reason"] == ANSWER and listed[initiative.pk] == detail

    # The Excel workbook has its column, in the ficha's order.
    from registry.services import initiative_transition

    for status in ("submitted", "published"):
        initiative_transition(initiative=initiative, to_status=status, by=curator)
    sheet = openpyxl.load_workbook(io.BytesIO(as_curator.get("/reports/report.xlsx").content))["Iniciativas"]
    header = [cell.value for cell in sheet[1]]
    assert header.index("Objetivo/s") < header.index(LABEL)
    assert sheet.cell(row=2, column=header.index(LABEL) + 1).value == ANSWER


def test_the_declaration_is_what_the_places_read(with_lessons):
    """Without the fixture the question is gone again: nothing copied the declaration at import."""
    assert "out_of_scope_reason" in ficha.initiative_fields()
    assert replace(LESSONS).key in [question.key for question in ficha.initiative_questions()]
