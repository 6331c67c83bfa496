import io

import pytest
from django.core import mail
from django.urls import reverse
from docx import Document

from registry.choices import Status
from registry.models import Initiative
from surveys.models import Ficha, FichaStatus
from tests.factories import make_initiative
from tests.surveys.conftest import block_post, initiative_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled_ficha(as_focal_cr, focal_cr, cr_ficha):
    focal_cr.email = "ana@mideplan.go.cr"
    focal_cr.save()
    as_focal_cr.post(reverse("surveys:ficha_detail", args=[cr_ficha.pk]), block_post(version=1))
    as_focal_cr.post(reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk]), initiative_post())
    as_focal_cr.post(
        reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk]),
        initiative_post(name="Restauración de arrecifes de coral", **{"countries-0-country": "DO"}),
    )
    cr_ficha.refresh_from_db()
    return cr_ficha


def submit(client, ficha):
    return client.post(reverse("surveys:ficha_submit", args=[ficha.pk]), follow=True)


def review(client, ficha, **data):
    return client.post(reverse("surveys:ficha_review", args=[ficha.pk]), data, follow=True)


def test_an_incomplete_ficha_cannot_be_submitted_and_says_what_is_missing(as_focal_cr, cr_ficha):
    confirm = as_focal_cr.get(reverse("surveys:ficha_submit", args=[cr_ficha.pk]))
    assert "Al menos una iniciativa" in confirm.text
    response = submit(as_focal_cr, cr_ficha)
    assert "todavía no se puede enviar" in response.text
    cr_ficha.refresh_from_db()
    assert cr_ficha.status == FichaStatus.DRAFT
    assert mail.outbox == []


def test_submitting_freezes_the_ficha_records_who_and_emails_a_receipt(
    as_focal_cr, focal_cr, filled_ficha, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(as_focal_cr, filled_ficha)
    assert "Ficha enviada" in response.text
    filled_ficha.refresh_from_db()
    assert filled_ficha.status == FichaStatus.SUBMITTED
    assert filled_ficha.submitted_by == focal_cr and filled_ficha.submitted_at
    assert set(filled_ficha.initiatives.values_list("status", flat=True)) == {Status.SUBMITTED}
    assert set(filled_ficha.initiatives.values_list("wants_to_share", flat=True)) == {True}
    [receipt] = mail.outbox
    assert receipt.to == ["ana@mideplan.go.cr"]
    assert "Relevamiento 2024" in receipt.subject
    [(filename, content, _mime)] = receipt.attachments
    assert filename.endswith(".docx") and b"word/document.xml" in content
    # Frozen: further edits are refused and change nothing.
    as_focal_cr.post(reverse("surveys:ficha_detail", args=[filled_ficha.pk]), block_post(version=filled_ficha.version, institutional_strengths="Cambio tardío"))
    filled_ficha.refresh_from_db()
    assert filled_ficha.institutional_strengths == "Mesa multiactor activa"


def test_no_receipt_is_sent_when_the_submission_fails(as_focal_cr, filled_ficha, django_capture_on_commit_callbacks):
    Ficha.objects.filter(pk=filled_ficha.pk).update(institutional_weaknesses="")
    with django_capture_on_commit_callbacks(execute=True):
        submit(as_focal_cr, filled_ficha)
    assert mail.outbox == []


def test_the_submission_downloads_as_a_word_document(as_focal_cr, as_focal_ar, filled_ficha):
    url = reverse("surveys:ficha_download", args=[filled_ficha.pk])
    response = as_focal_cr.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(
        cell.text for table in Document(io.BytesIO(response.content)).tables for row in table.rows for cell in row.cells
    )
    for expected in ["Mesa multiactor activa", "Siembra y Cosecha de Agua", "Universidad EARTH – Academia", "Guatemala (Receptor)"]:
        assert expected in text
    assert as_focal_ar.get(url).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"), [("as_anonymous", 302), ("as_analyst", 403), ("as_focal_ar", 403), ("as_focal_cr", 403), ("as_curator", 200)]
)
def test_only_the_technical_unit_opens_the_review_page(request, persona, status, cr_ficha):
    assert request.getfixturevalue(persona).get(reverse("surveys:ficha_review", args=[cr_ficha.pk])).status_code == status


def test_the_curator_returns_the_ficha_and_the_focal_points_can_edit_and_resubmit(
    as_focal_cr, as_curator, filled_ficha, django_capture_on_commit_callbacks
):
    submit(as_focal_cr, filled_ficha)
    with django_capture_on_commit_callbacks(execute=True):
        review(as_curator, filled_ficha, action="return", comment="Agregue los resultados del segundo año.")
    filled_ficha.refresh_from_db()
    assert filled_ficha.status == FichaStatus.RETURNED
    assert set(filled_ficha.initiatives.values_list("status", flat=True)) == {Status.RETURNED}
    assert "Agregue los resultados del segundo año." in mail.outbox[-1].body
    page = as_focal_cr.get(reverse("surveys:ficha_detail", args=[filled_ficha.pk])).text
    assert "Agregue los resultados del segundo año." in page and "Guardar borrador" in page

    initiative = filled_ficha.initiatives.order_by("pk").first()
    as_focal_cr.post(
        reverse("surveys:ficha_initiative_edit", args=[filled_ficha.pk, initiative.pk]),
        initiative_post(version=initiative.version, results="Mil familias\nSegundo año: dos mil"),
    )
    submit(as_focal_cr, filled_ficha)
    filled_ficha.refresh_from_db()
    assert filled_ficha.status == FichaStatus.SUBMITTED
    initiative.refresh_from_db()
    assert initiative.results == ["Mil familias", "Segundo año: dos mil"] and initiative.status == Status.SUBMITTED


def test_returning_needs_comments(as_focal_cr, as_curator, filled_ficha):
    submit(as_focal_cr, filled_ficha)
    response = review(as_curator, filled_ficha, action="return", comment="  ")
    assert "Este campo es requerido" in response.text
    filled_ficha.refresh_from_db()
    assert filled_ficha.status == FichaStatus.SUBMITTED


def test_the_curator_accepts_initiatives_one_by_one_and_they_reach_the_catalog(as_focal_cr, as_curator, as_anonymous, filled_ficha):
    submit(as_focal_cr, filled_ficha)
    first, second = filled_ficha.initiatives.order_by("pk")
    review(as_curator, filled_ficha, initiative=first.pk, decision="publish", reason="")
    filled_ficha.refresh_from_db()
    assert filled_ficha.status == FichaStatus.SUBMITTED
    review(as_curator, filled_ficha, initiative=second.pk, decision="review", reason="")
    filled_ficha.refresh_from_db()
    assert filled_ficha.status == FichaStatus.REVIEWED
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.PUBLISHED, Status.IN_REVIEW)
    assert filled_ficha.reports(first)
    catalog = as_anonymous.get(reverse("registry:initiative_list")).text
    assert first.name in catalog and second.name not in catalog


def test_rejecting_an_initiative_needs_a_reason(as_focal_cr, as_curator, filled_ficha):
    submit(as_focal_cr, filled_ficha)
    initiative = filled_ficha.initiatives.order_by("pk").first()
    response = review(as_curator, filled_ficha, initiative=initiative.pk, decision="reject", reason="")
    assert "Escriba el motivo para rechazar la iniciativa" in response.text
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    review(as_curator, filled_ficha, initiative=initiative.pk, decision="reject", reason="No es una alianza")
    initiative.refresh_from_db()
    assert initiative.status == Status.REJECTED and initiative.status_reason == "No es una alianza"


def test_a_decision_cannot_target_another_fichas_initiative(as_curator, as_focal_cr, filled_ficha):
    submit(as_focal_cr, filled_ficha)
    stranger = make_initiative(status=Status.SUBMITTED)
    response = review(as_curator, filled_ficha, initiative=stranger.pk, decision="publish", reason="")
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.status == Status.SUBMITTED


def test_possible_duplicates_in_the_registry_are_flagged(as_curator, as_focal_cr, filled_ficha):
    existing = make_initiative(institution=filled_ficha.institution, name="Siembra y cosecha de agua (fase 1)")
    make_initiative(institution=filled_ficha.institution, name="Turismo rural comunitario")
    submit(as_focal_cr, filled_ficha)
    page = as_curator.get(reverse("surveys:ficha_review", args=[filled_ficha.pk])).text
    assert "Posibles duplicados" in page
    assert reverse("registry:initiative_detail", args=[existing.pk]) in page
    assert "Turismo rural comunitario" not in page


def test_the_review_page_shows_the_suggested_classification(as_curator, as_focal_cr, filled_ficha):
    submit(as_focal_cr, filled_ficha)
    page = as_curator.get(reverse("surveys:ficha_review", args=[filled_ficha.pk])).text
    assert "Clasificación sugerida" in page and "Alianza multiactor" in page
    assert Initiative.objects.filter(fichas=filled_ficha).count() == 2


def test_merging_a_duplicate_updates_the_existing_initiative_and_keeps_its_history(as_curator, as_focal_cr, filled_ficha):
    from registry.models import AuditEntry

    existing = make_initiative(institution=filled_ficha.institution, name="Siembra y cosecha de agua (fase 1)")
    submit(as_focal_cr, filled_ficha)
    duplicate = filled_ficha.initiatives.get(name="Siembra y Cosecha de Agua")
    response = review(as_curator, filled_ficha, action="merge", initiative=duplicate.pk, into=existing.pk)
    assert "se fusionó con la iniciativa existente" in response.text
    existing.refresh_from_db()
    assert existing.name == "Siembra y Cosecha de Agua" and filled_ficha.reports(existing)
    assert existing.status == Status.PUBLISHED
    assert {p.organization.name for p in existing.participations.all()} == {"Ministerio de Agricultura y Ganadería", "Universidad EARTH"}
    assert not Initiative.objects.filter(pk=duplicate.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(duplicate.pk), action="delete").exists()
    assert AuditEntry.objects.filter(object_id=str(existing.pk), action="update").exists()


def test_merging_into_another_countrys_initiative_is_refused(as_curator, as_focal_cr, filled_ficha):
    foreign = make_initiative(name="Siembra y Cosecha de Agua")
    from tests.factories import institution_for

    Initiative.objects.filter(pk=foreign.pk).update(institution=institution_for("AR"))
    submit(as_focal_cr, filled_ficha)
    duplicate = filled_ficha.initiatives.get(name="Siembra y Cosecha de Agua")
    response = review(as_curator, filled_ficha, action="merge", initiative=duplicate.pk, into=foreign.pk)
    assert "solo se puede fusionar" in response.text
    assert Initiative.objects.filter(pk=duplicate.pk, status=Status.SUBMITTED).exists()


def test_a_fichas_status_moves_only_along_its_table(cr_ficha):
    from django.core.exceptions import ValidationError

    from surveys.models import FICHA_TRANSITIONS

    assert FICHA_TRANSITIONS[FichaStatus.DRAFT] == {FichaStatus.SUBMITTED}
    version = cr_ficha.version
    with pytest.raises(ValidationError, match="no puede pasar"):
        cr_ficha.transition_to(FichaStatus.REVIEWED)
    assert cr_ficha.status == FichaStatus.DRAFT and cr_ficha.version == version
    assert cr_ficha.transition_to(FichaStatus.SUBMITTED) == FichaStatus.DRAFT
    assert cr_ficha.version == version + 1


def test_no_decision_is_preselected_and_the_card_shows_what_the_initiative_is(as_focal_cr, as_curator, filled_ficha):
    submit(as_focal_cr, filled_ficha)
    initiative = filled_ficha.initiatives.order_by("pk").first()
    page = as_curator.get(reverse("surveys:ficha_review", args=[filled_ficha.pk])).text
    assert '<option value="" selected>' in page and 'value="publish" selected' not in page
    assert initiative.objectives[:40] in page and initiative.justification[:40] in page
    response = review(as_curator, filled_ficha, initiative=initiative.pk, decision="", reason="")
    assert "Elija primero una decisión" in response.text
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED


def test_returning_can_comment_one_initiative_besides_the_whole_ficha(as_focal_cr, as_curator, filled_ficha):
    submit(as_focal_cr, filled_ficha)
    first, second = filled_ficha.initiatives.order_by("pk")
    review(as_curator, filled_ficha, action="return", comment="Revisen la ficha.", **{f"comment-{first.pk}": "Faltan los resultados."})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status_reason == "Faltan los resultados." and second.status_reason == "Revisen la ficha."
    page = as_focal_cr.get(reverse("surveys:ficha_detail", args=[filled_ficha.pk])).text
    assert "Faltan los resultados." in page and "Revisen la ficha." in page


def test_a_published_initiative_merged_into_a_returned_ficha_is_neither_resubmitted_nor_deleted(as_curator, as_focal_cr, filled_ficha):
    existing = make_initiative(institution=filled_ficha.institution, name="Siembra y cosecha de agua (fase 1)")
    submit(as_focal_cr, filled_ficha)
    duplicate = filled_ficha.initiatives.get(name="Siembra y Cosecha de Agua")
    review(as_curator, filled_ficha, action="merge", initiative=duplicate.pk, into=existing.pk)
    review(as_curator, filled_ficha, action="return", comment="Revisen la segunda.")
    filled_ficha.refresh_from_db()
    assert filled_ficha.status == FichaStatus.RETURNED
    # Removing it from the returned ficha unlinks it; it stays published in the registry.
    as_focal_cr.post(reverse("surveys:ficha_initiative_delete", args=[filled_ficha.pk, existing.pk]))
    existing.refresh_from_db()
    assert existing.status == Status.PUBLISHED and not filled_ficha.reports(existing)
    filled_ficha.initiatives.add(existing)  # and if it stays on the ficha, resubmitting leaves it as it is
    submit(as_focal_cr, filled_ficha)
    filled_ficha.refresh_from_db()
    existing.refresh_from_db()
    assert filled_ficha.status == FichaStatus.SUBMITTED and existing.status == Status.PUBLISHED
