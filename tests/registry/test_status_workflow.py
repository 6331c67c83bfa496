import pytest

from registry import services
from registry.choices import STATUS_TRANSITIONS, Status
from registry.models import AuditEntry, Initiative, InvalidTransition
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(current, new) for current in Status.values for new in Status.values if current != new]


@pytest.mark.parametrize(("current", "new"), ALL_PAIRS)
def test_only_the_documented_transitions_are_allowed(current, new):
    initiative = Initiative(status=current)
    assert initiative.can_transition_to(new) == (new in STATUS_TRANSITIONS[current])


def test_an_initiative_goes_from_draft_to_published_through_submission(curator):
    initiative = make_initiative(status=Status.DRAFT)
    services.initiative_transition(initiative=initiative, to_status=Status.SUBMITTED, by=curator)
    services.initiative_publish(initiative=initiative, by=curator)
    assert initiative.status == Status.PUBLISHED
    assert initiative.submitted_at is not None and initiative.published_at is not None


def test_an_illegal_transition_is_refused_and_changes_nothing(curator):
    initiative = make_initiative(status=Status.DRAFT)
    entries_before = AuditEntry.objects.count()
    with pytest.raises(InvalidTransition) as error:
        services.initiative_publish(initiative=initiative, by=curator)
    assert "no puede pasar de «Borrador» a «Publicada»" in error.value.messages[0]
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT
    assert AuditEntry.objects.count() == entries_before


def test_returning_needs_comments_for_the_focal_point(curator):
    initiative = make_initiative(status=Status.SUBMITTED)
    with pytest.raises(InvalidTransition):
        services.initiative_transition(initiative=initiative, to_status=Status.RETURNED, by=curator, reason=" ")
    services.initiative_transition(
        initiative=initiative, to_status=Status.RETURNED, by=curator, reason="Complete los resultados"
    )
    assert initiative.status == Status.RETURNED
    assert initiative.status_reason == "Complete los resultados"


def test_every_status_change_is_recorded_with_who_and_what(curator):
    initiative = make_initiative(status=Status.SUBMITTED)
    services.initiative_transition(initiative=initiative, to_status=Status.REJECTED, by=curator, reason="No es CSS")
    entry = AuditEntry.objects.filter(object_id=str(initiative.pk), action=AuditEntry.Action.STATUS).first()
    assert entry.actor == curator
    assert entry.changes["status"] == [Status.SUBMITTED, Status.REJECTED]
    assert entry.changes["status_reason"] == ["", "No es CSS"]


def test_edits_are_recorded_field_by_field(curator):
    initiative = make_initiative(by=curator)
    initiative.name = "Nuevo nombre"
    services.initiative_save(initiative=initiative, by=curator, sectors=[])
    entry = AuditEntry.objects.filter(object_id=str(initiative.pk), action=AuditEntry.Action.UPDATE).first()
    assert entry.changes["name"][1] == "Nuevo nombre"
    assert entry.actor == curator
