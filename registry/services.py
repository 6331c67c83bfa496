"""Writes to the registry. Views, admin and commands all call these functions."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.counts import initiative_publication_changed, organizations_count_published
from registry.audit import audit_record, diff, initiative_snapshot
from registry.choices import DRAFT_STATUSES, MAX_ACTORS, ActorType, Status
from registry.models import (
    AuditEntry,
    Country,
    Initiative,
    InitiativeCountry,
    Organization,
    Participation,
    Sector,
)
from registry.permissions import may_edit_for, require_editor, require_technical_unit
from registry.text import fold


class EditConflict(Exception):
    """Someone saved the record after the editor loaded it; `current` is the saved version."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


def check_version(*, model, pk, expected_version: int | None):
    """Lock the row and refuse the save when it changed since `expected_version` was read."""
    current = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    return current


@dataclass(frozen=True)
class ActorInput:
    name: str
    actor_type: str
    role: str = ""
    country: Country | None = None


@dataclass(frozen=True)
class PartnerCountryInput:
    country: Country
    segib_role: str = ""


def organization_get_or_create(*, name: str, actor_type: str, country: Country | None) -> Organization:
    """The same organization, however it is capitalised or accented, is one row."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("An actor needs a name."))
    if actor_type not in ActorType.values:
        raise ValidationError(_("“%(value)s” is not an actor type.") % {"value": actor_type})
    organization = Organization.objects.filter(normalized_name=fold(name), country=country).first()
    if organization is None:
        organization = Organization(name=name, actor_type=actor_type, country=country)
        organization.full_clean()
        organization.save()
    return organization


def initiative_refresh_search_text(*, initiative: Initiative) -> None:
    search_text = initiative.build_search_text()
    if search_text != initiative.search_text:
        Initiative.objects.filter(pk=initiative.pk).update(search_text=search_text)
        initiative.search_text = search_text


@transaction.atomic
def initiative_save(
    *,
    initiative: Initiative,
    by,
    actors: Iterable[ActorInput] | None = None,
    partner_countries: Iterable[PartnerCountryInput] | None = None,
    sectors: Iterable[Sector] | None = None,
    expected_version: int | None = None,
) -> Initiative:
    """Create or update an initiative with its actors, partner countries and sectors.

    Lists left as None are not touched; a list replaces what was there. With expected_version,
    a save over someone else's newer save raises EditConflict and changes nothing.
    """
    require_editor(by, initiative.institution_id)
    creating = initiative.pk is None
    before = {}
    if not creating:
        current = check_version(model=Initiative, pk=initiative.pk, expected_version=expected_version)
        before = initiative_snapshot(current)
        initiative.version = current.version + 1
    initiative.full_clean()
    initiative.save()
    if actors is not None:
        _replace_actors(initiative, list(actors))
    if partner_countries is not None:
        _replace_partner_countries(initiative, list(partner_countries))
    if sectors is not None:
        initiative.sectors.set(list(sectors))
    initiative_refresh_search_text(initiative=initiative)
    changes = diff(before, initiative_snapshot(initiative))
    if creating or changes:
        audit_record(
            instance=initiative,
            action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
            by=by,
            changes=changes,
        )
    return initiative


def _replace_actors(initiative: Initiative, actors: list[ActorInput]) -> None:
    if len(actors) > MAX_ACTORS:
        raise ValidationError(
            _("An initiative lists at most %(max)d actors (this one has %(count)d).") % {"max": MAX_ACTORS, "count": len(actors)}
        )
    rows, seen = [], set()
    for position, actor in enumerate(actors):
        organization = organization_get_or_create(
            name=actor.name, actor_type=actor.actor_type, country=actor.country
        )
        if organization.pk in seen:
            raise ValidationError(
                _("“%(name)s” is listed twice among the actors.") % {"name": organization.name}
            )
        seen.add(organization.pk)
        rows.append(
            Participation(
                initiative=initiative,
                organization=organization,
                actor_type=actor.actor_type,
                role=actor.role.strip(),
                position=position,
            )
        )
    initiative.participations.all().delete()  # each refreshes its organization's count (registry.counts)
    Participation.objects.bulk_create(rows)
    organizations_count_published(row.organization_id for row in rows)


def _replace_partner_countries(initiative: Initiative, partners: list[PartnerCountryInput]) -> None:
    links = [InitiativeCountry(initiative=initiative, country=partner.country, segib_role=partner.segib_role) for partner in partners]
    for link in links:
        link.clean()
    initiative.country_links.all().delete()
    InitiativeCountry.objects.bulk_create(links)


@transaction.atomic
def initiative_transition(*, initiative: Initiative, to_status: str, by, reason: str = "") -> Initiative:
    """Change the curation status; illegal moves raise InvalidTransition and change nothing. Its
    own institution submits; every other move is the technical unit's."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if to_status == Status.SUBMITTED:
        require_editor(by, locked.institution_id)
    else:
        require_technical_unit(by)
    previous_status, previous_reason = locked.status, locked.status_reason
    locked.transition_to(to_status, reason=reason)
    if previous_status in DRAFT_STATUSES and to_status not in DRAFT_STATUSES:
        # What a draft could keep (no type, a fourth strength) stops here, with the rule's message.
        locked.validate_constraints()
    # A new status is a new version: whoever read the old one (a page, an API client) must read again.
    locked.version += 1
    locked.save(
        update_fields=[
            "status", "status_reason", "status_changed_at", "submitted_at", "published_at", "last_confirmed_at", "updated_at",
            "version",
        ]
    )
    initiative_publication_changed(locked, previous_status)
    audit_record(
        instance=locked,
        action=AuditEntry.Action.STATUS,
        by=by,
        changes=diff(
            {"status": previous_status, "status_reason": previous_reason},
            {"status": locked.status, "status_reason": locked.status_reason},
        ),
    )
    initiative.refresh_from_db()
    return initiative


def can_confirm(user, initiative: Initiative) -> bool:
    """A focal point of the initiative's own institution, or the technical unit on its behalf."""
    return may_edit_for(user, initiative.institution_id)


@transaction.atomic
def initiative_confirm(*, initiative: Initiative, by) -> Initiative:
    """The country says the published initiative is still current: it stays "up to date" for
    another year."""
    if not can_confirm(by, initiative):
        raise PermissionDenied
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published initiative can be confirmed as current."))
    before = locked.last_confirmed_at
    locked.last_confirmed_at = timezone.now()
    locked.save(update_fields=["last_confirmed_at", "updated_at"])
    audit_record(
        instance=locked, action=AuditEntry.Action.UPDATE, by=by,
        changes={"last_confirmed_at": [before.isoformat() if before else None, locked.last_confirmed_at.isoformat()]},
    )
    return locked


def initiative_publish(*, initiative: Initiative, by) -> Initiative:
    return initiative_transition(initiative=initiative, to_status=Status.PUBLISHED, by=by)


@transaction.atomic
def initiative_classify(*, initiative: Initiative, classification: str, reason: str, by) -> Initiative:
    """Set the classification by hand (with a reason), or clear the override with ''."""
    require_technical_unit(by)
    initiative.set_classification(classification, reason)
    return initiative_save(initiative=initiative, by=by)


@transaction.atomic
def initiative_mark_out_of_scope(*, initiative: Initiative, out_of_scope: bool, reason: str, by) -> Initiative:
    require_technical_unit(by)
    initiative.out_of_scope = out_of_scope
    initiative.out_of_scope_reason = reason.strip() if out_of_scope else ""
    return initiative_save(initiative=initiative, by=by)


@transaction.atomic
def initiative_curate(
    *,
    initiative: Initiative,
    by,
    expected_version: int,
    status: str | None = None,
    status_reason: str = "",
    classification: str | None = None,
    classification_reason: str = "",
    sectors: Iterable[Sector] | None = None,
) -> Initiative:
    """The technical unit's curation in one write (the API's PATCH): the classification, the
    sectors and the status, checked against the version read, saved once, one version and one
    audit entry; anything refused changes nothing."""
    require_technical_unit(by)
    current = check_version(model=Initiative, pk=initiative.pk, expected_version=expected_version)
    before = initiative_snapshot(current)
    if classification is not None:
        current.set_classification(classification, classification_reason)
    previous_status = current.status
    if status is not None and status != current.status:
        current.transition_to(status, reason=status_reason)
    current.version += 1
    current.full_clean()
    current.save()
    initiative_publication_changed(current, previous_status)
    if sectors is not None:
        current.sectors.set(list(sectors))
    initiative_refresh_search_text(initiative=current)
    changes = diff(before, initiative_snapshot(current))
    if changes:
        audit_record(
            instance=current,
            action=AuditEntry.Action.STATUS if set(changes) <= {"status", "status_reason"} else AuditEntry.Action.UPDATE,
            by=by,
            changes=changes,
        )
    return current
