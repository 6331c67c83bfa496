"""The alliance health check: the technical unit sends a short survey to the alliance's members
by e-mail; each link works once, needs no sign-in, and the answers are kept without identity
(followup.models.HealthInvitation says how). Results show as aggregates, and only from
HEALTH_MIN_ANSWERS answers on, survey after survey on the follow-up page."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Avg
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.models import HEALTH_MIN_ANSWERS, HealthAnswer, HealthInvitation, HealthSurvey
from registry.audit import audit_record
from registry.mail import send_after_commit, send_each
from registry.choices import TypicalRisk, choice_labels
from registry.models import AuditEntry, Initiative
from registry.permissions import require_technical_unit

PRINCIPLES = ("trust", "respect", "transparency", "shared_benefit")
MAX_INVITED = 200


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def health_survey_send(*, initiative: Initiative, addresses: list[str], days_open: int, by, base_url: str) -> HealthSurvey:
    """One single-use link per address, e-mailed once the survey is saved; the addresses are not kept."""
    require_technical_unit(by)
    addresses = list(dict.fromkeys(address.strip().lower() for address in addresses if address.strip()))
    if len(addresses) < HEALTH_MIN_ANSWERS:
        raise ValidationError(
            _("Send it to at least %(min)d members: results show from %(min)d answers on, so that nobody can be told apart.")
            % {"min": HEALTH_MIN_ANSWERS}
        )
    if len(addresses) > MAX_INVITED:
        raise ValidationError(_("At most %(max)d members at once.") % {"max": MAX_INVITED})
    survey = HealthSurvey.objects.create(
        initiative=initiative, closes_at=timezone.now() + timedelta(days=days_open), invited=len(addresses),
        created_by=by if getattr(by, "pk", None) else None,
    )
    links = []
    for address in addresses:
        token = secrets.token_urlsafe(32)
        HealthInvitation.objects.create(survey=survey, token_hash=token_hash(token))
        links.append((address, base_url.rstrip("/") + reverse("followup:health_answer", args=[token])))
    audit_record(instance=survey, action=AuditEntry.Action.CREATE, by=by, changes={"invited": [None, len(addresses)]})
    subject = _("How is the alliance “%(name)s” going? (anonymous, 2 minutes)") % {"name": initiative.name}
    closes = timezone.localtime(survey.closes_at).date().isoformat()

    def message(link: str, address: str) -> EmailMessage:
        body = _(
            "The PIFCSS technical unit asks the members of the alliance “%(name)s” how it is going: five questions, "
            "answered anonymously (your answer is kept without your name or address, and shown only with at least "
            "%(min)d others).\n\n%(link)s\n\nThe link works once, until %(closes)s."
        ) % {"name": initiative.name, "min": HEALTH_MIN_ANSWERS - 1, "link": link, "closes": closes}
        return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address])

    # One refused leaves the others; its link is simply never used.
    send_after_commit(
        lambda: send_each((message(link, address), f"a link of the health check of initiative {initiative.pk}", None) for address, link in links),
        about=f"the health check of initiative {initiative.pk}",
    )
    return survey


def invitation_for(token: str) -> HealthInvitation | None:
    return HealthInvitation.objects.select_related("survey__initiative").filter(token_hash=token_hash(token)).first()


@transaction.atomic
def health_answer(*, token: str, trust: int, respect: int, transparency: int, shared_benefit: int, risks_seen: list[str], comment: str) -> None:
    """Record one answer and spend the link, in one step: an answer can be given once per link."""
    invitation = HealthInvitation.objects.select_for_update().select_related("survey").filter(token_hash=token_hash(token)).first()
    if invitation is None:
        raise ValidationError(_("This link is not valid."))
    if invitation.used:
        raise ValidationError(_("This link was already used: each member answers once."))
    if not invitation.survey.is_open():
        raise ValidationError(_("This health check is closed."))
    answer = HealthAnswer(
        survey=invitation.survey, trust=trust, respect=respect, transparency=transparency, shared_benefit=shared_benefit,
        risks_seen=list(dict.fromkeys(risks_seen)), comment=comment.strip(),
    )
    answer.full_clean()
    answer.save()
    invitation.used = True
    invitation.save(update_fields=["used"])


@dataclass
class HealthResult:
    survey: HealthSurvey
    answers: int
    averages: dict | None  # principle -> average, None below HEALTH_MIN_ANSWERS
    risks: list[tuple[str, int]]
    comments: list[str]

    @property
    def shown(self) -> bool:
        return self.averages is not None


def health_results(initiative: Initiative) -> list[HealthResult]:
    """Each survey of the alliance, oldest first: the trend."""
    labels = choice_labels(TypicalRisk)
    results = []
    for survey in initiative.health_surveys.all():
        answers = survey.answers.all()
        count = answers.count()
        if count < HEALTH_MIN_ANSWERS:
            results.append(HealthResult(survey, count, None, [], []))
            continue
        averages = answers.aggregate(**{name: Avg(name) for name in PRINCIPLES})
        seen: dict[str, int] = {}
        comments = []
        for answer in answers.order_by("?"):  # in no particular order: not the order they came in
            for risk in answer.risks_seen:
                seen[risk] = seen.get(risk, 0) + 1
            if answer.comment:
                comments.append(answer.comment)
        risks = sorted(((str(labels.get(code, code)), n) for code, n in seen.items()), key=lambda item: -item[1])
        results.append(HealthResult(survey, count, {k: round(v, 1) for k, v in averages.items()}, risks, comments))
    return results
