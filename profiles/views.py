"""The country profiles: a list of the Ibero-American countries, and a page each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from profiles.enabling import ENABLING_QUESTIONS, add_enabling_questions
from profiles.selectors import country_profile
from registry.lookups import posted_object_or_404
from registry.models import Country, Initiative
from surveys.models import Questionnaire


@require_http_methods(["GET", "POST"])
def country_list(request):
    is_unit = request.user.is_authenticated and request.user.is_technical_unit
    if request.method == "POST":
        if not is_unit:
            raise PermissionDenied
        questionnaire = posted_object_or_404(Questionnaire.objects.filter(frozen_at__isnull=True), request.POST.get("questionnaire"))
        try:
            added = add_enabling_questions(questionnaire=questionnaire, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)d questions added to %(questionnaire)s.") % {"count": len(added), "questionnaire": questionnaire})
        return redirect("profiles:country_list")
    countries = Country.objects.filter(is_ibero_american=True)
    published = _published_counts()
    return render(request, "profiles/country_list.html", {
        "countries": sorted(((country, published.get(country.pk, 0)) for country in countries), key=lambda row: row[0].name),
        "questionnaires": Questionnaire.objects.filter(frozen_at__isnull=True).select_related("campaign") if is_unit else [],
        "enabling_questions": ENABLING_QUESTIONS,
    })


def _published_counts() -> dict[str, int]:
    return dict(
        Initiative.objects.published().order_by().values_list("institution__country_id").annotate(n=Count("pk"))
        .values_list("institution__country_id", "n")
    )


@require_safe
def country_detail(request, iso2: str):
    country = get_object_or_404(Country, pk=iso2.upper(), is_ibero_american=True)
    return render(request, "profiles/country_detail.html", {"profile": country_profile(country, request.user)})
