"""The yearly reminder: focal points are asked to confirm or update their published initiatives
before they turn "to be confirmed". Run daily by `python manage.py remind_confirmations`; each
institution gets at most one reminder a year."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from registry.choices import CONFIRMATION_DUE_DAYS, Role
from registry.models import Initiative, Institution, User

# Asked a month before the year is up, so that a country can confirm in time.
NOTICE = timedelta(days=30)
PORTUGUESE_SPEAKING = {"BR", "PT"}


def institution_language(institution: Institution) -> str:
    """The language of the e-mails an institution's focal points receive."""
    return "pt" if institution.country_id in PORTUGUESE_SPEAKING else "es"


@dataclass
class Reminder:
    institution: Institution
    recipients: list[str]
    initiatives: list[Initiative]


def due_reminders(now=None) -> list[Reminder]:
    now = now or timezone.now()
    # Both the due date and "already reminded this year" count back the same span.
    due_before = now - timedelta(days=CONFIRMATION_DUE_DAYS) + NOTICE
    initiatives = (
        Initiative.objects.published()
        .annotate(confirmed=Coalesce("last_confirmed_at", "published_at"))
        .filter(confirmed__lte=due_before)
        .exclude(institution__confirmation_reminded_at__gt=due_before)
        .select_related("institution__country")
        .order_by("institution_id", "name")
    )
    by_institution: dict[int, Reminder] = {}
    for initiative in initiatives:
        reminder = by_institution.setdefault(
            initiative.institution_id, Reminder(institution=initiative.institution, recipients=[], initiatives=[])
        )
        reminder.initiatives.append(initiative)
    people = User.objects.filter(
        institution_id__in=by_institution, groups__name=Role.FOCAL_POINT, is_active=True
    ).exclude(email="")
    for person in people:
        by_institution[person.institution_id].recipients.append(person.email)
    return [reminder for reminder in by_institution.values() if reminder.recipients]


def send_reminders(*, base_url: str, now=None) -> int:
    """Sends what is due and records it; returns how many institutions were reminded."""
    now = now or timezone.now()
    sent = 0
    for reminder in due_reminders(now):
        with translation.override(institution_language(reminder.institution)):
            body = render_to_string(
                "registry/email/confirmation_reminder.txt",
                {
                    "institution": reminder.institution,
                    "initiatives": [
                        (initiative, base_url.rstrip("/") + reverse("registry:initiative_detail", args=[initiative.pk]))
                        for initiative in reminder.initiatives
                    ],
                },
            )
            subject = _("Please confirm your initiatives in the PIFCSS registry")
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(reminder.recipients)))
        Institution.objects.filter(pk=reminder.institution.pk).update(confirmation_reminded_at=now)
        sent += 1
    return sent
