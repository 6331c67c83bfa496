import pytest
from django.core.exceptions import ValidationError

from registry import services
from registry.choices import ActorType as A, Classification, classify
from registry.models import Initiative
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("distinct_types", "expected"),
    [
        (0, Classification.NOT_MULTI_ACTOR),
        (1, Classification.NOT_MULTI_ACTOR),
        (2, Classification.MULTI_ACTOR_ALLIANCE),
        (3, Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE),
        (9, Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE),
    ],
)
def test_the_rule_counts_distinct_actor_types(distinct_types, expected):
    assert classify(distinct_types) == expected


def test_several_actors_of_one_type_are_not_multi_actor():
    initiative = make_initiative(actors=[("Ministerio A", A.PUBLIC_SECTOR), ("Ministerio B", A.PUBLIC_SECTOR)])
    assert initiative.classification == Classification.NOT_MULTI_ACTOR


def test_two_types_meet_the_narrow_definition():
    initiative = make_initiative(actors=[("Ministerio", A.PUBLIC_SECTOR), ("Empresa", A.PRIVATE_SECTOR)])
    assert initiative.classification == Classification.MULTI_ACTOR_ALLIANCE
    assert "2" in initiative.classification_reason


def test_three_types_make_an_alliance_for_sustainable_development():
    initiative = make_initiative(
        actors=[("Ministerio", A.PUBLIC_SECTOR), ("Empresa", A.PRIVATE_SECTOR), ("Universidad", A.ACADEMIA)]
    )
    assert initiative.classification == Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE


def test_other_and_unrecognised_actor_types_do_not_count_as_distinct_types():
    """A Word file's unrecognised type is kept as "other": it must not turn a two-type initiative
    into an alliance for sustainable development."""
    initiative = make_initiative(actors=[("Ministerio", A.PUBLIC_SECTOR), ("Empresa", A.PRIVATE_SECTOR), ("Red", A.OTHER)])
    assert initiative.classification == Classification.MULTI_ACTOR_ALLIANCE
    assert "2" in initiative.classification_reason and "Otro" not in initiative.classification_reason
    stored = Initiative.objects.with_classification().get(pk=initiative.pk)
    assert stored.classification_code == Classification.MULTI_ACTOR_ALLIANCE


def test_the_database_classification_agrees_with_the_python_rule():
    actor_sets = [
        [("O1", A.OTHER), ("O1b", A.OTHER)],
        [("M4", A.PUBLIC_SECTOR), ("O4", A.OTHER)],
        [("M1", A.PUBLIC_SECTOR)],
        [("M2", A.PUBLIC_SECTOR), ("E2", A.PRIVATE_SECTOR)],
        [("M3", A.PUBLIC_SECTOR), ("E3", A.PRIVATE_SECTOR), ("U3", A.ACADEMIA), ("U3b", A.ACADEMIA)],
        [],
    ]
    for actors in actor_sets:
        make_initiative(actors=actors)
    for initiative in Initiative.objects.with_classification().prefetch_related("participations"):
        assert initiative.classification_code == initiative.classification.value


def test_the_technical_unit_can_override_with_a_recorded_reason(curator):
    initiative = make_initiative(actors=[("Ministerio", A.PUBLIC_SECTOR), ("Empresa", A.PRIVATE_SECTOR)])
    services.initiative_classify(
        initiative=initiative,
        classification=Classification.NOT_MULTI_ACTOR,
        reason="La empresa solo es proveedora",
        by=curator,
    )
    initiative = Initiative.objects.with_classification().get(pk=initiative.pk)
    assert initiative.classification == Classification.NOT_MULTI_ACTOR
    assert initiative.classification_code == Classification.NOT_MULTI_ACTOR
    assert initiative.classification_reason == "La empresa solo es proveedora"


def test_an_override_without_a_reason_is_refused_and_changes_nothing(curator):
    initiative = make_initiative()
    with pytest.raises(ValidationError, match="motivo para fijar la clasificación"):
        services.initiative_classify(
            initiative=initiative, classification=Classification.NOT_MULTI_ACTOR, reason="  ", by=curator
        )
    initiative.refresh_from_db()
    assert initiative.classification_override == ""


def test_clearing_the_override_returns_to_the_computed_classification(curator):
    initiative = make_initiative(actors=[("Ministerio", A.PUBLIC_SECTOR), ("Empresa", A.PRIVATE_SECTOR)])
    services.initiative_classify(initiative=initiative, classification=Classification.NOT_MULTI_ACTOR, reason="x", by=curator)
    services.initiative_classify(initiative=initiative, classification="", reason="", by=curator)
    initiative.refresh_from_db()
    assert initiative.classification == Classification.MULTI_ACTOR_ALLIANCE
    assert initiative.classification_override_reason == ""


def test_marking_out_of_scope_needs_a_reason(curator):
    initiative = make_initiative()
    with pytest.raises(ValidationError):
        services.initiative_mark_out_of_scope(initiative=initiative, out_of_scope=True, reason="", by=curator)
    services.initiative_mark_out_of_scope(
        initiative=initiative, out_of_scope=True, reason="Es cooperación Norte-Sur", by=curator
    )
    initiative.refresh_from_db()
    assert initiative.out_of_scope and initiative.out_of_scope_reason == "Es cooperación Norte-Sur"
