"""Writes of the alliance follow-up, each checked, atomic and recorded in the audit trail."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from registry.audit import audit_record
from registry.permissions import may_edit_for
from registry.choices import CONTINGENCY_MEASURES, RiskStatus, TypicalRisk
from followup.models import ActorCommitment, CoChair, Contribution, ContributionSource, PhaseStep, Risk, WorkingGroup
from registry.models import AuditEntry, Initiative, Organization
from registry.text import fold


def can_follow_up(user, initiative: Initiative) -> bool:
    """The technical unit and the focal points of the initiative's own institution."""
    return may_edit_for(user, initiative.institution_id)


def _require(user, initiative: Initiative) -> None:
    if not can_follow_up(user, initiative):
        raise PermissionDenied


def risk_register(initiative: Initiative) -> list[Risk]:
    """The register, started with the six typical risks the first time anyone opens it."""
    Risk.objects.bulk_create(
        [Risk(initiative=initiative, kind=kind) for kind in CONTINGENCY_MEASURES], ignore_conflicts=True
    )
    return list(initiative.risks.order_by("pk"))


def initiative_organizations(initiative: Initiative):
    return Organization.objects.filter(participations__initiative=initiative).distinct().order_by("name")


@transaction.atomic
def phase_step_add(*, initiative: Initiative, phase: str, started_on: date, note: str, by) -> PhaseStep:
    _require(by, initiative)
    if started_on > date.today() + timedelta(days=366):
        raise ValidationError(_("A phase cannot start more than a year from now."))
    step = PhaseStep.objects.create(initiative=initiative, phase=phase, started_on=started_on, note=note.strip())
    _sync_current_phase(initiative, by)
    audit_record(instance=initiative, action=AuditEntry.Action.UPDATE, by=by,
                 changes={"phase_history": [None, f"{step.get_phase_display()} {started_on.isoformat()}"]})
    return step


@transaction.atomic
def phase_step_remove(*, step: PhaseStep, by) -> None:
    _require(by, step.initiative)
    initiative, label = step.initiative, f"{step.get_phase_display()} {step.started_on.isoformat()}"
    step.delete()
    _sync_current_phase(initiative, by)
    audit_record(instance=initiative, action=AuditEntry.Action.UPDATE, by=by, changes={"phase_history": [label, None]})


def _sync_current_phase(initiative: Initiative, by) -> None:
    """The initiative's phase (a curation field, in lists and the API) is the latest step's."""
    latest = initiative.phase_steps.order_by("-started_on", "-pk").first()
    phase = latest.phase if latest else initiative.phase
    if phase != initiative.phase:
        Initiative.objects.filter(pk=initiative.pk).update(phase=phase)
        initiative.phase = phase


@transaction.atomic
def co_chairs_set(*, initiative: Initiative, organizations, by) -> None:
    _require(by, initiative)
    allowed = set(initiative_organizations(initiative).values_list("pk", flat=True))
    chosen = {organization.pk for organization in organizations}
    if not chosen <= allowed:
        raise ValidationError(_("Co-chairs must be actors of the initiative."))
    before = sorted(str(chair) for chair in initiative.co_chairs.select_related("organization"))
    initiative.co_chairs.all().delete()
    CoChair.objects.bulk_create(CoChair(initiative=initiative, organization_id=pk) for pk in chosen)
    after = sorted(str(organization) for organization in organizations)
    audit_record(instance=initiative, action=AuditEntry.Action.UPDATE, by=by, changes={"co_chairs": [before, after]})


@transaction.atomic
def working_group_add(*, initiative: Initiative, name: str, lead: Organization | None, by) -> WorkingGroup:
    _require(by, initiative)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Name the working group."))
    if lead is not None and not initiative_organizations(initiative).filter(pk=lead.pk).exists():
        raise ValidationError(_("The lead must be an actor of the initiative."))
    if initiative.working_groups.filter(name__iexact=name).exists():
        raise ValidationError(_("This initiative already has a working group with that name."))
    group = WorkingGroup.objects.create(initiative=initiative, name=name, lead=lead)
    audit_record(instance=initiative, action=AuditEntry.Action.UPDATE, by=by,
                 changes={"working_groups": [None, f"{name} ({lead or '—'})"]})
    return group


@transaction.atomic
def working_group_remove(*, group: WorkingGroup, by) -> None:
    _require(by, group.initiative)
    audit_record(instance=group.initiative, action=AuditEntry.Action.UPDATE, by=by,
                 changes={"working_groups": [f"{group.name} ({group.lead or '—'})", None]})
    group.delete()


@transaction.atomic
def risk_update(*, risk: Risk, status: str, note: str, by) -> Risk:
    _require(by, risk.initiative)
    if status not in RiskStatus.values:
        raise ValidationError(_("Choose a status for the risk."))
    before = [risk.status, risk.note]
    risk.status, risk.note, risk.updated_by = status, note.strip(), by
    risk.save()
    audit_record(instance=risk.initiative, action=AuditEntry.Action.UPDATE, by=by,
                 changes={f"risk: {risk.title}": [before, [risk.status, risk.note]]})
    return risk


@transaction.atomic
def risk_add(*, initiative: Initiative, description: str, contingency: str, by) -> Risk:
    _require(by, initiative)
    description = description.strip()
    if not description:
        raise ValidationError(_("Describe the risk."))
    risk = Risk.objects.create(
        initiative=initiative, kind=TypicalRisk.OTHER, description=description, contingency=contingency.strip(), updated_by=by
    )
    audit_record(instance=initiative, action=AuditEntry.Action.UPDATE, by=by, changes={"risks": [None, description]})
    return risk


def _organization_of(initiative: Initiative, organization: Organization) -> None:
    if not initiative.participations.filter(organization=organization).exists():
        raise ValidationError(_("Only an actor of the initiative can be recorded here."))


@transaction.atomic
def contribution_add(
    *, initiative: Initiative, organization: Organization, kind: str, description: str, amount=None, currency: str = "",
    year: int | None = None, by,
) -> Contribution:
    """Record what one actor brings; money with its currency and year."""
    _require(by, initiative)
    _organization_of(initiative, organization)
    contribution = Contribution(
        initiative=initiative, organization=organization, kind=kind, description=description.strip(), amount=amount,
        currency=(currency or "").upper(), year=year, updated_by=by if getattr(by, "pk", None) else None,
    )
    contribution.full_clean()
    contribution.save()
    audit_record(instance=contribution, action=AuditEntry.Action.CREATE, by=by)
    return contribution


@transaction.atomic
def contributions_report(*, initiative: Initiative, contributions: list[dict], by) -> list[Contribution]:
    """What a submitted ficha says the initiative's actors bring: it replaces what the ficha said
    before, and leaves alone what the follow-up page recorded. Each actor is named as in the
    ficha's own list of actors."""
    actors = {fold(organization.name): organization for organization in initiative_organizations(initiative)}
    kept = []
    for row in contributions:
        organization = actors.get(fold(row["actor"]))
        if organization is None:
            raise ValidationError(
                _("“%(name)s” brings a contribution but is not one of the initiative's actors.") % {"name": row["actor"]}
            )
        contribution = Contribution(
            initiative=initiative, organization=organization, kind=row["kind"], description=row["description"].strip(),
            amount=Decimal(row["amount"]) if row.get("amount") not in (None, "") else None,
            currency=(row.get("currency") or "").upper(), year=row.get("year"),
            source=ContributionSource.FICHA, updated_by=by if getattr(by, "pk", None) else None,
        )
        contribution.full_clean()
        kept.append(contribution)
    reported = initiative.contributions.filter(source=ContributionSource.FICHA)
    before = [str(contribution) for contribution in reported]
    reported.delete()
    Contribution.objects.bulk_create(kept)
    after = [str(contribution) for contribution in kept]
    if before != after:
        audit_record(instance=initiative, action=AuditEntry.Action.UPDATE, by=by, changes={"contributions": [before, after]})
    return kept


@transaction.atomic
def contribution_remove(*, contribution: Contribution, by) -> None:
    _require(by, contribution.initiative)
    audit_record(instance=contribution, action=AuditEntry.Action.DELETE, by=by, changes={"description": [contribution.description, None]})
    contribution.delete()


@transaction.atomic
def commitment_save(*, initiative: Initiative, organization: Organization, responsibilities: str, expected_benefits: str, by) -> ActorCommitment:
    """An actor's responsibilities and the benefits it expects (set again to change them)."""
    _require(by, initiative)
    _organization_of(initiative, organization)
    commitment, created = ActorCommitment.objects.select_for_update().get_or_create(initiative=initiative, organization=organization)
    before = {"responsibilities": commitment.responsibilities, "expected_benefits": commitment.expected_benefits}
    commitment.responsibilities, commitment.expected_benefits = responsibilities.strip(), expected_benefits.strip()
    commitment.full_clean()
    commitment.save()
    audit_record(
        instance=commitment, action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, by=by,
        changes={name: [before[name], getattr(commitment, name)] for name in before if before[name] != getattr(commitment, name)},
    )
    return commitment
