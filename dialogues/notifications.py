"""Calendar e-mails of dialogues: written when the dialogue changes, sent after the transaction commits."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from dialogues.calendar import dialogue_calendar
from dialogues.models import Dialogue
from registry.mail import send_after_commit


def recipients(dialogue: Dialogue) -> list[str]:
    addresses = {invitee.email.lower(): invitee.email for invitee in dialogue.invitees.all()}
    for person in dialogue.facilitators.exclude(email=""):
        addresses.setdefault(person.email.lower(), person.email)
    return sorted(addresses.values())


def _send_on_commit(dialogue: Dialogue, subject: str, body: str, calendar: bytes, method: str) -> None:
    # Built now, sent after commit: each message shows the dialogue as this change left it.
    to = recipients(dialogue)
    if not to:
        return
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    message.attach("dialogo.ics", calendar, f"text/calendar; method={method}; charset=utf-8")
    send_after_commit(message.send, about=f"dialogue {dialogue.pk}: {method.lower()}")


def send_invitation_on_commit(dialogue: Dialogue, *, update: bool) -> None:
    subject = (_("Changed: %(title)s") if update else _("Invitation: %(title)s")) % {"title": dialogue.title}
    body = _("The structured dialogue “%(title)s” is in the attached calendar invitation.") % {"title": dialogue.title}
    _send_on_commit(dialogue, subject, body, dialogue_calendar(dialogue), "REQUEST")


def send_cancellation_on_commit(dialogue: Dialogue, *, starts_at) -> None:
    subject = _("Cancelled: %(title)s") % {"title": dialogue.title}
    body = _("The structured dialogue “%(title)s” will not take place at the planned time.") % {"title": dialogue.title}
    if dialogue.status_reason:
        body += "\n\n" + dialogue.status_reason
    _send_on_commit(dialogue, subject, body, dialogue_calendar(dialogue, cancel=True, starts_at=starts_at), "CANCEL")
