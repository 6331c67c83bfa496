"""Writes of the online survey. Every write checks that the ficha may still be edited and that
nobody saved a newer version in between (optimistic locking: nothing is silently overwritten)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry import services as registry_services
from registry.audit import audit_record, diff, initiative_snapshot, record_snapshot
from registry.permissions import require_editor, require_technical_unit
from registry.ficha import Kind, answered_in, initiative_fields
from registry.models import AuditEntry, Country, Initiative, Institution
from registry.text import fold
from registry.choices import DRAFT_STATUSES, Status
from surveys.completeness import ficha_progress
from surveys.contributions import report_contributions
from surveys.forms import FichaBlockForm, FichaInitiativeForm, as_form_data, form_problems
from surveys.carry_over import earlier_entries, keep_submitted_answers
from surveys.models import Campaign, CampaignExtension, CampaignQuestion, Ficha, FichaInitiative, FichaStatus, Questionnaire
from surveys.questionnaire import ficha_questions
from surveys.notifications import (
    send_returned_on_commit,
    send_submission_receipt_on_commit,
    tell_technical_unit_of_submission_on_commit,
)
from surveys.selectors import ficha_initiatives


class FichaLocked(ValidationError):
    pass


def ensure_editable(ficha: Ficha) -> None:
    if message := ficha.window_message():
        raise FichaLocked(message)
    if not ficha.is_editable:
        raise FichaLocked(_("The ficha has been submitted: it can be read but not changed."))


@transaction.atomic
def ficha_start(*, campaign: Campaign, institution: Institution, by) -> Ficha:
    """The institution's ficha for the campaign, created on first use (shared by its focal points)."""
    require_editor(by, institution.pk)
    ficha = Ficha.objects.filter(campaign=campaign, institution=institution).first()
    if ficha is not None:
        return ficha
    if message := campaign.window_message_for(institution.pk):
        raise FichaLocked(message)
    ficha = Ficha.objects.create(
        campaign=campaign,
        institution=institution,
        focal_point_name=by.get_full_name(),
        focal_point_email=by.email,
        updated_by=by,
    )
    audit_record(instance=ficha, action=AuditEntry.Action.CREATE, by=by)
    return ficha


@transaction.atomic
def ficha_update_block(*, ficha: Ficha, data: dict, expected_version: int | None, by) -> Ficha:
    require_editor(by, ficha.institution_id)
    current = registry_services.check_version(model=Ficha, pk=ficha.pk, expected_version=expected_version)
    ensure_editable(current)
    changes = {
        field: [getattr(current, field), value] for field, value in data.items() if getattr(current, field) != value
    }
    for field, value in data.items():
        setattr(current, field, value)
    current.version += 1
    current.updated_by = by
    current.full_clean()
    current.save()
    if changes:
        audit_record(instance=current, action=AuditEntry.Action.UPDATE, by=by, changes=changes)
    return current


@transaction.atomic
def ficha_save_initiative(
    *,
    ficha: Ficha,
    initiative: Initiative,
    actors: list[registry_services.ActorInput],
    partner_countries: list[registry_services.PartnerCountryInput],
    expected_version: int | None,
    by,
    answers: dict | None = None,
) -> Initiative:
    """Create or update one initiative of the ficha, with its actors and other countries, and
    (`answers`, when given) its answers to the campaign's added questions."""
    require_editor(by, ficha.institution_id)
    locked_ficha = Ficha.objects.select_for_update().get(pk=ficha.pk)
    ensure_editable(locked_ficha)
    if initiative.pk is None:
        if locked_ficha.initiatives.count() >= locked_ficha.campaign.max_initiatives:
            raise ValidationError(
                _("This ficha already holds the maximum of %(max)d initiatives.")
                % {"max": locked_ficha.campaign.max_initiatives}
            )
        initiative.institution = locked_ficha.institution
    elif not locked_ficha.reports(initiative):
        raise PermissionDenied
    initiative.wants_to_share = locked_ficha.wants_to_share
    saved = registry_services.initiative_save(
        initiative=initiative,
        by=by,
        actors=actors,
        partner_countries=partner_countries,
        expected_version=expected_version,
    )
    entry, _created = FichaInitiative.objects.get_or_create(ficha=locked_ficha, initiative=saved)
    if answers is not None and answers != entry.answers:
        changes = {
            f"answers.{key}": [entry.answers.get(key), answers.get(key)]
            for key in sorted(set(entry.answers) | set(answers))
            if entry.answers.get(key) != answers.get(key)
        }
        entry.answers = answers
        entry.save(update_fields=["answers"])
        audit_record(instance=saved, action=AuditEntry.Action.UPDATE, by=by, changes=changes)
    return saved


@transaction.atomic
def ficha_carry_over(*, ficha: Ficha, initiative_ids: list[int], by) -> list[Initiative]:
    """Bring initiatives of earlier campaigns into this ficha: the same registry initiative, with
    the answers to the added questions this campaign asks again."""
    require_editor(by, ficha.institution_id)
    locked = Ficha.objects.select_for_update().get(pk=ficha.pk)
    ensure_editable(locked)
    if not initiative_ids:
        raise ValidationError(_("Choose at least one initiative to bring over."))
    entries = {entry.initiative_id: entry for entry in earlier_entries(locked)}
    unknown = [pk for pk in initiative_ids if pk not in entries]
    if unknown:
        raise ValidationError(_("Only initiatives of your institution's earlier fichas can be brought over."))
    room = locked.campaign.max_initiatives - locked.initiatives.count()
    if len(set(initiative_ids)) > room:
        raise ValidationError(
            _("This ficha has room for %(room)d more initiatives; %(count)d were chosen.") % {"room": room, "count": len(set(initiative_ids))}
        )
    asked = {question.key for question in ficha_questions(locked).initiative if getattr(question, "added", False)}
    carried = []
    for pk in dict.fromkeys(initiative_ids):
        earlier = entries[pk]
        FichaInitiative.objects.create(
            ficha=locked,
            initiative=earlier.initiative,
            carried_from=earlier,
            answers={key: value for key, value in earlier.answers.items() if key in asked},
        )
        audit_record(
            instance=locked, action=AuditEntry.Action.UPDATE, by=by,
            changes={"initiatives": [None, f"#{earlier.initiative.pk} {earlier.initiative.name}"]},
        )
        carried.append(earlier.initiative)
    return carried



@transaction.atomic
def ficha_remove_initiative(*, ficha: Ficha, initiative: Initiative, by) -> None:
    require_editor(by, ficha.institution_id)
    locked_ficha = Ficha.objects.select_for_update().get(pk=ficha.pk)
    ensure_editable(locked_ficha)
    if not locked_ficha.reports(initiative):
        raise PermissionDenied
    if initiative.fichas.exclude(pk=locked_ficha.pk).exists() or initiative.status not in DRAFT_STATUSES:
        # Reported on another campaign's ficha too, or already in the registry's curation (an
        # initiative a submitted one was merged into): it leaves this ficha and stays registered.
        locked_ficha.initiatives.remove(initiative)
        audit_record(instance=locked_ficha, action=AuditEntry.Action.UPDATE, by=by, changes={"initiatives": [initiative.name, None]})
        return
    # Every answer it had, actors and countries included: what a replacement or a slip removed can be
    # read back from the audit trail and entered again.
    audit_record(
        instance=initiative, action=AuditEntry.Action.DELETE, by=by,
        changes={field: [value, None] for field, value in initiative_snapshot(initiative).items()},
    )
    initiative.delete()


@transaction.atomic
def ficha_submit(*, ficha: Ficha, by) -> Ficha:
    """Validate everything, freeze the ficha, move its initiatives to the technical unit."""
    require_editor(by, ficha.institution_id)
    locked = Ficha.objects.select_for_update().get(pk=ficha.pk)
    ensure_editable(locked)
    initiatives = ficha_initiatives(locked)
    progress = ficha_progress(locked, initiatives)
    if not progress.complete:
        raise ValidationError(
            [_("The ficha cannot be submitted yet. Still missing:"), *progress.missing], code="incomplete"
        )
    for initiative in initiatives:
        if initiative.status not in DRAFT_STATUSES:
            continue  # already curated (merged into from an earlier round): it keeps its status
        Initiative.objects.filter(pk=initiative.pk).update(wants_to_share=locked.wants_to_share)
        registry_services.initiative_transition(initiative=initiative, to_status=Status.SUBMITTED, by=by)
    previous = locked.transition_to(FichaStatus.SUBMITTED)
    locked.submitted_at = timezone.now()
    locked.submitted_by = by
    # From now on the ficha reads with the questions it was given, and they can no longer change.
    questionnaire = locked.campaign.current_questionnaire
    if questionnaire is not None and not questionnaire.is_frozen:
        Questionnaire.objects.filter(pk=questionnaire.pk, frozen_at__isnull=True).update(frozen_at=locked.submitted_at)
    locked.questionnaire = questionnaire
    locked.save()
    keep_submitted_answers(locked, initiatives)
    report_contributions(ficha_questions(locked), initiatives, by)
    audit_record(instance=locked, action=AuditEntry.Action.STATUS, by=by, changes={"status": [previous, locked.status]})
    send_submission_receipt_on_commit(locked)
    tell_technical_unit_of_submission_on_commit(locked)
    return locked


@transaction.atomic
def ficha_return(*, ficha: Ficha, comment: str, by, initiative_comments: dict[int, str] | None = None) -> Ficha:
    """Send the ficha back to its focal points with comments; they can edit and resubmit it. An
    initiative may get its own comment (what to fix in it), besides the ficha's."""
    require_technical_unit(by)
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Write the comments for the focal points."))
    own = {pk: text.strip() for pk, text in (initiative_comments or {}).items() if text and text.strip()}
    locked = Ficha.objects.select_for_update().get(pk=ficha.pk)
    if locked.status != FichaStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted ficha can be returned."))
    for initiative in locked.initiatives.filter(status=Status.SUBMITTED):
        registry_services.initiative_transition(
            initiative=initiative, to_status=Status.RETURNED, by=by, reason=own.get(initiative.pk, comment)
        )
    locked.transition_to(FichaStatus.RETURNED)
    locked.review_comment = comment
    locked.save()
    audit_record(
        instance=locked, action=AuditEntry.Action.STATUS, by=by,
        changes={"status": [FichaStatus.SUBMITTED, FichaStatus.RETURNED], "review_comment": ["", comment]},
    )
    send_returned_on_commit(locked)
    return locked


@transaction.atomic
def ficha_decide_initiative(*, ficha: Ficha, initiative: Initiative, decision: str, by, reason: str = "") -> Initiative:
    """Accept one submitted initiative (published, or kept in review) or reject it with a reason.
    When nothing is left to decide, the ficha counts as reviewed."""
    require_technical_unit(by)
    locked = Ficha.objects.select_for_update().get(pk=ficha.pk)
    if locked.status != FichaStatus.SUBMITTED:
        raise ValidationError(_("Only the initiatives of a submitted ficha can be decided."))
    if not locked.reports(initiative):
        raise PermissionDenied
    target = {"publish": Status.PUBLISHED, "review": Status.IN_REVIEW, "reject": Status.REJECTED}.get(decision)
    if target is None:
        raise ValidationError(_("Unknown decision."))
    registry_services.initiative_transition(initiative=initiative, to_status=target, by=by, reason=reason)
    _mark_reviewed_when_done(locked, by)
    return initiative


@transaction.atomic
def ficha_merge_initiative(*, ficha: Ficha, initiative: Initiative, into: Initiative, by) -> Initiative:
    """Instead of registering a duplicate, bring the submitted answers into the existing
    initiative: it keeps its id, status and history, and becomes linked to this ficha."""
    require_technical_unit(by)
    locked = Ficha.objects.select_for_update().get(pk=ficha.pk)
    if locked.status != FichaStatus.SUBMITTED or initiative.status != Status.SUBMITTED:
        raise ValidationError(_("Only the initiatives of a submitted ficha can be decided."))
    if not locked.reports(initiative):
        raise PermissionDenied
    if into.pk == initiative.pk or locked.reports(into) or into.institution.country_id != locked.institution.country_id:
        raise ValidationError(_("An initiative can only be merged into another initiative of the same country."))
    for field in initiative_fields():
        setattr(into, field, getattr(initiative, field))
    into.wants_to_share = initiative.wants_to_share
    registry_services.initiative_save(
        initiative=into,
        by=by,
        actors=[
            registry_services.ActorInput(name=p.organization.name, actor_type=p.actor_type, role=p.role, country=p.organization.country)
            for p in initiative.participations.select_related("organization")
        ],
        partner_countries=[
            registry_services.PartnerCountryInput(country=link.country, segib_role=link.segib_role)
            for link in initiative.country_links.select_related("country")
        ],
    )
    audit_record(
        instance=initiative, action=AuditEntry.Action.DELETE, by=by,
        changes={"merged_into": [None, f"#{into.pk} {into.name}"]},
    )
    initiative.delete()
    locked.initiatives.add(into)
    _mark_reviewed_when_done(locked, by)
    return into


def _mark_reviewed_when_done(ficha: Ficha, by) -> None:
    if ficha.initiatives.filter(status=Status.SUBMITTED).exists():
        return
    ficha.transition_to(FichaStatus.REVIEWED)
    ficha.save()
    audit_record(
        instance=ficha, action=AuditEntry.Action.STATUS, by=by, changes={"status": [FichaStatus.SUBMITTED, FichaStatus.REVIEWED]}
    )


@transaction.atomic
def ficha_import(
    *, parsed: dict, campaign: Campaign, by, institution: Institution | None = None, replace: bool = False
) -> Ficha:
    """Write a ficha read from Word as a draft of the online survey: people review it there
    before it is submitted. One unusable answer rolls the whole file back. With `replace`, the
    initiatives the ficha already had give way to the file's."""
    if institution is None:
        if not parsed.get("country"):
            raise ValidationError(_("The country completing the ficha could not be read."))
        country = Country.objects.get(pk=parsed["country"])
        name = parsed.get("institution") or ""
        institution = institution_matching(country, name) or institution_create(country, name)
    country = institution.country
    ficha = ficha_start(campaign=campaign, institution=institution, by=by)
    if replace:
        for initiative in list(ficha.initiatives.all()):
            ficha_remove_initiative(ficha=ficha, initiative=initiative, by=by)
    questions = ficha_questions(ficha)
    # Through the online forms, as every row of a bulk import goes through the form of a single
    # edit: a ficha from Word meets exactly the rules of one typed in the browser.
    block = FichaBlockForm({**as_form_data(questions.block, parsed), "version": ficha.version}, instance=ficha, questions=questions)
    if not block.is_valid():
        raise ValidationError(form_problems(block, _("Institutional information")))
    ficha_update_block(
        ficha=ficha,
        data={**{name: block.cleaned_data[name] for name in block.answer_names()}, "answers": block.added_answers(ficha.answers)},
        expected_version=None,
        by=by,
    )
    for number, answers in enumerate(parsed["initiatives"], start=1):
        where = _("Initiative %(number)d") % {"number": number}
        for question in questions.initiative:
            if question.needed_to_save and not answered_in(question, answers):
                raise ValidationError(
                    _("Initiative %(number)d: “%(question)s” is missing.") % {"number": number, "question": question.verbose_label}
                )
        form = FichaInitiativeForm(
            as_form_data(questions.initiative, answers), instance=Initiative(institution=ficha.institution), questions=questions,
        )
        if not form.is_valid():
            raise ValidationError(form_problems(form, where))
        initiative = form.instance
        ficha_save_initiative(
            ficha=ficha,
            initiative=initiative,
            actors=[registry_services.ActorInput(name=a["name"], actor_type=a["actor_type"]) for a in _rows(Kind.ACTORS, questions, answers)],
            partner_countries=[
                registry_services.PartnerCountryInput(country=Country.objects.get(pk=code))
                for code in _rows(Kind.COUNTRIES, questions, answers)
                if code != country.pk
            ],
            expected_version=None,
            by=by,
            answers=form.added_answers({}),
        )
    return ficha


def _rows(kind: Kind, questions, answers: dict) -> list:
    """The answers of the question of this kind (actors, other countries), as the reader gave them."""
    return [row for question in questions.initiative if question.kind == kind for row in answers.get(question.key) or []]


def institution_matching(country, name: str) -> Institution | None:
    """The registered institution a ficha names, by name or acronym, accents and case aside."""
    folded = fold(name)
    if not folded:
        return None
    for institution in Institution.objects.filter(country=country):
        if folded in {fold(institution.name), fold(institution.acronym)} or fold(institution.name) in folded:
            return institution
    return None


def institution_create(country, name: str) -> Institution:
    if not name.strip():
        raise ValidationError(_("The institution completing the ficha could not be read."))
    return Institution.objects.create(country=country, name=name.strip()[:300])


@transaction.atomic
def campaign_extend(*, campaign: Campaign, institution: Institution, closes_at, reason: str, by) -> CampaignExtension:
    """Give one institution until `closes_at` to fill in and submit its ficha (set again to change it)."""
    require_technical_unit(by)
    if closes_at <= campaign.closes_at:
        raise ValidationError(_("The new closing must be later than the campaign's own closing."))
    if closes_at <= timezone.now():
        raise ValidationError(_("The new closing must be in the future."))
    extension = CampaignExtension.objects.select_for_update().filter(campaign=campaign, institution=institution).first()
    before = extension.closes_at.isoformat() if extension else None
    extension = extension or CampaignExtension(campaign=campaign, institution=institution)
    extension.closes_at, extension.reason, extension.granted_by = closes_at, reason.strip(), by
    extension.full_clean()
    extension.save()
    audit_record(instance=extension, action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, by=by,
                 changes={"closes_at": [before, closes_at.isoformat()], "institution": [None, str(institution)]})
    return extension


@transaction.atomic
def campaign_extension_remove(*, campaign: Campaign, institution: Institution, by) -> None:
    """Undo an extension: the institution is back on the campaign's own closing."""
    require_technical_unit(by)
    extension = CampaignExtension.objects.select_for_update().filter(campaign=campaign, institution=institution).first()
    if extension is None:
        return
    audit_record(instance=extension, action=AuditEntry.Action.DELETE, by=by,
                 changes={"closes_at": [extension.closes_at.isoformat(), None], "institution": [str(institution), None]})
    extension.delete()


def _require_unfrozen(questionnaire: Questionnaire) -> None:
    if questionnaire.is_frozen:
        raise ValidationError(
            _("This questionnaire is frozen: fichas were submitted with it. Make a new version to change its questions."),
            code="frozen",
        )


@transaction.atomic
def campaign_save(*, campaign: Campaign, by) -> Campaign:
    """Open a yearly campaign, or change its dates, texts, limit of initiatives and reminders."""
    require_technical_unit(by)
    before = record_snapshot(Campaign.objects.select_for_update().get(pk=campaign.pk)) if campaign.pk else {}
    campaign.full_clean()
    campaign.save()
    audit_record(
        instance=campaign, action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, by=by,
        changes=diff(before, record_snapshot(campaign)),
    )
    return campaign


@transaction.atomic
def questionnaire_save(*, questionnaire: Questionnaire, by) -> Questionnaire:
    """Create a campaign's first questionnaire, or change which core questions it leaves out."""
    require_technical_unit(by)
    if questionnaire.pk is None:
        if Questionnaire.objects.select_for_update().filter(campaign=questionnaire.campaign).exists():
            raise ValidationError(_("This campaign already has a questionnaire: make a new version of it instead."))
        questionnaire.version = 1
        action = AuditEntry.Action.CREATE
    else:
        _require_unfrozen(Questionnaire.objects.select_for_update().get(pk=questionnaire.pk))
        action = AuditEntry.Action.UPDATE
    questionnaire.full_clean()
    questionnaire.save()
    audit_record(instance=questionnaire, action=action, by=by, changes={"hidden_core": [None, questionnaire.hidden_core]})
    return questionnaire


@transaction.atomic
def campaign_question_save(*, question: CampaignQuestion, by) -> CampaignQuestion:
    """Add or change a question of a questionnaire that no ficha was submitted with yet."""
    require_technical_unit(by)
    _require_unfrozen(Questionnaire.objects.select_for_update().get(pk=question.questionnaire_id))
    action = AuditEntry.Action.UPDATE if question.pk else AuditEntry.Action.CREATE
    question.full_clean()
    question.save()
    _touch(question.questionnaire_id)
    audit_record(instance=question, action=action, by=by)
    return question


def _touch(questionnaire_id: int) -> None:
    """What the questionnaire asks changed: its API record says so (updated_since, Last-Modified)."""
    Questionnaire.objects.filter(pk=questionnaire_id).update(updated_at=timezone.now())


@transaction.atomic
def campaign_question_delete(*, question: CampaignQuestion, by) -> None:
    require_technical_unit(by)
    _require_unfrozen(Questionnaire.objects.select_for_update().get(pk=question.questionnaire_id))
    audit_record(instance=question, action=AuditEntry.Action.DELETE, by=by, changes={"key": [question.key, None]})
    question.delete()
    _touch(question.questionnaire_id)


@transaction.atomic
def questionnaire_new_version(*, campaign: Campaign, by) -> Questionnaire:
    """A copy of the campaign's newest questionnaire to change: fichas submitted with the old one
    keep it; the fichas still being filled in answer the new one (answers are kept by key)."""
    require_technical_unit(by)
    Campaign.objects.select_for_update().get(pk=campaign.pk)
    latest = campaign.questionnaires.order_by("-version").first()
    version = Questionnaire.objects.create(
        campaign=campaign, version=(latest.version + 1) if latest else 1, hidden_core=list(latest.hidden_core) if latest else []
    )
    for question in latest.questions.all() if latest else []:
        question.pk, question.questionnaire = None, version
        question.save()
    audit_record(instance=version, action=AuditEntry.Action.CREATE, by=by, changes={"version": [latest.version if latest else None, version.version]})
    return version
