"""Request size limits, and error pages that say what happened in the reader's language."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import FichaUpload

pytestmark = pytest.mark.django_db


def test_a_request_body_above_the_limit_is_refused_before_it_is_read(as_curator, settings):
    response = as_curator.post(
        reverse("surveys:upload"), {"files": SimpleUploadedFile("a.docx", b"PK")},
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert "60 MB" in response.text and "Envíe menos archivos" in response.text
    assert not FichaUpload.objects.exists()


def test_too_many_files_at_once_is_a_clear_400(as_curator):
    files = [SimpleUploadedFile(f"f{number}.docx", b"PK") for number in range(31)]
    response = as_curator.post(reverse("surveys:upload"), {"files": files})
    assert response.status_code == 400 and "demasiados archivos" in response.text
    assert not FichaUpload.objects.exists()


def test_not_found_and_not_allowed_pages_are_translated(as_focal_cr):
    missing = as_focal_cr.get("/initiatives/999999/")
    assert missing.status_code == 404 and "Página no encontrada" in missing.text
    refused = as_focal_cr.get(reverse("audit_list"), HTTP_ACCEPT_LANGUAGE="pt")
    assert refused.status_code == 403 and "Não permitido" in refused.text


def test_the_health_endpoint_reports_the_database(as_anonymous, monkeypatch):
    body = as_anonymous.get("/health/").json()
    assert body["status"] == "ok" and body["database"] == "ok"
    from alianzas import health

    def broken(cls):
        raise OSError("down")

    monkeypatch.setattr(health.Database, "from_settings", classmethod(broken))
    response = as_anonymous.get("/health/")
    assert response.status_code == 503 and response.json()["database"] == "unreachable"
