"""Every export reads through the pages' selectors: for each role, the dialogues and initiatives an
Excel or Word file, the CSV, IATI and the stats list are those the same person's pages show."""

import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from docx import Document
from lxml import etree

from dialogues.models import Dialogue
from registry.models import Initiative, User
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "focal_cr", "focal_ar", "curator", "analyst")


@pytest.fixture
def world(db):
    """The demo, plus a dialogue in preparation, and a held one whose presenting country did not
    agree to share: the pages hide both from the public."""
    call_command("load_demo", stdout=io.StringIO())
    Dialogue.objects.create(title="Diálogo en preparación").initiatives.add(Initiative.objects.get(name__startswith="APICARIBE"))
    Initiative.objects.filter(name__startswith="Proyecto piloto de restauración").update(wants_to_share=False)


def reader(role):
    return None if role == "anonymous" else User.objects.get(username=role)


def page_dialogues(client) -> set[str]:
    context = client.get("/dialogues/").context
    return {d.title for d in context["upcoming"]} | {d.title for d in context["past"].object_list}


def page_initiatives(client) -> set[str]:
    return {i.name for i in client.get("/initiatives/", {"page_size": 100}).context["page"].object_list}


def api_names(client, path: str, key: str) -> set[str]:
    return {item[key] for item in client.get(path, {"page_size": 100}).json()["results"]}


@pytest.mark.parametrize("role", ROLES)
def test_the_api_csv_iati_and_stats_list_what_the_pages_show(world, role):
    client = client_for(reader(role))
    dialogues, initiatives = page_dialogues(client), page_initiatives(client)
    assert api_names(client, "/api/v1/dialogues/", "title") == dialogues
    assert api_names(client, "/api/v1/initiatives/", "name") == initiatives
    csv_text = client.get("/api/v1/initiatives/", {"page_size": 100, "format": "csv"}).content.decode("utf-8-sig")
    assert len(csv_text.strip().splitlines()) == 1 + len(initiatives)
    titles = etree.fromstring(client.get("/api/v1/initiatives/iati.xml").getvalue()).xpath("//iati-activity/title/narrative/text()")
    assert set(titles) <= initiatives
    stats = client.get("/api/v1/stats/").json()
    published = set(Initiative.objects.published().values_list("name", flat=True))
    shown = Dialogue.objects.filter(title__in=dialogues, initiatives__name__in=published).distinct()
    assert stats["dialogues"]["organised"] == shown.count()
    assert stats["dialogues"]["cancelled"] == shown.filter(status="cancelled").count()


@pytest.mark.parametrize("role", ["curator", "analyst"])
def test_the_report_files_list_what_the_pages_show(world, role):
    client = client_for(reader(role))
    dialogues, initiatives = page_dialogues(client), page_initiatives(client)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/reports/report.xlsx").content))
    listed = {row[0] for row in book["Diálogos"].iter_rows(min_row=2, values_only=True) if row[0]}
    presenting_published = set(Dialogue.objects.filter(initiatives__status="published").values_list("title", flat=True))
    assert listed == dialogues & presenting_published
    assert {row[5] for row in book["Iniciativas"].iter_rows(min_row=2, values_only=True)} <= initiatives
    text = "\n".join(p.text for p in Document(io.BytesIO(client.get("/reports/report.docx").content)).paragraphs)
    organised = re.search(r"Se organizaron (\d+) diálogos", text)
    assert int(organised.group(1)) == len(listed)


def test_an_analyst_never_sees_cancelled_proposed_or_unshared_dialogues(world):
    """The leak the audit found: the analysts' Excel listed them while the API answered 404."""
    client = client_for(reader("analyst"))
    book = openpyxl.load_workbook(io.BytesIO(client.get("/reports/report.xlsx").content))
    listed = {row[0]: row[1] for row in book["Diálogos"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert set(listed.values()) == {"Realizado"}
    assert "Diálogo sobre restauración de arrecifes de coral" not in listed
    assert "Diálogo sobre Jóvenes Construyendo el Futuro" not in listed  # cancelled
    curator = openpyxl.load_workbook(io.BytesIO(client_for(reader("curator")).get("/reports/report.xlsx").content))
    assert len(list(curator["Diálogos"].iter_rows(min_row=2))) == len(listed) + 3  # the unshared, the cancelled, the proposed
