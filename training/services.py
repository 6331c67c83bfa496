"""Writes of the training cycle, each checked (the technical unit runs workshops), atomic and
audited: workshops and sessions, materials, participants and attendance, invitations with their
calendar events, the satisfaction survey and its single-use answers."""

import secrets
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event

from dialogues.calendar import PRODUCT_ID, calendar_address, organizer
from followup.health import token_hash
from followup.progress import checked_evidence, store_upload
from registry.audit import audit_record
from registry.mail import send_each
from registry.models import AuditEntry
from registry.permissions import require_technical_unit
from registry.services import check_version
from training.models import (
    SATISFACTION_MIN_ANSWERS, Material, Participant, SatisfactionAnswer, SatisfactionInvitation, Workshop, WorkshopSession,
)



@transaction.atomic
def workshop_save(*, workshop: Workshop, by, expected_version: int | None) -> Workshop:
    require_technical_unit(by)
    creating = workshop.pk is None
    workshop.title = " ".join(workshop.title.split())  # one line: it goes into e-mail subjects
    if not creating:
        workshop.version = check_version(model=Workshop, pk=workshop.pk, expected_version=expected_version).version + 1
    workshop.full_clean()
    workshop.save()
    audit_record(instance=workshop, action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE, by=by)
    return workshop


@transaction.atomic
def session_add(*, workshop: Workshop, starts_at, duration_minutes: int, title: str, video_link: str, by) -> WorkshopSession:
    require_technical_unit(by)
    session = WorkshopSession(workshop=workshop, starts_at=starts_at, duration_minutes=duration_minutes, title=title.strip(),
                              video_link=video_link.strip())
    session.full_clean()
    session.save()
    audit_record(instance=workshop, action=AuditEntry.Action.UPDATE, by=by, changes={"session": [None, starts_at.isoformat()]})
    return session


@transaction.atomic
def material_add(*, workshop: Workshop, title: str, description: str, name: str, data: bytes, by) -> Material:
    require_technical_unit(by)
    kind, data = checked_evidence(name, data)
    material = Material(workshop=workshop, title=title.strip() or name[:300], description=description.strip())
    store_upload(material, name, kind, data)
    material.full_clean()
    material.save()
    audit_record(instance=workshop, action=AuditEntry.Action.UPDATE, by=by, changes={"material": [None, material.title]})
    return material


@transaction.atomic
def participant_add(*, workshop: Workshop, name: str, email: str, country, actor_type: str, institution: str, by) -> Participant:
    require_technical_unit(by)
    email = email.strip().lower()
    if Participant.objects.filter(workshop=workshop, email=email).exists():
        raise ValidationError(_("%(email)s is already a participant.") % {"email": email})
    participant = Participant(workshop=workshop, name=name.strip(), email=email, country=country, actor_type=actor_type,
                              institution=institution.strip())
    participant.full_clean()
    participant.save()
    audit_record(instance=workshop, action=AuditEntry.Action.UPDATE, by=by, changes={"participants": [None, "+1"]})
    return participant


@transaction.atomic
def attendance_set(*, session: WorkshopSession, participant_ids: list[int], by) -> None:
    """Who attended a session (set again to correct it)."""
    require_technical_unit(by)
    present = list(session.workshop.participants.filter(pk__in=participant_ids))
    session.attendees.set(present)
    audit_record(instance=session.workshop, action=AuditEntry.Action.UPDATE, by=by,
                 changes={"attendance": [None, f"{session}: {len(present)}"]})


def workshop_calendar(workshop: Workshop, participant: Participant) -> bytes:
    """Every session as an event of one invitation (RFC 5545/5546), in UTC: each calendar shows it
    on its owner's clock."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    attendee = calendar_address(participant.email, participant.name)
    for session in workshop.sessions.all():
        event = Event()
        event.add("uid", f"workshop-session-{session.uid}@alianzas.pifcss")
        event.add("sequence", session.sequence)
        event.add("dtstamp", datetime.now(UTC))
        event.add("dtstart", session.starts_at.astimezone(UTC))
        event.add("dtend", session.starts_at.astimezone(UTC) + timedelta(minutes=session.duration_minutes))
        event.add("summary", f"{workshop.title}: {session.title}" if session.title else workshop.title)
        if session.video_link:
            event.add("location", session.video_link)
            event.add("url", session.video_link)
        event.add("organizer", organizer())
        event.add("attendee", attendee)
        calendar.add_component(event)
    return calendar.to_ical()


@transaction.atomic
def invitations_send(*, workshop: Workshop, by) -> int:
    """E-mail each participant not yet invited the workshop's sessions as calendar events."""
    require_technical_unit(by)
    if not workshop.sessions.exists():
        raise ValidationError(_("Add the workshop's sessions first: the invitation carries them."))
    invited = list(workshop.participants.filter(invited_at__isnull=True))
    messages = []
    for participant in invited:
        message = EmailMessage(
            subject=_("Invitation: %(title)s") % {"title": workshop.title},
            body=_("You are invited to the PIFCSS workshop “%(title)s”. Its sessions are attached as calendar events.")
            % {"title": workshop.title},
            from_email=settings.DEFAULT_FROM_EMAIL, to=[participant.email],
        )
        message.attach("workshop.ics", workshop_calendar(workshop, participant), "text/calendar; method=REQUEST")
        messages.append((participant.pk, message))
    Participant.objects.filter(pk__in=[p.pk for p in invited]).update(invited_at=timezone.now())
    audit_record(instance=workshop, action=AuditEntry.Action.UPDATE, by=by, changes={"invited": [None, len(invited)]})
    transaction.on_commit(lambda: _send_each(messages))
    return len(invited)


def _send_each(messages: list[tuple[int, EmailMessage]]) -> None:
    """One message at a time: one the mail server refuses leaves its participant not invited, so
    the next *Send the invitations* tries again, and the others still go."""
    send_each(
        (message, f"the invitation of participant {pk}", lambda pk=pk: Participant.objects.filter(pk=pk).update(invited_at=None))
        for pk, message in messages
    )


@transaction.atomic
def survey_send(*, workshop: Workshop, by) -> int:
    """A single-use link to each participant who attended and was not reached yet; the link names
    no one. Once per person: a second round would give them a second answer."""
    require_technical_unit(by)
    Workshop.objects.select_for_update().get(pk=workshop.pk)  # two curators pressing at once send one round
    attended = workshop.participants.filter(attended__isnull=False).distinct()
    pending = list(attended.filter(surveyed_at__isnull=True).values_list("pk", "email"))
    if not pending:
        if attended.exists():
            raise ValidationError(_("The survey already reached everyone who attended."))
        raise ValidationError(_("Record who attended first: the survey goes to them."))
    if len(pending) < SATISFACTION_MIN_ANSWERS and attended.filter(surveyed_at__isnull=False).exists():
        # A round of one or two after the others answered would let the results page tell
        # their answers apart: they wait until they are as many as the results need.
        raise ValidationError(ngettext(
            "%(count)d person who attended has not received the survey yet. It goes to them once at least %(min)d are "
            "waiting, so that no answer can be told apart.",
            "%(count)d people who attended have not received the survey yet. It goes to them once at least %(min)d are "
            "waiting, so that no answer can be told apart.",
            len(pending),
        ) % {"count": len(pending), "min": SATISFACTION_MIN_ANSWERS})
    # In no order the rows could be matched with: the tokens are created in a random one.
    secrets.SystemRandom().shuffle(pending)
    messages = []
    for participant_pk, address in pending:
        token = secrets.token_urlsafe(32)
        SatisfactionInvitation.objects.create(workshop=workshop, token_hash=token_hash(token))
        link = settings.SITE_URL.rstrip("/") + reverse("training:survey_answer", args=[token])
        messages.append((participant_pk, token_hash(token), EmailMessage(
            subject=_("How was “%(title)s”?") % {"title": workshop.title},
            body=_("Two questions and a comment, anonymous: %(link)s (the link works once).") % {"link": link},
            from_email=settings.DEFAULT_FROM_EMAIL, to=[address],
        )))
    Participant.objects.filter(pk__in=[participant_pk for participant_pk, _address in pending]).update(surveyed_at=timezone.now())
    audit_record(instance=workshop, action=AuditEntry.Action.UPDATE, by=by, changes={"survey_sent": [None, len(pending)]})
    transaction.on_commit(lambda: _send_surveys(messages))
    return len(pending)


def _send_surveys(messages: list[tuple[int, str, EmailMessage]]) -> None:
    """One message at a time: a link the mail server refuses is withdrawn (nobody holds it) and
    its participant counts as not reached, for the next *Send the survey*; the others still go.
    Which link went to whom is only known here, in memory, and is not kept."""

    def withdraw(pk: int, link_hash: str) -> None:
        SatisfactionInvitation.objects.filter(token_hash=link_hash, used=False).delete()
        Participant.objects.filter(pk=pk).update(surveyed_at=None)

    send_each(
        (message, f"the survey of participant {pk}", lambda pk=pk, link_hash=link_hash: withdraw(pk, link_hash))
        for pk, link_hash, message in messages
    )


def invitation_for(token: str) -> SatisfactionInvitation | None:
    if not token or len(token) > 100:
        return None
    return SatisfactionInvitation.objects.select_related("workshop").filter(token_hash=token_hash(token)).first()


@transaction.atomic
def survey_answer(*, token: str, overall: int, usefulness: int, comment: str) -> None:
    invitation = SatisfactionInvitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.used:
        raise ValidationError(_("This link was already used, or it is not a link of ours."))
    SatisfactionInvitation.objects.filter(pk=invitation.pk).update(used=True)
    answer = SatisfactionAnswer(workshop_id=invitation.workshop_id, overall=overall, usefulness=usefulness, comment=comment.strip())
    answer.full_clean()
    answer.save()


def survey_results(workshop: Workshop) -> dict | None:
    """Averages and comments, only from SATISFACTION_MIN_ANSWERS answers on."""
    answers = list(workshop.answers.all())
    if len(answers) < SATISFACTION_MIN_ANSWERS:
        return None
    return {
        "count": len(answers),
        "overall": round(sum(a.overall for a in answers) / len(answers), 1),
        "usefulness": round(sum(a.usefulness for a in answers) / len(answers), 1),
        "comments": sorted(a.comment for a in answers if a.comment),
    }


def trained_counts(workshops=None) -> dict[str, Counter]:
    """People who attended at least one session, by country and by actor type (a person in two
    workshops counts in each: it is officials trained per workshop, as the reports ask)."""
    participants = Participant.objects.filter(attended__isnull=False).distinct()
    if workshops is not None:
        participants = participants.filter(workshop__in=workshops)
    rows = list(participants.values_list("country_id", "actor_type"))
    return {"country": Counter(country for country, _type in rows), "actor_type": Counter(actor_type for _country, actor_type in rows)}
