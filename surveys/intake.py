"""Filled Word fichas coming in through the web: receive (check, read, keep the original), review
what was read, then confirm it into a draft ficha or discard it. Nothing reaches the survey or the
registry before a person confirms; a refused file leaves no trace but its message."""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry import ficha as declared
from registry.audit import audit_record
from registry.choices import LIST_ITEM_MAX_CHARS, MAX_ACTORS, MAX_LIST_ITEMS
from registry.models import AuditEntry, Country, Institution
from registry.permissions import require_editor
from surveys import services
from surveys.docx.reader import campaign_of, read_ficha
from surveys.docx.safety import MAX_FILE_BYTES, UnreadableFicha, open_docx_safely
from surveys.models import Campaign, Ficha, FichaUpload
from surveys.notifications import tell_technical_unit_of_upload_on_commit
from surveys.questionnaire import campaign_questions


class DuplicateUpload(ValidationError):
    """The same bytes were already taken in. Only someone who may see that upload learns when and
    how it went (`detail`): to anyone else, another institution's upload stays invisible."""

    def __init__(self, existing: FichaUpload):
        super().__init__(_("This file was already uploaded."))
        self.existing = existing

    def detail(self) -> str:
        return _("This file was already uploaded on %(date)s (%(status)s).") % {
            "date": date_format(timezone.localtime(self.existing.uploaded_at), "SHORT_DATETIME_FORMAT"),
            "status": self.existing.get_status_display().lower(),
        }


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _campaign_for(document, chosen: Campaign | None) -> Campaign | None:
    """The campaign printed in the file wins: it is where the form was downloaded from."""
    embedded = campaign_of(document)
    campaign = Campaign.objects.filter(pk=embedded).first() if embedded else None
    return campaign or chosen


def _institution_of_sender(user, parsed: dict) -> Institution | None:
    """A focal point sends their own institution's ficha; the technical unit's files name theirs."""
    if user.is_technical_unit:
        if not parsed["country"]:
            raise ValidationError(
                _(
                    "The country completing the ficha could not be read. Write it in the first answer "
                    "(“Country and institution completing the form”) and upload the file again."
                )
            )
        return None
    if not (user.is_focal_point and user.institution_id):
        raise PermissionDenied
    institution = user.institution
    if parsed["country"] and parsed["country"] != institution.country_id:
        raise ValidationError(
            _("This ficha is from %(country)s. You can only upload the ficha of %(institution)s.")
            % {"country": Country.objects.get(pk=parsed["country"]).name, "institution": institution}
        )
    return institution


def upload_receive(*, data: bytes, name: str, by, campaign: Campaign | None) -> FichaUpload:
    """Check and read one file; keep it with what was read, waiting for a person to confirm."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    sha256 = sha256_of(data)
    if existing := FichaUpload.objects.exclude(status=FichaUpload.Status.DISCARDED).filter(sha256=sha256).first():
        raise DuplicateUpload(existing)
    try:
        document = open_docx_safely(data)
        campaign = _campaign_for(document, campaign)
        # Read with the questions of the campaign it answers, added ones included.
        parsed = read_ficha(document, campaign_questions(campaign) if campaign else None)
    except UnreadableFicha as error:
        raise ValidationError(str(error.message)) from None
    if campaign is None:
        raise ValidationError(_("The file does not say which campaign it answers: choose the campaign."))
    institution = _institution_of_sender(by, parsed)
    # A focal point's file meets their institution's own closing (the technical unit may have
    # extended it). The technical unit's files name their institution inside: the review checks
    # its closing before anything is confirmed, so a late file for an extended one is not lost.
    if institution is not None and (message := campaign.window_message_for(institution.pk)):
        raise ValidationError(message)
    upload = FichaUpload(
        campaign=campaign,
        institution=institution,
        original_name=(name or "ficha.docx")[-255:],
        size=len(data),
        sha256=sha256,
        parsed=parsed,
        uploaded_by=by,
    )
    try:
        with transaction.atomic():
            upload.file.save(f"{sha256}.docx", ContentFile(data), save=False)
            upload.save()
            audit_record(instance=upload, action=AuditEntry.Action.CREATE, by=by)
            tell_technical_unit_of_upload_on_commit(upload)
    except IntegrityError:  # the same file sent twice at the same moment
        raise DuplicateUpload(FichaUpload.objects.exclude(status=FichaUpload.Status.DISCARDED).get(sha256=sha256)) from None
    return upload


@dataclass
class UploadReview:
    """What confirming would do, recomputed on every view and again on confirmation."""

    country: Country | None = None
    institution: Institution | None = None  # None: it will be created
    institution_name: str = ""
    existing_ficha: Ficha | None = None
    problems: list[str] = field(default_factory=list)  # confirmation is refused while any remain
    warnings: list[str] = field(default_factory=list)
    list_keys: list[str] = field(default_factory=list)  # the campaign's list questions, read once for the file

    @property
    def replaces_content(self) -> bool:
        return self.existing_ficha is not None and (
            self.existing_ficha.initiatives.exists() or bool(self.existing_ficha.institutional_strengths)
        )


def fitted(items: list[str]) -> list[str]:
    """At most MAX_LIST_ITEMS entries, the extra ones kept inside the last so nothing is lost."""
    if len(items) <= MAX_LIST_ITEMS:
        return list(items)
    return [*items[: MAX_LIST_ITEMS - 1], "; ".join(items[MAX_LIST_ITEMS - 1 :])]


def upload_review(upload: FichaUpload) -> UploadReview:
    parsed = upload.parsed
    review = UploadReview(warnings=list(parsed["warnings"]))
    if upload.institution is not None:
        review.institution, review.country = upload.institution, upload.institution.country
        review.institution_name = upload.institution.name
    else:
        review.country = Country.objects.filter(pk=parsed["country"]).first()
        review.institution_name = parsed["institution"]
        review.institution = services.institution_matching(review.country, parsed["institution"]) if review.country else None
        if review.country is None:
            review.problems.append(_("The country completing the ficha could not be read."))
        elif review.institution is None:
            review.warnings.append(
                _("%(name)s is not registered yet: confirming adds it as an institution of %(country)s.")
                % {"name": parsed["institution"] or "—", "country": review.country.name}
            )
    if review.institution is not None:
        review.existing_ficha = Ficha.objects.filter(campaign=upload.campaign, institution=review.institution).first()
    if review.existing_ficha is not None and not review.existing_ficha.is_editable:
        review.problems.append(
            _("The ficha of %(institution)s for this campaign is %(status)s: it can no longer be replaced.")
            % {"institution": review.institution, "status": review.existing_ficha.get_status_display().lower()}
        )
    if message := upload.campaign.window_message_for(review.institution.pk if review.institution else None):
        review.problems.append(message)
    initiatives = parsed["initiatives"]
    if len(initiatives) > upload.campaign.max_initiatives:
        review.problems.append(
            _("The file has %(count)d initiatives; this campaign takes up to %(max)d.")
            % {"count": len(initiatives), "max": upload.campaign.max_initiatives}
        )
    # What the campaign asks is read once: each reading queries its questionnaire.
    questions = campaign_questions(upload.campaign)
    review.list_keys = _list_keys(questions)
    for number, initiative in enumerate(initiatives, start=1):
        for question in questions.initiative:
            if question.needed_to_save and not declared.answered_in(question, initiative):
                review.problems.append(
                    _("Initiative %(number)d: “%(question)s” is missing.") % {"number": number, "question": question.verbose_label}
                )
        if len(initiative["actors"]) > MAX_ACTORS:
            review.problems.append(
                _("Initiative %(number)d lists %(count)d actors; the ficha takes up to %(max)d.")
                % {"number": number, "count": len(initiative["actors"]), "max": MAX_ACTORS}
            )
        for list_field in review.list_keys:
            for position, item in enumerate(fitted(initiative[list_field]), start=1):
                if len(item) > LIST_ITEM_MAX_CHARS:
                    review.problems.append(
                        _(
                            "Initiative %(number)d: item %(position)d of the %(field)s has %(count)s characters; "
                            "the ficha takes up to %(max)s per item. Shorten it in the file and upload it again."
                        )
                        % {
                            "number": number, "position": position, "field": _list_field_label(list_field),
                            "count": f"{len(item):,}", "max": f"{LIST_ITEM_MAX_CHARS:,}",
                        }
                    )
            if len(initiative[list_field]) > MAX_LIST_ITEMS:
                review.warnings.append(
                    _(
                        "Initiative %(number)d lists %(count)d %(field)s; the ficha takes %(max)d. "
                        "The extra ones are kept inside the last one: edit them after confirming."
                    )
                    % {
                        "number": number,
                        "count": len(initiative[list_field]),
                        "field": _list_field_label(list_field),
                        "max": MAX_LIST_ITEMS,
                    }
                )
    return review


def _list_keys(questions) -> list[str]:
    return [question.key for question in questions.initiative if question.kind == declared.Kind.LIST]


def _list_field_label(key: str) -> str:
    return next(question.verbose_label for question in declared.initiative_questions() if question.key == key).lower()


@transaction.atomic
def upload_confirm(*, upload: FichaUpload, by, replace: bool) -> Ficha:
    upload = FichaUpload.objects.select_for_update().get(pk=upload.pk)
    require_editor(by, upload.institution_id)
    previous = upload.transition_to(FichaUpload.Status.CONFIRMED)
    review = upload_review(upload)
    if review.problems:
        raise ValidationError(review.problems)
    if review.replaces_content and not replace:
        raise ValidationError(
            _("The ficha of %(institution)s already has content. Tick the box to replace it with this file.")
            % {"institution": review.institution}
        )
    institution = review.institution or services.institution_create(review.country, review.institution_name)
    parsed = {
        **upload.parsed,
        "initiatives": [
            {**initiative, **{name: fitted(initiative[name]) for name in review.list_keys}}
            for initiative in upload.parsed["initiatives"]
        ],
    }
    ficha = services.ficha_import(parsed=parsed, campaign=upload.campaign, by=by, institution=institution, replace=True)
    upload.ficha = ficha
    upload.decided_by, upload.decided_at = by, timezone.now()
    upload.save(update_fields=["status", "ficha", "decided_by", "decided_at"])
    audit_record(instance=upload, action=AuditEntry.Action.STATUS, by=by, changes={"status": [previous, upload.status]})
    return ficha


@transaction.atomic
def upload_discard(*, upload: FichaUpload, by) -> None:
    upload = FichaUpload.objects.select_for_update().get(pk=upload.pk)
    require_editor(by, upload.institution_id)
    previous = upload.transition_to(FichaUpload.Status.DISCARDED)
    upload.decided_by, upload.decided_at = by, timezone.now()
    upload.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(instance=upload, action=AuditEntry.Action.STATUS, by=by, changes={"status": [previous, upload.status]})
