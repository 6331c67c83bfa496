"""The ficha's limits hold in the database itself, not only in forms, from submission on; a draft
keeps what its focal points typed (a fourth strength, no type yet) until they submit."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry import services
from registry.choices import InitiativeType, Status
from registry.forms import InitiativeForm, ItemListField
from registry.models import Initiative
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["strengths", "challenges", "results"])
def test_a_fourth_item_is_refused_by_validation_with_a_clear_message(field):
    initiative = Initiative(
        institution=institution_for("CR"), name="X", initiative_type=InitiativeType.ACTION, status=Status.PUBLISHED,
        **{field: ["a", "b", "c", "d"]},
    )
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "como máximo 3" in " ".join(error.value.messages)


@pytest.mark.parametrize("field", ["strengths", "challenges", "results"])
def test_a_draft_keeps_a_fourth_item_until_it_is_submitted(field):
    initiative = make_initiative(status=Status.DRAFT, **{field: ["a", "b", "c", "d"]})
    initiative.refresh_from_db()
    assert getattr(initiative, field) == ["a", "b", "c", "d"]
    with pytest.raises(ValidationError) as error:
        services.initiative_transition(initiative=initiative, to_status=Status.SUBMITTED, by=None)
    assert "como máximo 3" in " ".join(error.value.messages)
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT


def test_a_draft_may_lack_its_type_but_a_submitted_initiative_may_not():
    draft = Initiative(institution=institution_for("CR"), name="X", initiative_type=None, status=Status.DRAFT)
    draft.full_clean()
    draft.status = Status.SUBMITTED
    with pytest.raises(ValidationError, match="Elija el tipo de iniciativa"):
        draft.full_clean()


@pytest.mark.parametrize("field", ["strengths", "challenges", "results"])
def test_a_fourth_item_is_refused_by_the_database_even_without_validation(field):
    initiative = make_initiative()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(**{field: ["a", "b", "c", "d"]})


def test_three_items_are_accepted_and_keep_their_order():
    initiative = make_initiative(strengths=["primera", "segunda", "tercera"])
    initiative.refresh_from_db()
    assert initiative.strengths == ["primera", "segunda", "tercera"]


def test_blank_lines_do_not_count_as_items():
    initiative = Initiative(
        institution=institution_for("CR"), name="X", initiative_type=InitiativeType.ACTION,
        strengths=["a", " ", "", "b", "c"],
    )
    initiative.full_clean()
    assert initiative.strengths == ["a", "b", "c"]


def test_type_4_needs_its_specification():
    initiative = Initiative(
        institution=institution_for("CR"), name="X", initiative_type=InitiativeType.OTHER, status=Status.SUBMITTED
    )
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "opción 4" in str(error.value)
    initiative.initiative_type_other = "Red de municipios"
    initiative.full_clean()


def test_the_specification_is_dropped_when_the_type_is_not_4():
    initiative = Initiative(
        institution=institution_for("CR"), name="X", initiative_type=InitiativeType.ACTION, initiative_type_other="algo"
    )
    initiative.full_clean()
    assert initiative.initiative_type_other == ""


def test_sdg_goals_must_be_between_1_and_17():
    initiative = make_initiative()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(sdgs=[18])


def test_the_end_year_cannot_precede_the_start_year():
    initiative = Initiative(
        institution=institution_for("CR"), name="X", initiative_type=InitiativeType.ACTION, start_year=2022, end_year=2020
    )
    with pytest.raises(ValidationError):
        initiative.full_clean()


def test_the_form_reads_one_item_per_line_and_explains_the_limit():
    field = ItemListField()
    assert field.clean("uno\n\n dos \ntres") == ["uno", "dos", "tres"]
    with pytest.raises(ValidationError) as error:
        field.clean("1\n2\n3\n4")
    assert "(indicó 4)" in str(error.value)


def test_the_initiative_form_shows_the_fichas_help_texts():
    form = InitiativeForm()
    assert "cuellos de botella" in str(form.fields["challenges"].help_text)
    assert "opción 4" in str(form.fields["initiative_type"].help_text)
