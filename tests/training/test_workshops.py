"""A workshop round-trips: sessions on each reader's clock, materials stored and served like
uploads, participants invited with calendar events, attendance, an anonymous single-use
satisfaction survey shown from three answers, and the officials trained per country and actor
type in the report."""

import re
from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from registry.choices import ActorType
from registry.models import Country
from training import services
from training.models import Participant, SatisfactionAnswer, SatisfactionInvitation, Workshop

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def workshop(curator):
    return services.workshop_save(workshop=Workshop(title="Alianzas multiactor para nuevos puntos focales", audience="Nuevos puntos focales"),
                                  by=curator, expected_version=None)


def people(workshop, curator):
    rows = [("Ana", "ana@mideplan.go.cr", "CR", ActorType.PUBLIC_SECTOR), ("Luis", "luis@cancilleria.gob.ar", "AR", ActorType.PUBLIC_SECTOR),
            ("Marta", "marta@ong.org", "AR", ActorType.CIVIL_SOCIETY), ("Pedro", "pedro@uni.edu", "CL", ActorType.ACADEMIA)]
    return [services.participant_add(workshop=workshop, name=name, email=email, country=Country.objects.get(pk=code), actor_type=kind,
                                      institution="", by=curator) for name, email, code, kind in rows]


def test_a_workshop_round_trips(workshop, curator, as_curator, as_anonymous, as_analyst, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    starts = timezone.now() + timedelta(days=7)
    session = services.session_add(workshop=workshop, starts_at=starts, duration_minutes=120, title="Conceptos", video_link="", by=curator)
    participants = people(workshop, curator)

    # Invitations carry every session as a calendar event, in UTC.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_send(workshop=workshop, by=curator) == 4
    assert len(mail.outbox) == 4
    name, content, _type = mail.outbox[0].attachments[0]
    content = content.decode() if isinstance(content, bytes) else content
    assert name == "workshop.ics" and "BEGIN:VEVENT" in content and "METHOD:REQUEST" in content
    assert f"DTSTART:{starts.astimezone(UTC).strftime('%Y%m%dT%H%M%S')}Z" in content
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_send(workshop=workshop, by=curator) == 0  # each is invited once

    # Three of four attend; the survey goes to them only.
    services.attendance_set(session=session, participant_ids=[p.pk for p in participants[:3]], by=curator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.survey_send(workshop=workshop, by=curator) == 3
    links = [re.search(r"(/training/answer/[^/\s]+/)", message.body).group(1) for message in mail.outbox]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in participants[:3])
    # The invitations name nobody: no participant, no address in them.
    assert {field.name for field in SatisfactionInvitation._meta.get_fields()} == {"id", "workshop", "token_hash", "used"}
    assert {field.name for field in SatisfactionAnswer._meta.get_fields()} == {"id", "workshop", "overall", "usefulness", "comment"}

    for number, link in enumerate(links[:2]):
        assert as_anonymous.post(link, {"overall": "5", "usefulness": str(4 - number), "comment": "Muy útil"}).status_code == 200
    assert as_anonymous.post(links[0], {"overall": "1", "usefulness": "1"}).status_code == 410  # single use
    page = as_curator.get(reverse("training:workshop_detail", args=[workshop.pk])).text
    assert "data-results" not in page  # two answers: hidden
    as_anonymous.post(links[2], {"overall": "4", "usefulness": "5"})
    page = as_curator.get(reverse("training:workshop_detail", args=[workshop.pk])).text
    assert "3 respuestas: 4,7 en general" in page or "3 respuestas: 4.7 en general" in page

    # The report counts who attended, by country and actor type; no name reaches the analyst.
    report = as_analyst.get(reverse("training:trained_report")).text
    assert re.search(r"Argentina</th><td>2<", report) and re.search(r"Costa Rica</th><td>1<", report) and "Chile" not in report
    assert re.search(r"Sector público</th><td>2<", report) and "Ana" not in report and "ana@mideplan.go.cr" not in report


def test_materials_are_checked_stored_and_served_as_attachments(workshop, curator, as_curator, as_focal_cr, as_analyst, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("training:workshop_detail", args=[workshop.pk])
    bad = as_curator.post(url, {"action": "material", "title": "Virus", "file": _upload("virus.pdf", b"MZ\x90\x00")}, follow=True)
    assert "no es un PDF" in bad.text and not workshop.materials.exists()
    as_curator.post(url, {"action": "material", "title": "Guía", "description": "Qué es una alianza multiactor", "file": _upload("guia.pdf", PDF)})
    material = workshop.materials.get()
    # The glossary's terms in a material's description link to their definitions.
    assert re.search(r'<a class="term" href="[^"]*glossary[^"]*#[^"]+"[^>]*>alianza multiactor</a>', as_focal_cr.get(url).text)
    download = as_focal_cr.get(reverse("training:material_download", args=[workshop.pk, material.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"] and b"".join(download.streaming_content) == PDF
    assert as_analyst.get(reverse("training:material_download", args=[workshop.pk, material.pk])).status_code == 403


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_participants_are_for_the_technical_unit_only(workshop, curator, as_focal_cr):
    people(workshop, curator)
    page = as_focal_cr.get(reverse("training:workshop_detail", args=[workshop.pk])).text
    assert "ana@mideplan.go.cr" not in page and workshop.title in page
    assert as_focal_cr.post(reverse("training:workshop_detail", args=[workshop.pk]), {"action": "invite"}).status_code == 403


def test_the_same_person_cannot_be_added_twice_and_the_survey_needs_attendance(workshop, curator):
    people(workshop, curator)
    with pytest.raises(Exception, match="ya es participante|already"):
        services.participant_add(workshop=workshop, name="Ana", email="ANA@mideplan.go.cr", country=Country.objects.get(pk="CR"),
                                 actor_type=ActorType.PUBLIC_SECTOR, institution="", by=curator)
    with pytest.raises(Exception, match="asistió|attended"):
        services.survey_send(workshop=workshop, by=curator)
    assert Participant.objects.count() == 4


def test_the_survey_is_sent_once_so_nobody_answers_twice(workshop, curator, django_capture_on_commit_callbacks):
    session = services.session_add(workshop=workshop, starts_at=timezone.now(), duration_minutes=60, title="", video_link="", by=curator)
    services.attendance_set(session=session, participant_ids=[p.pk for p in people(workshop, curator)], by=curator)
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_send(workshop=workshop, by=curator)
    with pytest.raises(Exception, match="ya llegó|already"):
        services.survey_send(workshop=workshop, by=curator)
    assert SatisfactionInvitation.objects.count() == 4


def test_who_attends_later_gets_the_survey_in_a_round_of_their_own_and_nobody_twice(workshop, curator, django_capture_on_commit_callbacks):
    session = services.session_add(workshop=workshop, starts_at=timezone.now(), duration_minutes=60, title="", video_link="", by=curator)
    participants = people(workshop, curator)
    services.attendance_set(session=session, participant_ids=[participants[0].pk], by=curator)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.survey_send(workshop=workshop, by=curator) == 1
    services.attendance_set(session=session, participant_ids=[p.pk for p in participants[:2]], by=curator)
    # One late attendee alone would be told apart on the results page: they wait for others.
    with pytest.raises(Exception, match="1 persona que asistió|at least 3"):
        services.survey_send(workshop=workshop, by=curator)
    services.attendance_set(session=session, participant_ids=[p.pk for p in participants], by=curator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.survey_send(workshop=workshop, by=curator) == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in participants[1:])
    assert SatisfactionInvitation.objects.count() == 4


def test_a_survey_the_mail_server_refuses_is_withdrawn_and_tried_again(workshop, curator, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.mail import EmailMessage

    session = services.session_add(workshop=workshop, starts_at=timezone.now(), duration_minutes=60, title="", video_link="", by=curator)
    participants = people(workshop, curator)
    services.attendance_set(session=session, participant_ids=[p.pk for p in participants], by=curator)
    refused = {p.email for p in participants[1:]}
    real_send = EmailMessage.send

    def refuse_three(message, *args, **kwargs):
        if message.to[0] in refused:
            raise OSError("connection refused")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_three)
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_send(workshop=workshop, by=curator)
    assert [message.to for message in mail.outbox] == [[participants[0].email]]
    # The links nobody received are gone; the one delivered still works.
    assert SatisfactionInvitation.objects.count() == 1
    assert set(Participant.objects.filter(surveyed_at__isnull=True).values_list("email", flat=True)) == refused
    monkeypatch.setattr(EmailMessage, "send", real_send)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.survey_send(workshop=workshop, by=curator) == 3
    assert {message.to[0] for message in mail.outbox[1:]} == refused and SatisfactionInvitation.objects.count() == 4


def test_a_change_must_say_which_version_it_read(workshop, as_curator):
    response = as_curator.post(reverse("training:workshop_edit", args=[workshop.pk]), {"title": "Otro título"})
    assert response.status_code == 200
    workshop.refresh_from_db()
    assert workshop.title != "Otro título"


def test_an_invitation_the_mail_server_refuses_is_tried_again(workshop, curator, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.mail import EmailMessage

    services.session_add(workshop=workshop, starts_at=timezone.now(), duration_minutes=60, title="", video_link="", by=curator)
    people(workshop, curator)
    real_send = EmailMessage.send

    def refuse_luis(message, *args, **kwargs):
        if message.to == ["luis@cancilleria.gob.ar"]:
            raise OSError("connection refused")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_luis)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(workshop=workshop, by=curator)
    assert len(mail.outbox) == 3
    assert list(Participant.objects.filter(invited_at__isnull=True).values_list("email", flat=True)) == ["luis@cancilleria.gob.ar"]
    monkeypatch.setattr(EmailMessage, "send", real_send)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_send(workshop=workshop, by=curator) == 1
    assert mail.outbox[-1].to == ["luis@cancilleria.gob.ar"]
