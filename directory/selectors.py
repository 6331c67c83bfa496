"""The actor directory: every organization that takes part in initiatives the reader may see,
with its type, country, initiatives and whether it offers to mentor others; and merging the
duplicates a free-text ficha inevitably creates."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from registry.audit import audit_record
from followup.models import CoChair, WorkingGroup
from registry.models import AuditEntry, Initiative, Organization, Participation, current_language
from registry.counts import organizations_count_published
from registry.selectors import sees_unpublished
from registry.services import initiative_refresh_search_text
from knowledge.success_cases import SuccessCase, SuccessCaseActor


def _in_visible_initiatives(user):
    visible = Initiative.objects.visible_to(user).values("pk")
    return Participation.objects.filter(organization=OuterRef("pk"), initiative__in=visible)


def _distinct(participations, path: str):
    return ArraySubquery(participations.order_by(path).values(path).distinct())


def directory(user):
    """Organizations in at least one initiative visible to `user`, with how many, and the
    countries reporting those initiatives (`initiative_countries`, ISO codes): most fichas name
    an actor without its country, and the directory shows and filters by these instead."""
    in_visible = _in_visible_initiatives(user)
    if sees_unpublished(user):
        count = in_visible.order_by().values("organization").annotate(n=Count("initiative", distinct=True)).values("n")
        organizations = Organization.objects.filter(Exists(in_visible)).annotate(initiative_count=Coalesce(Subquery(count), 0))
    else:
        # Readers of published initiatives only: the count kept on each organization (registry.counts)
        # lists and counts them without looking through every participation.
        organizations = Organization.objects.filter(published_initiatives__gt=0).annotate(
            initiative_count=F("published_initiatives")
        )
    return (
        organizations.annotate(initiative_countries=_distinct(in_visible, "initiative__institution__country"))
        .select_related("country")
        .order_by("normalized_name", "pk")
    )


def directory_rows(user):
    """The directory as its page lists it, with the names of `initiative_countries` in the
    reader's language (`initiative_country_names`)."""
    name = f"initiative__institution__country__name_{current_language()}"
    return directory(user).annotate(initiative_country_names=_distinct(_in_visible_initiatives(user), name))


def organization_initiatives(organization: Organization, user):
    return (
        Initiative.objects.visible_to(user)
        .filter(participations__organization=organization)
        .select_related("institution__country")
        .distinct()
        .order_by("name")
    )


def organization_success_cases(organization: Organization, user):
    return SuccessCase.objects.visible_to(user).filter(actors__organization=organization).distinct()



@transaction.atomic
def organizations_merge(*, keep: Organization, duplicates: list[Organization], by) -> Organization:
    """Moves every link of the duplicates to `keep` and deletes them. An initiative that listed
    both keeps one participation (the kept organization's, or the duplicate's role if it had none)."""
    duplicates = [organization for organization in duplicates if organization.pk != keep.pk]
    names = [organization.name for organization in duplicates]
    touched = set()
    for duplicate in duplicates:
        for participation in Participation.objects.select_for_update().filter(organization=duplicate):
            existing = Participation.objects.filter(initiative_id=participation.initiative_id, organization=keep).first()
            if existing is None:
                participation.organization = keep
                participation.save(update_fields=["organization"])
            else:
                if not existing.role and participation.role:
                    existing.role = participation.role
                    existing.save(update_fields=["role"])
                participation.delete()
            touched.add(participation.initiative_id)
        for chair in CoChair.objects.filter(organization=duplicate):
            if CoChair.objects.filter(initiative_id=chair.initiative_id, organization=keep).exists():
                chair.delete()
            else:
                chair.organization = keep
                chair.save(update_fields=["organization"])
        WorkingGroup.objects.filter(lead=duplicate).update(lead=keep)
        for role in SuccessCaseActor.objects.filter(organization=duplicate):
            if SuccessCaseActor.objects.filter(case_id=role.case_id, organization=keep).exists():
                role.delete()
            else:
                role.organization = keep
                role.save(update_fields=["organization"])
        if duplicate.offers_mentoring and not keep.offers_mentoring:
            keep.offers_mentoring = True
            keep.mentoring_topics = keep.mentoring_topics or duplicate.mentoring_topics
            keep.mentoring_contact = keep.mentoring_contact or duplicate.mentoring_contact
            keep.save(update_fields=["offers_mentoring", "mentoring_topics", "mentoring_contact"])
        audit_record(
            instance=duplicate, action=AuditEntry.Action.DELETE, by=by,
            changes={"merged_into": [duplicate.name, f"{keep.name} (#{keep.pk})"]},
        )
        duplicate.delete()
    audit_record(instance=keep, action=AuditEntry.Action.UPDATE, by=by, changes={"merged": [names, keep.name]})
    organizations_count_published([keep.pk])
    for initiative in Initiative.objects.filter(pk__in=touched):
        initiative_refresh_search_text(initiative=initiative)
    return keep


