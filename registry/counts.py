"""Counts kept on rows for the pages that list them: exact after every write, because the writes
that change them call these (registry.services), and a deleted participation refreshes its own
organization (deletions cascade from initiatives through paths no service sees: the admin,
a merge)."""

from collections.abc import Iterable

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete

from registry.choices import Status
from registry.extensions import publication_changed_on_commit
from registry.models import Organization, Participation


def organizations_count_published(organization_ids: Iterable[int] | None = None) -> None:
    """Set Organization.published_initiatives from the participations, for these organizations
    (all of them with None)."""
    published = (
        Participation.objects.filter(organization=OuterRef("pk"), initiative__status=Status.PUBLISHED)
        .order_by()
        .values("organization")
        .annotate(n=Count("initiative", distinct=True))
        .values("n")
    )
    organizations = Organization.objects.all() if organization_ids is None else Organization.objects.filter(pk__in=list(organization_ids))
    # Locked first, in a fixed order: two writers publishing initiatives that share an actor must
    # not count from snapshots that miss each other's change (the second waits, then counts).
    list(organizations.select_for_update().order_by("pk").values_list("pk", flat=True))
    organizations.update(published_initiatives=Coalesce(Subquery(published), 0))


def initiative_publication_changed(initiative, previous_status: str) -> None:
    """Recount the initiative's organizations when it was published or unpublished, and tell the
    apps that listen (registry.extensions: the open-data package)."""
    if previous_status != initiative.status and Status.PUBLISHED in (previous_status, initiative.status):
        organizations_count_published(initiative.participations.values_list("organization_id", flat=True))
        publication_changed_on_commit(initiative)


def _participation_deleted(sender, instance: Participation, **kwargs) -> None:
    organizations_count_published([instance.organization_id])


def connect() -> None:
    post_delete.connect(_participation_deleted, sender=Participation, dispatch_uid="registry.counts.participation")
