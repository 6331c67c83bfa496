"""Taking filled Word fichas in through the web: upload, review what was read, confirm or discard;
the original kept; the same file twice detected; bad files refused with nothing written."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.models import Initiative, Institution
from surveys.models import Ficha, FichaUpload
from tests.surveys.test_word_reading import BAD_FILES, FIXTURES
from tests.surveys.word_files import answer, blank, filled_ficha, saved

pytestmark = pytest.mark.django_db
UPLOAD_URL = reverse("surveys:upload")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def word(data: bytes, name: str = "ficha.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def upload(client, data: bytes, name="ficha.docx", **extra):
    return client.post(UPLOAD_URL, {"files": word(data, name), **extra}, follow=True)


def sample(name: str) -> bytes:
    return (FIXTURES / f"{name}.docx").read_bytes()


# --- The blank form ---

@pytest.mark.parametrize(("language", "question"), [("es", "Nombre de la iniciativa"), ("pt", "Nome da iniciativa")])
def test_a_focal_point_downloads_the_blank_form_in_spanish_or_portuguese(as_focal_cr, campaign, language, question):
    import io

    from docx import Document

    response = as_focal_cr.get(reverse("surveys:blank_form", args=[campaign.pk]), {"lang": language})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    cells = [cell.text for table in Document(io.BytesIO(response.content)).tables for row in table.rows for cell in row.cells]
    assert any(text.startswith(question) for text in cells)


def test_the_home_page_offers_the_blank_form_and_the_upload(as_focal_cr, campaign):
    page = as_focal_cr.get(reverse("surveys:survey_home")).text
    assert reverse("surveys:blank_form", args=[campaign.pk]) in page and UPLOAD_URL in page


# --- One file, by a focal point ---

def test_an_upload_is_read_and_shown_field_by_field_before_anything_is_saved(as_focal_cr, campaign):
    response = upload(as_focal_cr, filled_ficha(campaign), name="Ficha CR final.docx")
    assert response.redirect_chain[-1][0] == reverse("surveys:upload_review", args=[FichaUpload.objects.get().pk])
    page = response.text
    assert "Cosecha de agua 1" in page and "Universidad EARTH — Academia" in page and "Guatemala" in page
    assert "Ana Solano &lt;ana@mideplan.go.cr&gt;" in page
    assert not Ficha.objects.exists() and not Initiative.objects.exists()


def test_the_original_file_is_kept_and_downloadable_as_sent(as_focal_cr, campaign):
    data = filled_ficha(campaign)
    upload(as_focal_cr, data, name="Ficha CR.docx")
    response = as_focal_cr.get(reverse("surveys:upload_original", args=[FichaUpload.objects.get().pk]))
    assert b"".join(response.streaming_content) == data
    assert response["Content-Disposition"].startswith("attachment") and "Ficha CR.docx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_confirming_fills_the_draft_ficha_and_nothing_is_published(as_focal_cr, focal_cr, campaign, costa_rica):
    upload(as_focal_cr, filled_ficha(campaign, initiatives=2))
    pending = FichaUpload.objects.get()
    response = as_focal_cr.post(reverse("surveys:upload_review", args=[pending.pk]), {"action": "confirm"}, follow=True)
    ficha = Ficha.objects.get()
    assert response.redirect_chain[-1][0] == reverse("surveys:ficha_detail", args=[ficha.pk])
    assert ficha.institution == costa_rica and ficha.status == "draft" and ficha.wants_to_share is True
    assert ficha.focal_point_email == "ana@mideplan.go.cr"
    assert list(ficha.initiatives.order_by("pk").values_list("name", flat=True)) == ["Cosecha de agua 1", "Cosecha de agua 2"]
    assert not Initiative.objects.published().exists()
    pending.refresh_from_db()
    assert pending.status == "confirmed" and pending.ficha == ficha and pending.decided_by == focal_cr


def test_more_than_three_strengths_are_flagged_and_kept_inside_the_third(as_focal_cr, campaign):
    upload(as_focal_cr, filled_ficha(campaign, strengths="1) Confianza 2) Ley 3) Fondos 4) Mesa técnica"))
    pending = FichaUpload.objects.get()
    page = as_focal_cr.get(reverse("surveys:upload_review", args=[pending.pk])).text
    assert "Iniciativa 1 enumera 4 fortalezas" in page
    as_focal_cr.post(reverse("surveys:upload_review", args=[pending.pk]), {"action": "confirm"})
    assert Initiative.objects.get().strengths == ["Confianza", "Ley", "Fondos; Mesa técnica"]


def test_the_review_shows_lists_as_lists_and_marks_each_uncertain_answer_with_what_was_read(as_focal_cr, campaign):
    import re

    document = blank(campaign)
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    answer(document, "Punto focal: nombre y correo electrónico", "Ana Solano – ana [arroba] mideplan.go.cr")
    answer(document, "Tipo de iniciativa", "Proyecto de riego")
    answer(document, "Nombre de la iniciativa", "Agua")
    answer(document, "Actores involucrados", "MAG – sector público\nCofradía del Puerto – cofradía")
    answer(document, "Fortalezas", "• Confianza\n• Ley de aguas")
    page = upload(as_focal_cr, saved(document)).text
    assert "<li>Confianza</li>" in page and "<li>Ley de aguas</li>" in page and "[&#x27;" not in page
    assert "El lector no estuvo seguro de 3 respuestas" in page
    flags = re.findall(r'<p class="read-flag" role="note">(.*?)</p>', page, re.S)
    assert len(flags) == 3
    assert any("disimulada" in flag and "ana [arroba] mideplan.go.cr" in flag for flag in flags)
    assert any("se dedujo de las palabras" in flag and "Proyecto de riego" in flag for flag in flags)
    assert any("no cuenta como un tipo distinto" in flag and "Cofradía del Puerto – cofradía" in flag for flag in flags)
    assert FichaUpload.objects.get().parsed["focal_point"] == {"name": "Ana Solano", "email": "ana@mideplan.go.cr"}


def test_a_country_name_that_is_not_a_country_is_a_warning_on_the_review(as_focal_cr, campaign):
    document = blank(campaign)
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    answer(document, "Tipo de iniciativa", "2")
    answer(document, "Nombre de la iniciativa", "Agua")
    answer(document, "Otros países involucrados", "Guatemala y Narnia")
    answer(document, "Actores involucrados", "Cofradía del Puerto – cofradía")
    page = upload(as_focal_cr, saved(document)).text
    assert "«Narnia» no es un país" in page or "“Narnia” no es un país" in page
    assert "no se reconoció el tipo de actor" in page


def test_discarding_writes_nothing_and_lets_the_file_be_sent_again(as_focal_cr, campaign):
    data = filled_ficha(campaign)
    upload(as_focal_cr, data)
    response = as_focal_cr.post(
        reverse("surveys:upload_review", args=[FichaUpload.objects.get().pk]), {"action": "discard"}, follow=True
    )
    assert "descartado" in response.text and not Ficha.objects.exists()
    upload(as_focal_cr, data)
    assert FichaUpload.objects.filter(status="pending").count() == 1


def test_the_same_file_twice_is_detected_and_said(as_focal_cr, campaign):
    data = filled_ficha(campaign)
    upload(as_focal_cr, data)
    response = upload(as_focal_cr, data, name="copia.docx")
    assert "Este archivo ya fue cargado" in response.text
    assert FichaUpload.objects.count() == 1


def test_a_focal_point_cannot_upload_another_countrys_ficha(as_focal_cr, campaign, media_root):
    response = upload(as_focal_cr, sample("ficha_uruguay_auci_una_iniciativa"), campaign=campaign.pk)
    assert "Esta ficha es de Uruguay" in response.text
    assert not FichaUpload.objects.exists() and stored_files(media_root) == []


def test_a_file_without_campaign_reference_needs_the_campaign_chosen(as_curator, campaign):
    response = upload(as_curator, sample("ficha_uruguay_auci_una_iniciativa"))
    assert "elija la campaña" in response.text and not FichaUpload.objects.exists()


def test_replacing_a_ficha_that_already_has_content_needs_an_explicit_tick(as_focal_cr, campaign):
    upload(as_focal_cr, filled_ficha(campaign))
    first = FichaUpload.objects.get()
    as_focal_cr.post(reverse("surveys:upload_review", args=[first.pk]), {"action": "confirm"})
    upload(as_focal_cr, filled_ficha(campaign, initiatives=2))
    second = FichaUpload.objects.get(status="pending")
    review_url = reverse("surveys:upload_review", args=[second.pk])
    assert "Marque la casilla" not in as_focal_cr.get(review_url).text
    response = as_focal_cr.post(review_url, {"action": "confirm"}, follow=True)
    assert "Marque la casilla para reemplazarlo" in response.text and Initiative.objects.count() == 1
    as_focal_cr.post(review_url, {"action": "confirm", "replace": "on"})
    assert Initiative.objects.count() == 2 and Ficha.objects.count() == 1


def test_before_replacing_the_page_lists_what_goes_and_the_audit_trail_keeps_every_answer(as_focal_cr, campaign):
    from registry.models import AuditEntry

    upload(as_focal_cr, filled_ficha(campaign))
    as_focal_cr.post(reverse("surveys:upload_review", args=[FichaUpload.objects.get().pk]), {"action": "confirm"})
    replaced = Initiative.objects.get()
    upload(as_focal_cr, filled_ficha(campaign, initiatives=2, strengths="Otra"))
    second = FichaUpload.objects.get(status="pending")
    page = as_focal_cr.get(reverse("surveys:upload_review", args=[second.pk])).text
    assert 'id="replaced"' in page and replaced.name in page and "2 actores" in page
    as_focal_cr.post(reverse("surveys:upload_review", args=[second.pk]), {"action": "confirm", "replace": "on"})
    entry = AuditEntry.objects.get(object_id=str(replaced.pk), action="delete")
    assert entry.changes["name"] == [replaced.name, None]
    assert entry.changes["actors"][0] == ["MAG (public_sector)", "Universidad EARTH (academia)"]
    assert entry.changes["other_countries"][0] == ["GT", "HN"]


def test_a_file_that_cannot_be_confirmed_says_so_once_and_offers_no_confirm_button(as_focal_cr, campaign, costa_rica):
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica, status="submitted")
    response = upload(as_focal_cr, filled_ficha(campaign))
    assert "Leído. Revíselo y confírmelo." not in response.text
    assert 'value="confirm"' not in response.text and "no se puede confirmar" in response.text.lower()
    assert ficha.initiatives.count() == 0


def test_a_file_with_too_many_initiatives_cannot_be_confirmed(as_focal_cr, campaign):
    document = blank(campaign)  # printed for 3 initiatives
    for number in range(3):
        answer(document, "Tipo de iniciativa", "1", number)
        answer(document, "Nombre de la iniciativa", f"Acción {number}", number)
    campaign.max_initiatives = 2
    campaign.save()
    upload(as_focal_cr, saved(document))
    pending = FichaUpload.objects.get()
    page = as_focal_cr.get(reverse("surveys:upload_review", args=[pending.pk])).text
    assert "El archivo tiene 3 iniciativas; esta campaña admite hasta 2." in page
    response = as_focal_cr.post(reverse("surveys:upload_review", args=[pending.pk]), {"action": "confirm"}, follow=True)
    assert "esta campaña admite hasta 2" in response.text
    assert not Ficha.objects.exists() and FichaUpload.objects.get().status == "pending"


# --- Many files, by the technical unit ---

def test_the_technical_unit_uploads_several_files_at_once_and_sees_each_outcome(as_curator, campaign):
    files = [
        word(sample("ficha_uruguay_auci_una_iniciativa"), "uruguay.docx"),
        word(sample("ficha_mexico_amexcid_tres_iniciativas"), "mexico.docx"),
        word(b"%PDF-1.7", "acta.pdf.docx"),
    ]
    response = as_curator.post(UPLOAD_URL, {"files": files, "campaign": campaign.pk})
    assert response.status_code == 200
    assert response.text.count("Leído. Revíselo y confírmelo.") == 2 and "no es un archivo de Word" in response.text
    assert FichaUpload.objects.count() == 2 and not Ficha.objects.exists()


def test_the_progress_script_gets_one_json_outcome_per_file(as_curator, campaign):
    ok = as_curator.post(
        UPLOAD_URL, {"files": word(sample("ficha_portugal_camoes_pt")), "campaign": campaign.pk}, HTTP_ACCEPT="application/json"
    )
    refused = as_curator.post(UPLOAD_URL, {"files": word(b""), "campaign": campaign.pk}, HTTP_ACCEPT="application/json")
    assert ok.status_code == 200 and ok.json()["ok"] is True and ok.json()["url"].startswith("/survey/uploads/")
    assert refused.status_code == 400 and refused.json()["ok"] is False and refused.json()["message"]


def test_confirming_a_file_of_an_unregistered_institution_registers_it(as_curator, campaign):
    upload(as_curator, sample("ficha_uruguay_auci_una_iniciativa"), campaign=campaign.pk)
    pending = FichaUpload.objects.get()
    assert "todavía no está registrada" in as_curator.get(reverse("surveys:upload_review", args=[pending.pk])).text
    as_curator.post(reverse("surveys:upload_review", args=[pending.pk]), {"action": "confirm"})
    ficha = Ficha.objects.get()
    assert ficha.institution.country_id == "UY" and Institution.objects.filter(country="UY").count() == 1
    assert ficha.initiatives.count() == 1


def test_a_focal_point_uploads_one_file_at_a_time(as_focal_cr, campaign):
    data = filled_ficha(campaign)
    response = as_focal_cr.post(UPLOAD_URL, {"files": [word(data, "a.docx"), word(data + b"", "b.docx")]})
    assert "Cargue un archivo a la vez" in response.text and not FichaUpload.objects.exists()


# --- Bad input through the web ---

@pytest.mark.parametrize("kind", BAD_FILES)
def test_each_bad_file_gets_one_clear_translated_message_and_nothing_is_written(as_curator, campaign, media_root, kind):
    data, message = BAD_FILES[kind]
    response = as_curator.post(UPLOAD_URL, {"files": word(data), "campaign": campaign.pk})
    assert response.status_code == 200
    assert response.text.count('class="error"') == 1 and message in response.text
    assert not FichaUpload.objects.exists() and stored_files(media_root) == []


def test_submitting_without_a_file_says_the_field_is_required(as_focal_cr, campaign):
    response = as_focal_cr.post(UPLOAD_URL, {})
    assert "Este campo es requerido" in response.text


# --- Permissions ---

@pytest.fixture
def cr_upload(as_focal_cr, campaign):
    upload(as_focal_cr, filled_ficha(campaign))
    return FichaUpload.objects.get()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("as_anonymous", 302), ("as_analyst", 403), ("as_focal_ar", 404), ("as_focal_cr", 200), ("as_curator", 200)],
)
@pytest.mark.parametrize("url_name", ["surveys:upload_review", "surveys:upload_original"])
def test_an_upload_is_seen_only_by_its_institution_and_the_technical_unit(request, cr_upload, persona, expected, url_name):
    client = request.getfixturevalue(persona)
    assert client.get(reverse(url_name, args=[cr_upload.pk])).status_code == expected


@pytest.mark.parametrize(("persona", "expected"), [("as_anonymous", 302), ("as_analyst", 403), ("as_focal_ar", 404)])
def test_nobody_else_can_confirm_or_discard_an_upload(request, cr_upload, persona, expected):
    client = request.getfixturevalue(persona)
    for action in ("confirm", "discard"):
        assert client.post(reverse("surveys:upload_review", args=[cr_upload.pk]), {"action": action}).status_code == expected
    cr_upload.refresh_from_db()
    assert cr_upload.status == "pending" and not Ficha.objects.exists()


@pytest.mark.parametrize("person", ["analyst", "focal_ar"])
def test_the_intake_services_themselves_refuse_whoever_may_not_decide(request, cr_upload, campaign, person):
    """A view that forgot its check, or a command, still cannot confirm or discard another's file."""
    from django.core.exceptions import PermissionDenied

    from surveys import intake

    user = request.getfixturevalue(person)
    for decide in (lambda: intake.upload_confirm(upload=cr_upload, by=user, replace=True),
                   lambda: intake.upload_discard(upload=cr_upload, by=user)):
        with pytest.raises(PermissionDenied):
            decide()
    if person == "analyst":
        with pytest.raises(PermissionDenied):
            intake.upload_receive(data=filled_ficha(campaign, strengths="Otra"), name="f.docx", by=user, campaign=campaign)
    cr_upload.refresh_from_db()
    assert cr_upload.status == "pending" and not Ficha.objects.exists()


def test_a_decided_file_cannot_be_decided_again(cr_upload, focal_cr):
    from django.core.exceptions import ValidationError

    from surveys import intake

    intake.upload_discard(upload=cr_upload, by=focal_cr)
    with pytest.raises(ValidationError, match="descartado"):
        intake.upload_confirm(upload=cr_upload, by=focal_cr, replace=True)


@pytest.mark.parametrize(
    ("persona", "expected"), [("as_anonymous", 302), ("as_analyst", 403), ("as_focal_ar", 200), ("as_curator", 200)]
)
@pytest.mark.parametrize("url_name", ["surveys:upload", "surveys:blank_form"])
def test_the_upload_page_and_the_blank_form_are_for_survey_users(request, campaign, persona, expected, url_name):
    client = request.getfixturevalue(persona)
    url = reverse(url_name, args=[campaign.pk]) if url_name == "surveys:blank_form" else reverse(url_name)
    assert client.get(url).status_code == expected


def test_the_waiting_list_runs_a_constant_number_of_queries(as_curator, campaign, curator, django_assert_max_num_queries):
    from surveys import intake

    for number in range(25):
        intake.upload_receive(
            data=filled_ficha(campaign, country_institution=f"Costa Rica – Institución {number}"),
            name=f"{number}.docx",
            by=curator,
            campaign=campaign,
        )
    with django_assert_max_num_queries(12):
        response = as_curator.get(UPLOAD_URL)
    assert response.text.count("/survey/uploads/") >= 25


def test_a_word_ficha_meets_the_online_forms_rules_on_import(campaign, curator):
    """Word import runs every initiative through the online form: an e-mail the form refuses is
    refused from Word too, saying where, and nothing is written."""
    from django.core.exceptions import ValidationError

    from surveys import services
    from surveys.models import Ficha

    parsed = {
        "country": "CR", "institution": "MIDEPLAN", "focal_point": {"name": "Ana", "email": "ana@mideplan.go.cr"},
        "institution_strengths": "", "institution_weaknesses": "", "wants_to_share": True, "warnings": [],
        "initiatives": [{
            "initiative_type": 2, "initiative_type_other": "", "name": "Cosecha de agua", "objectives": "",
            "actors": [], "other_countries": [], "focal_point": {"name": "Luis", "email": "no-es-un-correo"},
            "justification": "", "strengths": [], "challenges": [], "results": [],
        }],
    }
    with pytest.raises(ValidationError) as refused:
        services.ficha_import(parsed=parsed, campaign=campaign, by=curator)
    assert any(message.startswith("Iniciativa 1: ") and "correo" in message.lower() for message in refused.value.messages)
    assert not Ficha.objects.exists()


def test_the_review_runs_as_many_queries_for_three_initiatives_as_for_one(as_focal_cr, campaign, django_assert_max_num_queries):
    def queries_with(initiatives: int) -> list[str]:
        document = blank(campaign)
        for number in range(initiatives):
            answer(document, "Tipo de iniciativa", "1", number)
            answer(document, "Nombre de la iniciativa", f"Acción {number}", number)
            answer(document, "Otros países involucrados", "Guatemala, Panamá", number)
        upload(as_focal_cr, saved(document))
        pending = FichaUpload.objects.get(status="pending")
        with django_assert_max_num_queries(40) as review:
            page = as_focal_cr.get(reverse("surveys:upload_review", args=[pending.pk])).text
        # Read before the next request: the captured queries are a view of a log each request clears.
        queries = [query["sql"] for query in review.captured_queries]
        assert f"Acción {initiatives - 1}" in page and "Panamá" in page
        as_focal_cr.post(reverse("surveys:upload_review", args=[pending.pk]), {"action": "discard"})
        return queries

    one, three = queries_with(1), queries_with(3)
    assert len(three) == len(one), "\n".join(three)
