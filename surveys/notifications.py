"""E-mails of the survey. Sent after the transaction commits, so a rolled-back change never
notifies anybody."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from registry.downloads import DOCX_CONTENT_TYPE
from surveys.docx.writer import ficha_document
from surveys.models import Ficha
from surveys.selectors import ficha_initiatives


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
            ficha_document(ficha, ficha_initiatives(ficha)),
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

    transaction.on_commit(send)


def send_returned_on_commit(ficha: Ficha) -> None:
    def send():
        fresh = Ficha.objects.select_related("campaign", "institution__country").get(pk=ficha.pk)
        _send(
            subject=_("Your ficha was returned with comments: %(campaign)s") % {"campaign": fresh.campaign.title},
            template="surveys/email/ficha_returned.txt",
            ficha=fresh,
            context={},
        )

    transaction.on_commit(send)
