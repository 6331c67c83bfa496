"""Scheduling a dialogue: warnings before choosing a time, the legal moves of its status, and the
calendar invitations that follow it (parsed back with the same library)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from icalendar import Calendar

from dialogues import services
from dialogues.calendar import dialogue_calendar, event_uid
from dialogues.models import Dialogue
from registry.models import InvalidTransition
from tests.dialogues.conftest import utc

pytestmark = pytest.mark.django_db


def schedule(dialogue, curator, when, minutes=90, django_capture_on_commit_callbacks=None):
    return services.dialogue_schedule(
        dialogue=dialogue, starts_at=when, duration_minutes=minutes, video_link="https://meet.example.org/abc", by=curator
    )


def test_a_slot_outside_working_hours_somewhere_is_warned(dialogue):
    # 14:00 UTC in March: Costa Rica 08:00, Argentina 11:00, Spain 15:00: fine everywhere.
    assert services.scheduling_warnings(dialogue=dialogue, starts_at=utc(2026, 3, 10, 14, 0), duration_minutes=90) == []
    # 17:30 UTC: Spain 18:30 to 20:00 runs past 19:00.
    warnings = services.scheduling_warnings(dialogue=dialogue, starts_at=utc(2026, 3, 10, 17, 30), duration_minutes=90)
    assert len(warnings) == 1 and "España" in warnings[0] and "18:30" in warnings[0] and "20:00" in warnings[0]
    # 12:00 UTC: Costa Rica 06:00, before its working day.
    early = services.scheduling_warnings(dialogue=dialogue, starts_at=utc(2026, 3, 10, 12, 0), duration_minutes=60)
    assert any("Costa Rica" in warning and "06:00" in warning for warning in early)


def test_a_facilitator_already_in_another_dialogue_is_warned(dialogue, curator, cr_initiative):
    other = Dialogue.objects.create(title="Diálogo sobre huertas")
    other.initiatives.add(cr_initiative)
    other.facilitators.add(curator)
    schedule(other, curator, utc(2026, 3, 10, 14, 0), minutes=120)
    clash = services.scheduling_warnings(dialogue=dialogue, starts_at=utc(2026, 3, 10, 15, 0), duration_minutes=60)
    assert any("Diálogo sobre huertas" in warning for warning in clash)
    after = services.scheduling_warnings(dialogue=dialogue, starts_at=utc(2026, 3, 10, 16, 0), duration_minutes=60)
    assert not any("Diálogo sobre huertas" in warning for warning in after)


def test_status_moves_follow_the_workflow_and_illegal_ones_are_refused(dialogue, curator):
    with pytest.raises(InvalidTransition):
        services.dialogue_mark_held(dialogue=dialogue, by=curator, now=utc(2026, 3, 11))
    schedule(dialogue, curator, utc(2026, 3, 10, 14, 0))
    with pytest.raises(ValidationError, match="todavía"):
        services.dialogue_mark_held(dialogue=dialogue, by=curator, now=utc(2026, 3, 9))
    services.dialogue_postpone(dialogue=dialogue, reason="", by=curator)
    dialogue.refresh_from_db()
    assert dialogue.status == "postponed" and dialogue.starts_at is None
    with pytest.raises(InvalidTransition):
        services.dialogue_mark_held(dialogue=dialogue, by=curator, now=utc(2026, 3, 11))
    schedule(dialogue, curator, utc(2026, 3, 17, 14, 0))
    held = services.dialogue_mark_held(dialogue=dialogue, by=curator, now=utc(2026, 3, 18))
    assert held.status == "held"
    for move in (
        lambda: services.dialogue_cancel(dialogue=dialogue, reason="Agenda", by=curator),
        lambda: schedule(dialogue, curator, utc(2026, 3, 20, 14, 0)),
    ):
        with pytest.raises(InvalidTransition):
            move()


def test_cancelling_needs_a_reason(dialogue, curator):
    with pytest.raises(ValidationError, match="por qué se cancela"):
        services.dialogue_cancel(dialogue=dialogue, reason="  ", by=curator)
    cancelled = services.dialogue_cancel(dialogue=dialogue, reason="Agenda del país presentador", by=curator)
    assert cancelled.status == "cancelled" and cancelled.status_reason == "Agenda del país presentador"


def test_only_the_technical_unit_schedules(dialogue, focal_cr):
    with pytest.raises(PermissionDenied):
        schedule(dialogue, focal_cr, utc(2026, 3, 10, 14, 0))
    with pytest.raises(PermissionDenied):
        services.dialogue_cancel(dialogue=dialogue, reason="x", by=focal_cr)


def event_of(data: bytes):
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_the_invitation_is_a_calendar_event_in_utc_with_everyone_invited(dialogue, curator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        schedule(dialogue, curator, utc(2026, 3, 28, 15, 0))
    [message] = mail.outbox
    assert sorted(message.to) == ["lucia@cancilleria.gob.ar", "marta@aecid.es"]
    [(name, content, mimetype)] = message.attachments
    assert name == "dialogo.ics" and mimetype.startswith("text/calendar; method=REQUEST")
    calendar, event = event_of(content if isinstance(content, bytes) else content.encode())
    assert calendar["METHOD"] == "REQUEST" and str(event["UID"]) == event_uid(dialogue)
    assert event.decoded("DTSTART") == utc(2026, 3, 28, 15, 0)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)
    assert event["SUMMARY"] == "Diálogo sobre cosecha de agua" and event["LOCATION"] == "https://meet.example.org/abc"
    assert sorted(str(attendee) for attendee in event["ATTENDEE"]) == [
        "mailto:lucia@cancilleria.gob.ar",
        "mailto:marta@aecid.es",
    ]


def test_rescheduling_updates_the_same_event_and_cancelling_cancels_it(dialogue, curator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        schedule(dialogue, curator, utc(2026, 3, 28, 15, 0))
        schedule(dialogue, curator, utc(2026, 4, 6, 15, 0))
        services.dialogue_cancel(dialogue=dialogue, reason="Agenda del país presentador", by=curator)
    first, second, third = (event_of(message.attachments[0][1]) for message in mail.outbox)
    assert {str(event["UID"]) for _calendar, event in (first, second, third)} == {event_uid(dialogue)}
    assert [int(event["SEQUENCE"]) for _calendar, event in (first, second, third)] == [1, 2, 3]
    assert second[1].decoded("DTSTART") == utc(2026, 4, 6, 15, 0)
    assert mail.outbox[1].subject.startswith("Cambio:")
    assert third[0]["METHOD"] == "CANCEL" and third[1]["STATUS"] == "CANCELLED"
    assert third[1].decoded("DTSTART") == utc(2026, 4, 6, 15, 0)


def test_a_calendar_built_for_a_dialogue_parses_back(dialogue):
    dialogue.starts_at = utc(2026, 10, 26, 13, 0)
    calendar, event = event_of(dialogue_calendar(dialogue))
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert "Presentación" in str(event["DESCRIPTION"])
