"""Interest in other countries' initiatives, and where it meets: the candidates ranked by the
number of interested countries, and bilateral matches."""

import pytest
from django.core.exceptions import ValidationError

from dialogues import services
from dialogues.selectors import bilateral_matches, interest_candidates
from registry.choices import Role, Status
from tests.conftest import _user
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db


def focal_point_of(django_user_model, iso2: str):
    return _user(django_user_model, f"focal_{iso2.lower()}", Role.FOCAL_POINT, institution_for(iso2))


def test_a_focal_point_marks_interest_with_a_question(focal_ar, cr_initiative):
    interest = services.interest_mark(initiative=cr_initiative, by=focal_ar, question="¿Cómo se financia?")
    assert interest.institution == focal_ar.institution and interest.question == "¿Cómo se financia?"


def test_interest_is_refused_in_ones_own_country_twice_or_when_not_shared(focal_cr, focal_ar, cr_initiative, costa_rica):
    with pytest.raises(ValidationError, match="propio país"):
        services.interest_mark(initiative=cr_initiative, by=focal_cr)
    services.interest_mark(initiative=cr_initiative, by=focal_ar)
    with pytest.raises(ValidationError, match="ya marcó"):
        services.interest_mark(initiative=cr_initiative, by=focal_ar)
    private = make_initiative(institution=costa_rica, wants_to_share=False)
    with pytest.raises(ValidationError, match="no aceptó compartir"):
        services.interest_mark(initiative=private, by=focal_ar)
    draft = make_initiative(institution=costa_rica, wants_to_share=True, status=Status.DRAFT)
    with pytest.raises(ValidationError, match="publicadas"):
        services.interest_mark(initiative=draft, by=focal_ar)


def test_candidates_are_ranked_by_the_number_of_interested_countries(django_user_model, cr_initiative, ar_initiative):
    uruguay, chile, spain = (focal_point_of(django_user_model, code) for code in ("UY", "CL", "ES"))
    for person in (uruguay, chile, spain):
        services.interest_mark(initiative=cr_initiative, by=person)
    services.interest_mark(initiative=ar_initiative, by=uruguay)
    colleague = _user(django_user_model, "focal_uy_2", Role.FOCAL_POINT, institution_for("UY", "Cancillería de Uruguay"))
    services.interest_mark(initiative=ar_initiative, by=colleague)  # a second institution of the same country
    ranked = list(interest_candidates())
    assert [(i.name, i.interested_countries) for i in ranked] == [("Siembra y cosecha de agua", 3), ("Pro Huerta", 1)]


def test_two_countries_interested_in_each_other_make_a_bilateral_match(
    django_user_model, focal_cr, focal_ar, cr_initiative, ar_initiative, costa_rica
):
    services.interest_mark(initiative=ar_initiative, by=focal_cr)
    services.interest_mark(initiative=cr_initiative, by=focal_ar)
    services.interest_mark(initiative=cr_initiative, by=focal_point_of(django_user_model, "UY"))
    [match] = bilateral_matches()
    assert {match.first.pk, match.second.pk} == {"AR", "CR"}
    assert match.first.pk == "AR" and match.first_wants == [cr_initiative] and match.second_wants == [ar_initiative]


def test_one_way_interest_is_not_a_match(focal_ar, cr_initiative):
    services.interest_mark(initiative=cr_initiative, by=focal_ar)
    assert bilateral_matches() == []
