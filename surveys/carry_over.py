"""The same initiatives come back every campaign, often filled by a new focal point. A ficha takes
them over from the institution's earlier fichas (surveys.services.ficha_carry_over) as the same
registry initiative (no copy, no duplicate), pre-filled; each submission keeps the answers as
given, so the curator of the next campaign sees what changed since."""

from django.contrib.contenttypes.models import ContentType

from registry.audit import initiative_snapshot, readable_changes
from registry.models import AuditEntry, Initiative
from surveys.models import Ficha, FichaInitiative


def keep_submitted_answers(ficha: Ficha, initiatives) -> None:
    """The core answers of each initiative as the ficha submits them."""
    for initiative in initiatives:
        FichaInitiative.objects.filter(ficha=ficha, initiative=initiative).update(submitted_answers=initiative_snapshot(initiative))


def earlier_entries(ficha: Ficha):
    """The institution's initiatives on fichas of earlier campaigns that this ficha does not hold
    yet, the latest report of each first."""
    return (
        FichaInitiative.objects.filter(
            ficha__institution_id=ficha.institution_id, ficha__campaign__opens_at__lt=ficha.campaign.opens_at
        )
        .exclude(initiative__in=ficha.initiatives.all())
        .select_related("initiative", "ficha__campaign")
        .order_by("initiative_id", "-ficha__campaign__opens_at")
        .distinct("initiative_id")
    )


def carry_over_candidates(ficha: Ficha) -> list[FichaInitiative]:
    return sorted(earlier_entries(ficha), key=lambda entry: (-entry.ficha.campaign.opens_at.timestamp(), entry.initiative.name))


def previous_report(ficha: Ficha, initiative: Initiative) -> FichaInitiative | None:
    """The initiative's last submitted report on an earlier campaign's ficha."""
    return (
        FichaInitiative.objects.filter(
            initiative=initiative, submitted_answers__isnull=False, ficha__campaign__opens_at__lt=ficha.campaign.opens_at
        )
        .select_related("ficha__campaign")
        .order_by("-ficha__campaign__opens_at")
        .first()
    )


def changes_since_previous(ficha: Ficha, initiative: Initiative) -> tuple[FichaInitiative | None, list[tuple[str, str, str]]]:
    """(the earlier report, [(what, then, now)]): what the initiative's answers changed since it
    was last submitted on an earlier campaign's ficha."""
    earlier = previous_report(ficha, initiative)
    if earlier is None:
        return None, []
    now = initiative_snapshot(initiative)
    then = earlier.submitted_answers
    changes = {name: [then.get(name), value] for name, value in now.items() if then.get(name) != value}
    entry = AuditEntry(content_type=ContentType.objects.get_for_model(Initiative), changes=changes)
    return earlier, readable_changes(entry)
