"""User text is shown as text everywhere: an HTML/JavaScript payload typed into every free-text
field of the ficha is escaped on every page that shows it, and a spreadsheet formula typed into
a field stays text in every export."""

import csv
import io
import xml.etree.ElementTree as ElementTree
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from dialogues.models import Dialogue
from registry import services
from registry.models import Initiative
from surveys.models import Campaign, Ficha
from tests.surveys.conftest import block_post, initiative_post

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
FORMULA = '=HYPERLINK("http://evil.example","clic")'

TEXT_FIELDS = ("name", "objectives", "focal_point_name", "justification", "strengths", "challenges")


@pytest.fixture
def poisoned(as_focal_cr, focal_cr, curator, costa_rica):
    """A ficha filled online by the focal point with the payload in every free-text field, then
    published by the technical unit and presented in a held dialogue."""
    now = timezone.now()
    campaign = Campaign.objects.create(name=f"Relevamiento {SCRIPT}", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    block = as_focal_cr.post(
        reverse("surveys:ficha_detail", args=[ficha.pk]),
        block_post(version=1, focal_point_name=SCRIPT, institutional_strengths=SCRIPT, institutional_weaknesses=SCRIPT),
    )
    assert block.status_code == 302
    fields = {field: f"{field} {SCRIPT}" for field in TEXT_FIELDS}
    saved = as_focal_cr.post(
        reverse("surveys:ficha_initiative_create", args=[ficha.pk]),
        initiative_post(
            **fields, initiative_type="4", initiative_type_other=SCRIPT, results=FORMULA,
            **{"actors-0-name": f"Ministerio {SCRIPT}", "actors-1-role": SCRIPT, "actors-2-name": FORMULA,
               "actors-2-actor_type": "private_sector"},
        ),
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    initiative = Initiative.objects.get(fichas=ficha)
    assert initiative.name == f"name {SCRIPT}" and initiative.results == [FORMULA]
    initiative.wants_to_share = True
    initiative.start_year = 2023
    initiative.save()
    services.initiative_transition(initiative=initiative, to_status="submitted", by=curator)
    services.initiative_publish(initiative=initiative, by=curator)
    dialogue = Dialogue.objects.create(
        title=f"Diálogo {SCRIPT}", status="held", starts_at=now - timedelta(days=1), main_results=FORMULA,
        facilitator_notes=SCRIPT, agenda=SCRIPT,
    )
    dialogue.initiatives.add(initiative)
    return {"initiative": initiative, "ficha": ficha, "dialogue": dialogue}


def pages(poisoned):
    initiative, ficha, dialogue = poisoned["initiative"], poisoned["ficha"], poisoned["dialogue"]
    return [
        ("as_anonymous", reverse("registry:initiative_list")),
        ("as_anonymous", reverse("registry:initiative_list") + "?q=objectives"),
        ("as_anonymous", reverse("registry:initiative_detail", args=[initiative.pk])),
        ("as_anonymous", reverse("dialogues:dialogue_list")),
        ("as_anonymous", reverse("dialogues:dialogue_detail", args=[dialogue.pk])),
        ("as_focal_cr", reverse("surveys:survey_home")),
        ("as_focal_cr", reverse("surveys:ficha_detail", args=[ficha.pk])),
        ("as_focal_cr", reverse("surveys:ficha_submit", args=[ficha.pk])),
        ("as_focal_cr", reverse("surveys:ficha_initiative_edit", args=[ficha.pk, initiative.pk])),
        ("as_curator", reverse("surveys:ficha_review", args=[ficha.pk])),
        ("as_curator", reverse("surveys:campaign_progress", args=[ficha.campaign_id])),
        ("as_curator", reverse("dialogues:candidates")),
        ("as_curator", reverse("dialogues:dialogue_detail", args=[dialogue.pk])),
        ("as_curator", reverse("reports:dashboard")),
        ("as_curator", reverse("audit_list")),
        ("as_curator", reverse("admin:registry_initiative_changelist")),
        ("as_curator", reverse("admin:registry_initiative_change", args=[initiative.pk])),
        ("as_curator", reverse("admin:dialogues_dialogue_change", args=[dialogue.pk])),
        ("as_curator", "/api/v1/initiatives/?format=api"),
    ]


def test_every_page_shows_the_payload_as_text(request, poisoned):
    shown_somewhere = set()
    for persona, url in pages(poisoned):
        response = request.getfixturevalue(persona).get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "<script>alert" not in text and "<img src=x" not in text, f"unescaped payload on {url}"
        if ESCAPED in text or "&lt;script&gt;" in text:
            shown_somewhere.add(url)
    # Not a vacuous pass: the pages really display the text, escaped.
    assert len(shown_somewhere) >= len(pages(poisoned)) - 3, set(url for _, url in pages(poisoned)) - shown_somewhere


def test_the_api_serves_the_text_as_json_data_never_as_a_page(as_anonymous, poisoned):
    response = as_anonymous.get(f"/api/v1/initiatives/{poisoned['initiative'].pk}/")
    assert response["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.json()["name"] == f"name {SCRIPT}"


def test_a_formula_stays_text_in_the_csv_export(as_anonymous, poisoned):
    response = as_anonymous.get("/api/v1/initiatives/", {"format": "csv"})
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["results"] == "'" + FORMULA
    assert row["name"] == f"name {SCRIPT}"  # not a formula: kept as typed


def test_a_formula_stays_text_in_the_excel_report(as_curator, poisoned):
    response = as_curator.get(reverse("reports:download", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    formula_cells = [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value == FORMULA
    ]
    assert formula_cells, "the payload is in the workbook"
    assert all(cell.data_type == "s" for cell in formula_cells)
    assert not [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_the_word_files_hold_the_payload_as_plain_text(as_curator, as_focal_cr, poisoned):
    report = as_curator.get(reverse("reports:download", args=["docx"]))
    ficha = as_focal_cr.get(reverse("surveys:ficha_download", args=[poisoned["ficha"].pk]))
    for response in (report, ficha):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        document = Document(io.BytesIO(content))
        texts = [p.text for p in document.paragraphs] + [
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        ]
        assert any(SCRIPT in text for text in texts)


def test_the_iati_export_escapes_the_text(as_anonymous, poisoned):
    response = as_anonymous.get("/api/v1/initiatives/iati.xml")
    root = ElementTree.fromstring(response.getvalue())
    titles = [element.text for element in root.iter("narrative")]
    assert f"name {SCRIPT}" in titles
