"""The dialogue pages for each persona: who sees which dialogue, who schedules, who marks interest,
and what the public sees once a dialogue is held."""

import pytest
from django.core import mail
from django.urls import reverse

from dialogues import services
from dialogues.models import Dialogue, Interest, Seminar
from tests.dialogues.conftest import utc
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


def detail_url(dialogue):
    return reverse("dialogues:dialogue_detail", args=[dialogue.pk])


@pytest.fixture
def focal_uy(django_user_model):
    from registry.choices import Role
    from tests.conftest import _user

    return _user(django_user_model, "focal_uy", Role.FOCAL_POINT, institution_for("UY"))


@pytest.fixture
def as_focal_uy(focal_uy):
    from tests.conftest import client_for

    return client_for(focal_uy)


def held(dialogue, curator):
    services.dialogue_schedule(dialogue=dialogue, starts_at=utc(2026, 3, 10, 14), duration_minutes=90, video_link="", by=curator)
    services.dialogue_mark_held(dialogue=dialogue, by=curator, now=utc(2026, 3, 11))
    Dialogue.objects.filter(pk=dialogue.pk).update(
        main_results="Se acordó un intercambio de técnicos.", facilitator_notes="Nota interna del facilitador", focus=["results"]
    )


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("as_anonymous", 404), ("as_analyst", 404), ("as_focal_uy", 404), ("as_focal_ar", 200), ("as_focal_cr", 200), ("as_curator", 200)],
)
def test_a_planned_dialogue_is_seen_by_its_countries_and_the_technical_unit(request, dialogue, persona, expected):
    assert request.getfixturevalue(persona).get(detail_url(dialogue)).status_code == expected


def test_a_held_dialogue_is_public_without_its_internal_record(as_anonymous, as_focal_ar, dialogue, curator):
    held(dialogue, curator)
    public = as_anonymous.get(detail_url(dialogue)).text
    assert "Se acordó un intercambio de técnicos." in public and "Resultados" in public
    assert "Nota interna del facilitador" not in public and "lucia@" not in public and "Lucía Gómez" not in public
    assert "Nota interna del facilitador" in as_focal_ar.get(detail_url(dialogue)).text
    assert dialogue.title in as_anonymous.get(reverse("dialogues:dialogue_list")).text


def test_a_held_dialogue_stays_private_when_a_country_did_not_agree_to_share(as_anonymous, dialogue, curator, costa_rica):
    dialogue.initiatives.add(make_initiative(institution=costa_rica, wants_to_share=False))
    held(dialogue, curator)
    assert as_anonymous.get(detail_url(dialogue)).status_code == 404


def test_each_person_reads_the_time_on_their_clock_with_every_countrys_alongside(as_focal_ar, dialogue, curator):
    services.dialogue_schedule(dialogue=dialogue, starts_at=utc(2026, 3, 30, 15), duration_minutes=90, video_link="", by=curator)
    page = as_focal_ar.get(detail_url(dialogue)).text
    assert "America/Argentina/Buenos_Aires" in page and "12:00" in page  # Buenos Aires
    assert "17:00" in page and "09:00" in page  # Madrid (summer time) and San José


@pytest.mark.parametrize(("persona", "expected"), [("as_anonymous", 302), ("as_analyst", 403), ("as_focal_cr", 403)])
def test_only_the_technical_unit_schedules_and_changes_status(request, dialogue, persona, expected):
    client = request.getfixturevalue(persona)
    schedule = client.post(reverse("dialogues:dialogue_schedule", args=[dialogue.pk]), {"starts_at": "2026-03-10T10:00", "duration_minutes": "60"})
    status = client.post(reverse("dialogues:dialogue_status", args=[dialogue.pk]), {"action": "cancel", "reason": "x"})
    assert (schedule.status_code, status.status_code) == (expected, expected)
    dialogue.refresh_from_db()
    assert dialogue.status == "proposed"


def test_scheduling_outside_working_hours_asks_for_confirmation(as_curator, curator, dialogue, django_capture_on_commit_callbacks):
    curator.time_zone = "UTC"
    curator.save()
    url = reverse("dialogues:dialogue_schedule", args=[dialogue.pk])
    data = {"starts_at": "2026-03-10T18:00", "duration_minutes": "90", "video_link": "https://meet.example.org/x"}
    first = as_curator.post(url, data)
    assert "fuera de 08:00–19:00" in first.text and "Programarlo de todos modos" in first.text
    top = first.text.split('<ul class="messages">', 1)[1].split("</ul>", 1)[0]
    assert "todavía no se programó" in top and "fuera de 08:00–19:00" in top
    assert "En su zona horaria: UTC." in first.text
    dialogue.refresh_from_db()
    assert dialogue.status == "proposed" and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        as_curator.post(url, {**data, "accept_warnings": "on"})
    dialogue.refresh_from_db()
    assert dialogue.status == "scheduled" and dialogue.starts_at == utc(2026, 3, 10, 18) and len(mail.outbox) == 1


def test_every_slot_and_time_field_names_its_time_zone(as_curator, curator, dialogue):
    curator.time_zone = "America/Lima"
    curator.save()
    dialogue.slots.create(starts_at=utc(2026, 3, 10, 14))
    page = as_curator.get(detail_url(dialogue)).text
    assert "Turno (America/Lima)" in page and "2026-03-10 09:00 (America/Lima)" in page
    assert "En su zona horaria: America/Lima." in page
    admin = as_curator.get(reverse("admin:dialogues_dialogue_change", args=[dialogue.pk])).text
    assert "En su zona horaria: America/Lima." in admin


def test_a_proposed_slot_can_be_chosen(as_curator, dialogue):
    slot = dialogue.slots.create(starts_at=utc(2026, 3, 10, 14))
    page = as_curator.get(detail_url(dialogue)).text
    assert "Turnos propuestos" in page
    as_curator.post(reverse("dialogues:dialogue_schedule", args=[dialogue.pk]), {"slot": slot.starts_at.isoformat(), "duration_minutes": "60"})
    dialogue.refresh_from_db()
    assert dialogue.starts_at == slot.starts_at and dialogue.duration_minutes == 60


def test_cancelling_from_the_page_without_a_reason_is_refused_with_a_message(as_curator, dialogue):
    response = as_curator.post(reverse("dialogues:dialogue_status", args=[dialogue.pk]), {"action": "cancel", "reason": ""}, follow=True)
    assert "Indique por qué se cancela el diálogo." in response.text
    dialogue.refresh_from_db()
    assert dialogue.status == "proposed"


def test_a_focal_point_marks_interest_from_the_initiative_page(as_focal_ar, focal_ar, cr_initiative):
    url = reverse("registry:initiative_detail", args=[cr_initiative.pk])
    assert "Mi institución está interesada" in as_focal_ar.get(url).text
    response = as_focal_ar.post(reverse("dialogues:interest", args=[cr_initiative.pk]), {"question": "¿Costos?"}, follow=True)
    assert "Se registró su interés" in response.text and "Retirar el interés" in response.text
    assert Interest.objects.get().question == "¿Costos?"
    as_focal_ar.post(reverse("dialogues:interest", args=[cr_initiative.pk]), {"action": "withdraw"})
    assert not Interest.objects.exists()


@pytest.mark.parametrize(("persona", "expected"), [("as_anonymous", 302), ("as_analyst", 403), ("as_curator", 403)])
def test_only_focal_points_mark_interest(request, cr_initiative, persona, expected):
    response = request.getfixturevalue(persona).post(reverse("dialogues:interest", args=[cr_initiative.pk]), {})
    assert response.status_code == expected and not Interest.objects.exists()


def test_the_interest_box_is_not_offered_on_ones_own_or_unshared_initiatives(as_focal_cr, as_focal_ar, cr_initiative, argentina):
    assert "Mi institución está interesada" not in as_focal_cr.get(reverse("registry:initiative_detail", args=[cr_initiative.pk])).text
    private = make_initiative(institution=institution_for("CR"), wants_to_share=False)
    assert "Mi institución está interesada" not in as_focal_ar.get(reverse("registry:initiative_detail", args=[private.pk])).text


@pytest.mark.parametrize(("persona", "expected"), [("as_anonymous", 302), ("as_analyst", 403), ("as_focal_cr", 403), ("as_curator", 200)])
def test_the_candidates_page_is_for_the_technical_unit(request, persona, expected):
    assert request.getfixturevalue(persona).get(reverse("dialogues:candidates")).status_code == expected


def test_the_candidates_page_shows_counts_and_bilateral_matches(as_curator, focal_cr, focal_ar, cr_initiative, ar_initiative):
    services.interest_mark(initiative=cr_initiative, by=focal_ar, question="¿Cómo miden?")
    services.interest_mark(initiative=ar_initiative, by=focal_cr)
    page = as_curator.get(reverse("dialogues:candidates")).text
    assert "¿Cómo miden?" in page and "Argentina ↔ Costa Rica" in page


def test_seminars_are_public_only_when_marked_so(as_anonymous, as_curator):
    seminar = Seminar.objects.create(title="Panel de actores no estatales", starts_at=utc(2025, 6, 3, 15), attendance_peak=90, attendance_minimum=60)
    url = reverse("dialogues:seminar_detail", args=[seminar.pk])
    assert as_anonymous.get(url).status_code == 404 and as_curator.get(url).status_code == 200
    Seminar.objects.filter(pk=seminar.pk).update(is_public=True)
    assert "90" in as_anonymous.get(url).text


def test_the_list_runs_a_constant_number_of_queries(as_curator, cr_initiative, django_assert_max_num_queries):
    for number in range(30):
        dialogue = Dialogue.objects.create(title=f"Diálogo {number}")
        dialogue.initiatives.add(cr_initiative)
    with django_assert_max_num_queries(14):
        response = as_curator.get(reverse("dialogues:dialogue_list"))
    assert response.text.count("Diálogo ") >= 30


def test_a_person_sets_their_time_zone(client, focal_cr):
    client.force_login(focal_cr)
    client.post(reverse("accounts:profile"), {"first_name": "Ana", "last_name": "Solano", "email": "ana@mideplan.go.cr", "time_zone": "Europe/Lisbon"})
    focal_cr.refresh_from_db()
    assert focal_cr.time_zone == "Europe/Lisbon"
    assert "Europe/Lisbon" in client.get(reverse("accounts:profile")).text


def test_the_technical_unit_sees_what_held_dialogues_focused_on(as_curator, dialogue, curator):
    held(dialogue, curator)
    assert "Resultados: 1" in as_curator.get(reverse("dialogues:dialogue_list")).text


@pytest.mark.parametrize(
    "url_name", ["admin:dialogues_dialogue_add", "admin:dialogues_seminar_add", "admin:dialogues_interest_changelist"]
)
def test_the_admin_screens_open_for_the_technical_unit(as_curator, url_name):
    assert as_curator.get(reverse(url_name)).status_code == 200


def test_the_dialogue_admin_change_page_opens(as_curator, dialogue):
    assert as_curator.get(reverse("admin:dialogues_dialogue_change", args=[dialogue.pk])).status_code == 200


def test_a_concept_note_is_checked_and_served_only_as_a_download(as_anonymous, settings, tmp_path):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    seminar = Seminar(title="Panel", starts_at=utc(2025, 6, 3, 15), is_public=True)
    seminar.concept_note = SimpleUploadedFile("nota.html", b"<script>alert(1)</script>")
    with pytest.raises(ValidationError):
        seminar.full_clean()
    seminar.concept_note = SimpleUploadedFile("nota.pdf", b"%PDF-1.4 nota")
    seminar.full_clean()
    seminar.save()
    response = as_anonymous.get(reverse("dialogues:seminar_concept_note", args=[seminar.pk]))
    assert response["Content-Disposition"].startswith("attachment") and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 nota"


def test_a_stale_dialogue_admin_page_is_refused_after_a_reschedule(as_curator, dialogue, curator):
    """The curator opened the dialogue's admin page; meanwhile it was scheduled from its page."""
    import re

    page = as_curator.get(reverse("admin:dialogues_dialogue_change", args=[dialogue.pk])).text
    seen = re.search(r'name="seen_version" value="(\d+)"', page).group(1)
    held(dialogue, curator)
    form = {
        "title": "Título cambiado", "format": dialogue.format, "initiatives": [i.pk for i in dialogue.initiatives.all()],
        "duration_minutes": "90", "agenda": "", "video_link": "", "main_results": "", "questions_asked": "",
        "facilitator_notes": "", "seen_version": seen,
        **{f"{prefix}-{key}": value for prefix in ("slots", "invitees", "attendances", "follow_ups")
           for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
    }
    response = as_curator.post(reverse("admin:dialogues_dialogue_change", args=[dialogue.pk]), form)
    assert response.status_code == 200 and "Alguien guardó este registro" in response.text
    dialogue.refresh_from_db()
    assert dialogue.title != "Título cambiado"


def admin_form(dialogue, seen, **changes) -> dict:
    return {
        "title": dialogue.title, "format": dialogue.format, "initiatives": [i.pk for i in dialogue.initiatives.all()],
        "duration_minutes": "90", "agenda": "", "video_link": "", "main_results": "", "questions_asked": "",
        "facilitator_notes": "", "seen_version": seen,
        **{f"{prefix}-{key}": value for prefix in ("slots", "invitees", "attendances", "follow_ups")
           for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
        **changes,
    }


def test_the_dialogue_admin_writes_through_the_service_with_its_rows(as_curator, dialogue):
    from registry.models import AuditEntry

    before = dialogue.version
    form = admin_form(
        dialogue, before, main_results="Acuerdo de pasantías",
        **{"follow_ups-TOTAL_FORMS": "1", "follow_ups-0-description": "Enviar el reglamento", "follow_ups-0-owner": "AGCID"},
    )
    response = as_curator.post(reverse("admin:dialogues_dialogue_change", args=[dialogue.pk]), form)
    assert response.status_code == 302, response.text
    dialogue.refresh_from_db()
    assert dialogue.version == before + 1 and dialogue.main_results == "Acuerdo de pasantías"
    assert [action.description for action in dialogue.follow_ups.all()] == ["Enviar el reglamento"]
    [entry] = AuditEntry.objects.filter(object_id=str(dialogue.pk), content_type__model="dialogue", action="update")
    assert entry.changes["main_results"] == ["", "Acuerdo de pasantías"]


def test_saving_a_dialogue_keeps_the_status_the_workflow_gave_it(dialogue, curator, focal_uy):
    from django.core.exceptions import PermissionDenied

    from registry.services import EditConflict

    page = Dialogue.objects.get(pk=dialogue.pk)  # what an editor read before it was held
    held(dialogue, curator)
    fresh = Dialogue.objects.get(pk=dialogue.pk)
    with pytest.raises(EditConflict):
        services.dialogue_save(dialogue=page, by=curator, expected_version=page.version)
    with pytest.raises(PermissionDenied):
        services.dialogue_save(dialogue=fresh, by=focal_uy, expected_version=fresh.version)
    page.title = "Título nuevo"
    services.dialogue_save(dialogue=page, by=curator, expected_version=fresh.version)
    saved = Dialogue.objects.get(pk=dialogue.pk)
    assert saved.title == "Título nuevo" and saved.status == fresh.status and saved.starts_at == fresh.starts_at
