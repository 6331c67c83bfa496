"""Reminders of a campaign's closing to the institutions that have not submitted their ficha.

Scheduled ones go out on the days before closing that the campaign lists (Campaign.reminder_days),
from `python manage.py send_survey_notices`, run daily: each institution gets the one for the
nearest day already reached, once (a database constraint, so two senders cannot both send it),
and none once its ficha is submitted or its campaign has closed for it. The technical unit can
also send one by hand from the campaign's progress page."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry.choices import Role
from registry.models import Institution, User
from registry.reminders import institution_language
from registry.timezones import zone_for_country
from surveys.models import Campaign, CampaignReminder, Ficha, FichaStatus

# A ficha in these states is still the institution's to finish: a reminder is due.
UNFINISHED = (FichaStatus.DRAFT, FichaStatus.RETURNED)


@dataclass
class DueReminder:
    campaign: Campaign
    institution: Institution
    days_before: int
    closes_at: datetime


def focal_point_addresses(institution_ids=None) -> dict[int, list[str]]:
    """The e-mail addresses of each institution's active focal points (of every institution
    when none are named); an institution nobody can be reached at is absent."""
    addresses: dict[int, set[str]] = {}
    people = User.objects.filter(groups__name=Role.FOCAL_POINT, is_active=True, institution__isnull=False).exclude(email="")
    if institution_ids is not None:
        people = people.filter(institution_id__in=institution_ids)
    for institution_id, email in people.values_list("institution_id", "email"):
        addresses.setdefault(institution_id, set()).add(email)
    return {institution_id: sorted(emails) for institution_id, emails in addresses.items()}


def _finished_institutions(campaign: Campaign) -> set[int]:
    return set(
        Ficha.objects.filter(campaign=campaign).exclude(status__in=UNFINISHED).values_list("institution_id", flat=True)
    )


def due_reminders(now: datetime | None = None) -> list[DueReminder]:
    now = now or timezone.now()
    campaigns = (
        Campaign.objects.filter(opens_at__lte=now)
        .filter(Q(closes_at__gt=now) | Q(extensions__closes_at__gt=now))
        .distinct()
        .prefetch_related("extensions")
    )
    due = []
    invited = list(Institution.objects.filter(pk__in=list(focal_point_addresses())).select_related("country"))
    for campaign in campaigns:
        if not campaign.reminder_days:
            continue
        finished = _finished_institutions(campaign)
        sent = set(
            CampaignReminder.objects.filter(campaign=campaign, days_before__isnull=False).values_list("institution_id", "days_before")
        )
        for institution in (institution for institution in invited if institution.pk not in finished):
            closes_at = campaign.closes_at_for(institution.pk)
            reached = [days for days in campaign.reminder_days if closes_at - timedelta(days=days) <= now < closes_at]
            # After a pause of the sender only the nearest reminder goes: never two at once.
            if reached and (institution.pk, min(reached)) not in sent:
                due.append(DueReminder(campaign, institution, min(reached), closes_at))
    return due


def _send(*, campaign: Campaign, institution: Institution, closes_at: datetime, recipients: list[str], base_url: str) -> str:
    language = institution_language(institution)
    ficha = Ficha.objects.filter(campaign=campaign, institution=institution).first()
    with translation.override(language), timezone.override(zone_for_country(institution.country_id)):
        body = render_to_string(
            "surveys/email/campaign_reminder.txt",
            {
                "campaign": campaign,
                "institution": institution,
                "ficha": ficha,
                "closes_at": closes_at,
                "zone": timezone.get_current_timezone_name(),
                "survey_url": base_url.rstrip("/") + reverse("surveys:survey_home"),
            },
        )
        subject = _("Reminder: the ficha of “%(campaign)s” closes on %(date)s") % {
            "campaign": campaign.title,
            "date": date_format(timezone.localtime(closes_at), "SHORT_DATE_FORMAT"),
        }
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients).send()
    return language


def send_due_reminders(*, base_url: str, now: datetime | None = None) -> int:
    """Sends what is due and records it; returns how many institutions were reminded."""
    now = now or timezone.now()
    sent = 0
    for reminder in due_reminders(now):
        recipients = focal_point_addresses([reminder.institution.pk]).get(reminder.institution.pk, [])
        try:
            # The record is written first and kept only if the e-mail left: a failed send is
            # tried again on the next run, and a second sender meets the constraint.
            with transaction.atomic():
                CampaignReminder.objects.create(
                    campaign=reminder.campaign, institution=reminder.institution, days_before=reminder.days_before,
                    sent_at=now, recipients=len(recipients), language=institution_language(reminder.institution),
                )
                _send(
                    campaign=reminder.campaign, institution=reminder.institution, closes_at=reminder.closes_at,
                    recipients=recipients, base_url=base_url,
                )
        except IntegrityError:  # another sender recorded it first
            continue
        sent += 1
    return sent


@transaction.atomic
def reminder_send_by_hand(*, campaign: Campaign, institution: Institution, by, base_url: str) -> CampaignReminder:
    """The technical unit reminds one institution now, from the progress page."""
    if not by.is_technical_unit:
        raise PermissionDenied
    ficha = Ficha.objects.filter(campaign=campaign, institution=institution).first()
    if ficha is not None and ficha.status not in UNFINISHED:
        raise ValidationError(_("%(institution)s has already submitted its ficha.") % {"institution": institution})
    closes_at = campaign.closes_at_for(institution.pk)
    if not campaign.is_open(closes_at=closes_at):
        raise ValidationError(_("The campaign is not open for %(institution)s: extend it first.") % {"institution": institution})
    recipients = focal_point_addresses([institution.pk]).get(institution.pk, [])
    if not recipients:
        raise ValidationError(
            _("%(institution)s has no focal point with an e-mail address: invite one first.") % {"institution": institution}
        )
    record = CampaignReminder.objects.create(
        campaign=campaign, institution=institution, days_before=None, sent_by=by,
        recipients=len(recipients), language=institution_language(institution),
    )
    _send(campaign=campaign, institution=institution, closes_at=closes_at, recipients=recipients, base_url=base_url)
    return record
