"""People's names and e-mail addresses never reach an anonymous visitor or an analyst, in any page,
API format or file; focal points and the technical unit keep the contacts they need for dialogues.

The leak test walks the site as each reader would, from the home page and the API root, following
every link and every URL the API returns, in every format, and looks for every person the demo data
holds in what comes back (files are unzipped and read)."""

import html
import io
import json
import re
import zipfile
from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from registry.models import Initiative, User
from registry.privacy import registered
from registry.text import fold
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

SEEDS = [
    "/", "/api/v1/", "/api/v1/initiatives/iati.xml", "/api/v1/stats/", "/reports/", "/privacy/",
    "/dialogues/", "/actors/", "/success-cases/", "/glossary/",
]
NOT_FOLLOWED = ("/admin/", "/accounts/logout/", "/i18n/", "/static/", "/favicon.ico", "/api/v1/schema/", "/api/v1/docs/")
API_FORMATS = ("json", "csv", "api")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
KEPT_PARAMETERS = ("page", "format", "lang")
HREF = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def no_rate_limits(monkeypatch):
    """The walk makes more requests a minute than a visitor may."""
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})


def people(excluding: User | None = None) -> tuple[set[str], set[str]]:
    """Every name (of two words or more) and address that the registry keeps about people."""
    names, emails = set(), set()
    for entry in registered():
        for row in entry.model._default_manager.all():
            names.update(getattr(row, field) for field in entry.names)
            emails.update(getattr(row, field) for field in entry.emails)
            for field in entry.texts:
                emails.update(EMAIL.findall(getattr(row, field) or ""))
            if entry.full_name:
                names.add(entry.full_name(row))
    if excluding is not None:
        names.discard(excluding.get_full_name())
        emails.discard(excluding.email)
    return {fold(name) for name in names if name and len(name.split()) >= 2}, {e.lower() for e in emails if e and "@" in e}


def readable(response) -> str:
    """What a person could read in the response, whatever its format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # Excel and Word files: every XML part
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            text = " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist() if name.endswith(".xml"))
        return html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = content.decode("utf-8", "replace")
    if "json" in response.get("Content-Type", ""):
        return json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


def links(url: str, response, text: str) -> list[str]:
    found = []
    if "html" in response.get("Content-Type", ""):
        found = [html.unescape(link) for link in HREF.findall(text)]
    elif "json" in response.get("Content-Type", ""):
        found = re.findall(r'"(http://testserver/[^"]+)"', text)
    result = []
    for link in found:
        parts = urlsplit(link)
        if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
            continue
        path = parts.path if parts.path.startswith("/") else urlsplit(url).path + parts.path
        if path.startswith(NOT_FOLLOWED):
            continue
        # Filters multiply pages without showing other records: the first pages of each list suffice.
        query = {key: value for key, value in parse_qsl(parts.query) if key in KEPT_PARAMETERS}
        page = query.get("page", "1")
        if not page.isdigit() or int(page) > 2:
            continue
        result.append(path + ("?" + urlencode(query) if query else ""))
        if path.startswith("/api/v1/") and not path.endswith(".xml"):
            result.extend(f"{path}?{urlencode({**query, 'format': format_})}" for format_ in API_FORMATS)
    return result


def crawl(client: Client, limit: int = 1500):
    seen, queue = set(), deque(SEEDS)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = readable(response)
        yield url, text
        queue.extend(link for link in links(url, response, text) if link not in seen)


@pytest.mark.parametrize("role", ["anonymous", "analyst"])
def test_no_name_or_address_of_a_person_reaches_anonymous_visitors_or_analysts(demo, no_rate_limits, role):
    reader = User.objects.get(username="analyst") if role == "analyst" else None
    names, emails = people(excluding=reader)
    assert len(names) >= 12 and len(emails) >= 12, "the demo data must hold people for this test to mean anything"
    leaks, visited, kinds = [], 0, set()
    for url, text in crawl(client_for(reader)):
        visited += 1
        kinds.add(urlsplit(url).path.rsplit(".", 1)[-1] if "." in urlsplit(url).path else dict(parse_qsl(urlsplit(url).query)).get("format", "page"))
        folded, lowered = fold(text), text.lower()
        leaks += [f"{url}: {email}" for email in emails if email in lowered]
        leaks += [f"{url}: {name}" for name in names if name in folded]
    assert not leaks, "\n".join(sorted(set(leaks))[:40])
    assert visited > 60, visited
    # Pages, the API in each format, IATI, and the reports' files were all read.
    assert {"page", "json", "csv", "api", "xml"} <= kinds, kinds
    if role == "analyst":
        assert {"xlsx", "docx"} <= kinds, kinds


def test_focal_points_and_the_unit_read_the_contacts_they_need_for_dialogues(demo):
    initiative = Initiative.objects.published().get(name__startswith="Siembra y Cosecha de Agua")
    for username in ("focal_ar", "curator"):
        client = client_for(User.objects.get(username=username))
        page = client.get(f"/initiatives/{initiative.pk}/").text
        assert "Ana Solano Mora" in page and 'href="mailto:asolano@mideplan.example.org"' in page
        detail = client.get(f"/api/v1/initiatives/{initiative.pk}/").json()
        assert detail["focal_point_email"] == "asolano@mideplan.example.org"
        listed = {item["id"]: item for item in client.get("/api/v1/initiatives/?page_size=100").json()["results"]}
        assert listed[initiative.pk]["focal_point_name"] == "Ana Solano Mora"


def test_a_visitor_gets_the_institution_and_a_way_to_ask_for_an_introduction(demo, settings):
    settings.TECHNICAL_UNIT_EMAIL = "unidad@pifcss.example.org"
    initiative = Initiative.objects.published().get(name__startswith="Siembra y Cosecha de Agua")
    page = Client().get(f"/initiatives/{initiative.pk}/").text
    assert "Ministerio de Planificación Nacional y Política Económica" in page
    assert 'href="mailto:unidad@pifcss.example.org?subject=' in page and "Pedir a la unidad técnica que los ponga en contacto" in page
    Initiative.objects.filter(pk=initiative.pk).update(wants_to_share=False)
    assert "mailto:unidad@pifcss.example.org" not in Client().get(f"/initiatives/{initiative.pk}/").text


def test_the_detail_and_the_list_leave_the_contact_out_of_the_schema_requirements(demo):
    from tests.api.schema_check import SchemaCheckingClient

    client = SchemaCheckingClient()
    item = client.get("/api/v1/initiatives/").json()["results"][0]
    assert "focal_point_email" not in item and "focal_point_name" not in item
    assert "focal_point_email" not in client.get(f"/api/v1/initiatives/{item['id']}/").json()


@pytest.mark.parametrize(
    ("language", "title", "phrase"),
    [
        ("es", "Aviso de privacidad", "Por cuánto tiempo"),
        ("pt", "Aviso de privacidade", "Por quanto tempo"),
        ("en", "Privacy notice", "For how long"),
    ],
)
def test_the_privacy_notice_speaks_each_language(db, language, title, phrase):
    page = Client(HTTP_ACCEPT_LANGUAGE=language).get("/privacy/").text
    assert f"<h1>{title}</h1>" in page and phrase in page
    assert "personal_data" not in page  # says what to do, not which command the unit runs


def test_the_ficha_links_to_the_notice_beside_the_contact_questions(as_focal_cr, focal_cr):
    from datetime import timedelta

    from django.utils import timezone
    from docx import Document

    from surveys.docx.writer import blank_ficha_document
    from surveys.models import Campaign, Ficha

    now = timezone.now()
    campaign = Campaign.objects.create(name="Relevamiento", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
    ficha = Ficha.objects.create(campaign=campaign, institution=focal_cr.institution)
    for url in (f"/survey/fichas/{ficha.pk}/", f"/survey/fichas/{ficha.pk}/initiatives/new/"):
        page = as_focal_cr.get(url).text
        contact = page.index('name="focal_point_email"')
        notice = page.index('href="/privacy/"', contact)
        assert notice - contact < 1500, url
    document = Document(io.BytesIO(blank_ficha_document(campaign)))
    labels = [row.cells[0].text for table in document.tables for row in table.rows]
    contact_labels = [label for label in labels if label.startswith("Punto focal")]
    assert len(contact_labels) == 1 + campaign.max_initiatives
    assert all("/privacy/" in label for label in contact_labels)
