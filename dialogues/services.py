"""Writes of the dialogues app: interest, scheduling and the dialogue's status. Each write checks
who may make it, is recorded in the audit trail, and notifies people only after it commits."""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dialogues import notifications
from dialogues.models import DIALOGUE_TRANSITIONS, Dialogue, DialogueStatus, Interest
from registry.audit import audit_record, diff, record_snapshot
from registry.choices import Status, choice_labels
from registry.models import AuditEntry, Initiative, InvalidTransition
from registry.services import check_version
from registry.timezones import zone_for_country

WORKING_HOURS = (8, 19)  # local time of every country taking part


def _require_technical_unit(user) -> None:
    if not (user and user.is_authenticated and user.is_technical_unit):
        raise PermissionDenied


@transaction.atomic
def interest_mark(*, initiative: Initiative, by, question: str = "") -> Interest:
    if not (by.is_authenticated and by.is_focal_point and by.institution_id):
        raise PermissionDenied
    if initiative.status != Status.PUBLISHED:
        raise ValidationError(_("Only published initiatives can be asked about."))
    if initiative.institution.country_id == by.institution.country_id:
        raise ValidationError(_("This initiative is from your own country."))
    if initiative.wants_to_share is not True:
        raise ValidationError(_("The country of this initiative did not agree to share it in dialogues."))
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                initiative=initiative, institution=by.institution, question=question.strip(), created_by=by
            )
    except IntegrityError:
        raise ValidationError(_("Your institution already marked its interest in this initiative.")) from None
    audit_record(instance=interest, action=AuditEntry.Action.CREATE, by=by)
    return interest


@transaction.atomic
def interest_withdraw(*, interest: Interest, by) -> None:
    if not (by.is_authenticated and (by.is_technical_unit or by.institution_id == interest.institution_id)):
        raise PermissionDenied
    audit_record(instance=interest, action=AuditEntry.Action.DELETE, by=by)
    interest.delete()


def taking_part(dialogue: Dialogue) -> list:
    """The countries presenting or invited, in a stable order."""
    countries = {initiative.institution.country for initiative in dialogue.initiatives.select_related("institution__country")}
    countries.update(dialogue.invited_countries.all())
    return sorted(countries, key=lambda country: country.name_es)


def scheduling_warnings(*, dialogue: Dialogue, starts_at: datetime, duration_minutes: int) -> list[str]:
    """What the technical unit should know before choosing this time: it falls outside working
    hours somewhere, or a facilitator is already in another dialogue."""
    warnings = []
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    opening, closing = WORKING_HOURS
    for country in taking_part(dialogue):
        zone = zone_for_country(country.pk)
        local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)
        end_minutes = local_end.hour * 60 + local_end.minute + (24 * 60 if local_end.date() > local_start.date() else 0)
        if local_start.hour < opening or end_minutes > closing * 60:
            warnings.append(
                _("In %(country)s it runs from %(start)s to %(end)s, outside 08:00–19:00.")
                % {"country": country.name, "start": local_start.strftime("%H:%M"), "end": local_end.strftime("%H:%M")}
            )
    overlapping = (
        Dialogue.objects.filter(status=DialogueStatus.SCHEDULED, starts_at__lt=ends_at)
        .exclude(pk=dialogue.pk)
        .filter(facilitators__in=dialogue.facilitators.all())
        .distinct()
        .prefetch_related("facilitators")
    )
    facilitators = set(dialogue.facilitators.all())
    for other in overlapping:
        if other.ends_at > starts_at:
            for person in facilitators.intersection(other.facilitators.all()):
                warnings.append(
                    _("%(person)s already facilitates “%(dialogue)s” at that time.")
                    % {"person": person.get_full_name() or person.username, "dialogue": other.title}
                )
    return warnings


# Moved only by the workflow services below, which send the invitations that go with them.
WORKFLOW_FIELDS = ("status", "status_reason", "starts_at", "sequence", "uid")


@transaction.atomic
def dialogue_save(
    *, dialogue: Dialogue, by, expected_version: int | None, save_related: Callable[[], None] | None = None
) -> Dialogue:
    """Write what the technical unit prepares and records (title, initiatives, countries, people,
    slots, agenda, results); `save_related` writes the rows that hang from the saved dialogue.
    A save over a newer one raises registry.services.EditConflict and changes nothing; the
    status and the time are kept as the workflow left them, whatever the page held."""
    _require_technical_unit(by)
    creating = dialogue.pk is None
    before = {}
    if not creating:
        current = check_version(model=Dialogue, pk=dialogue.pk, expected_version=expected_version)
        before = record_snapshot(current)
        for name in WORKFLOW_FIELDS:
            setattr(dialogue, name, getattr(current, name))
        dialogue.version = current.version + 1
    dialogue.save()
    if save_related is not None:
        save_related()
    changes = diff(before, record_snapshot(dialogue))
    if creating or changes:
        audit_record(
            instance=dialogue, action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE, by=by, changes=changes
        )
    return dialogue


def _move(dialogue: Dialogue, to: str, *, by, reason: str = "") -> tuple[Dialogue, str]:
    """The locked, current dialogue moved to `to` (not saved yet), and the status it had."""
    current = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if to not in DIALOGUE_TRANSITIONS[current.status]:
        raise InvalidTransition(
            _("A dialogue that is “%(current)s” cannot become “%(target)s”.")
            % {"current": current.get_status_display(), "target": choice_labels(DialogueStatus)[to]}
        )
    before = current.status
    current.status, current.status_reason = to, reason
    return current, before


@transaction.atomic
def dialogue_schedule(*, dialogue: Dialogue, starts_at: datetime, duration_minutes: int, video_link: str, by) -> Dialogue:
    """Set or change the time; everybody invited receives the invitation or its update."""
    _require_technical_unit(by)
    current, before = _move(dialogue, DialogueStatus.SCHEDULED, by=by)
    current.starts_at, current.duration_minutes, current.video_link = starts_at, duration_minutes, video_link
    current.sequence += 1
    current.full_clean(exclude=["initiatives", "invited_countries", "facilitators"])
    current.version += 1  # an admin page opened before this is then refused (registry.admin_versions)
    current.save()
    audit_record(
        instance=current,
        action=AuditEntry.Action.STATUS,
        by=by,
        changes={"status": [before, current.status], "starts_at": [None, starts_at.isoformat()]},
    )
    notifications.send_invitation_on_commit(current, update=before == DialogueStatus.SCHEDULED)
    return current


@transaction.atomic
def dialogue_postpone(*, dialogue: Dialogue, reason: str, by) -> Dialogue:
    _require_technical_unit(by)
    current, before = _move(dialogue, DialogueStatus.POSTPONED, by=by, reason=reason.strip())
    cancelled_time = current.starts_at
    current.starts_at = None
    current.sequence += 1
    current.version += 1  # an admin page opened before this is then refused (registry.admin_versions)
    current.save()
    audit_record(instance=current, action=AuditEntry.Action.STATUS, by=by, changes={"status": [before, current.status]})
    if cancelled_time:
        notifications.send_cancellation_on_commit(current, starts_at=cancelled_time)
    return current


@transaction.atomic
def dialogue_cancel(*, dialogue: Dialogue, reason: str, by) -> Dialogue:
    _require_technical_unit(by)
    if not reason.strip():
        raise ValidationError(_("Say why the dialogue is cancelled."))
    current, before = _move(dialogue, DialogueStatus.CANCELLED, by=by, reason=reason.strip())
    current.sequence += 1
    current.version += 1  # an admin page opened before this is then refused (registry.admin_versions)
    current.save()
    audit_record(
        instance=current, action=AuditEntry.Action.STATUS, by=by, changes={"status": [before, current.status], "reason": reason}
    )
    if current.starts_at:
        notifications.send_cancellation_on_commit(current, starts_at=current.starts_at)
    return current


@transaction.atomic
def dialogue_mark_held(*, dialogue: Dialogue, by, now: datetime) -> Dialogue:
    _require_technical_unit(by)
    current, before = _move(dialogue, DialogueStatus.HELD, by=by)
    if current.starts_at > now:
        raise ValidationError(_("The dialogue has not started yet."))
    current.version += 1  # an admin page opened before this is then refused (registry.admin_versions)
    current.save()
    audit_record(instance=current, action=AuditEntry.Action.STATUS, by=by, changes={"status": [before, current.status]})
    return current
