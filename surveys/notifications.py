"""E-mails of the survey. Sent after the transaction commits, so a rolled-back change never
notifies anybody."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from registry.choices import Role
from registry.downloads import DOCX_CONTENT_TYPE
from registry.mail import send_after_commit, send_each
from surveys.docx.writer import ficha_document
from surveys.models import Ficha, FichaUpload, NoticeFrequency, SubmissionNotices
from surveys.selectors import country_names, ficha_initiatives


def institution_recipients(ficha: Ficha) -> list[str]:
    users = get_user_model().objects.filter(
        institution=ficha.institution, is_active=True, groups__name="focal_point"
    ).exclude(email="")
    addresses = {user.email.lower(): user.email for user in users}
    if ficha.focal_point_email:
        addresses.setdefault(ficha.focal_point_email.lower(), ficha.focal_point_email)
    return sorted(addresses.values())


def _send(*, subject: str, template: str, ficha: Ficha, context: dict, attach_ficha: bool = False) -> None:
    recipients = institution_recipients(ficha)
    if not recipients:
        return
    body = render_to_string(template, {"ficha": ficha, **context})
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients)
    if attach_ficha:
        message.attach(
            f"ficha-{ficha.institution.country_id}-{ficha.campaign_id}.docx",
            ficha_document(ficha, ficha_initiatives(ficha), country_names()),
            DOCX_CONTENT_TYPE,
        )
    message.send()


def send_submission_receipt_on_commit(ficha: Ficha) -> None:
    def send():
        fresh = Ficha.objects.select_related("campaign", "institution__country", "submitted_by").get(pk=ficha.pk)
        _send(
            subject=_("Ficha received: %(campaign)s") % {"campaign": fresh.campaign.title},
            template="surveys/email/submission_receipt.txt",
            ficha=fresh,
            context={},
            attach_ficha=True,
        )

    send_after_commit(send, about=f"the submission receipt of ficha {ficha.pk}")


def send_returned_on_commit(ficha: Ficha) -> None:
    def send():
        fresh = Ficha.objects.select_related("campaign", "institution__country").get(pk=ficha.pk)
        _send(
            subject=_("Your ficha was returned with comments: %(campaign)s") % {"campaign": fresh.campaign.title},
            template="surveys/email/ficha_returned.txt",
            ficha=fresh,
            context={},
        )

    send_after_commit(send, about=f"ficha {ficha.pk} returned with comments")


# The technical unit's notices: what arrived, for each member as they chose (SubmissionNotices).

def technical_unit_members(frequency: str):
    chosen = Q(submission_notices__frequency=frequency)
    if frequency == NoticeFrequency.EACH:
        chosen |= Q(submission_notices__isnull=True)  # the default
    return (
        get_user_model().objects.filter(is_active=True)
        .filter(Q(groups__name=Role.TECHNICAL_UNIT) | Q(is_superuser=True))
        .filter(chosen).exclude(email="").distinct()
    )


def _tell_technical_unit(*, subject: str, template: str, context: dict, sender_id: int | None = None) -> None:
    # Whoever sent it (the technical unit uploads files too) needs no notice of it.
    members = technical_unit_members(NoticeFrequency.EACH).exclude(pk=sender_id)
    addresses = sorted({member.email for member in members})
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        subject = str(subject)
    # One message each, so that no member sees the others' addresses; one refused leaves the others.
    send_each(
        (EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]), f"the notice “{subject}”", None)
        for address in addresses
    )


def tell_technical_unit_of_submission_on_commit(ficha: Ficha) -> None:
    def send():
        fresh = Ficha.objects.select_related("campaign", "institution__country").get(pk=ficha.pk)
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Ficha submitted: %(institution)s (%(country)s)") % {
                "institution": fresh.institution.name, "country": fresh.institution.country.name,
            }
        _tell_technical_unit(subject=subject, template="surveys/email/notice_submitted.txt", context={"ficha": fresh, "base_url": settings.SITE_URL})

    send_after_commit(send, about=f"the technical unit's notice of ficha {ficha.pk}")


def tell_technical_unit_of_upload_on_commit(upload: FichaUpload) -> None:
    def send():
        fresh = FichaUpload.objects.select_related("campaign", "institution__country").get(pk=upload.pk)
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Word ficha received: %(name)s") % {"name": fresh.original_name}
        _tell_technical_unit(subject=subject, template="surveys/email/notice_uploaded.txt", context={"upload": fresh, "base_url": settings.SITE_URL},
                             sender_id=fresh.uploaded_by_id)

    send_after_commit(send, about=f"the technical unit's notice of upload {upload.pk}")


DIGEST_EVERY = timedelta(hours=23)  # run daily; a second run the same day sends nothing


def send_digests(now: datetime | None = None) -> int:
    """One e-mail to each member who chose the daily digest, with the fichas submitted and the
    Word files received since their last one; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for member in technical_unit_members(NoticeFrequency.DAILY).select_related("submission_notices"):
        with transaction.atomic():
            notices = SubmissionNotices.objects.select_for_update().get(user=member)
            since = notices.digest_covers_until or now - timedelta(days=1)
            if now - since < DIGEST_EVERY:
                continue
            fichas = list(
                Ficha.objects.filter(submitted_at__gt=since, submitted_at__lte=now)
                .select_related("campaign", "institution__country").order_by("submitted_at")
            )
            uploads = list(
                FichaUpload.objects.filter(uploaded_at__gt=since, uploaded_at__lte=now)
                .select_related("campaign", "institution__country").order_by("uploaded_at")
            )
            notices.digest_covers_until = now
            notices.save(update_fields=["digest_covers_until"])
            if not (fichas or uploads):
                continue
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "surveys/email/notice_digest.txt",
                    {"fichas": fichas, "uploads": uploads, "since": since, "base_url": settings.SITE_URL},
                )
                subject = _("The survey today: %(fichas)d fichas submitted, %(uploads)d Word files received") % {
                    "fichas": len(fichas), "uploads": len(uploads),
                }
            EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[member.email]).send()
        sent += 1
    return sent
