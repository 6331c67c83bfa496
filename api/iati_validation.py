"""The technical unit's check of the IATI export before publishing it: every published initiative
IATI cannot take, or that the export writes with a stand-in, with why and where to fix it. The
export keeps IATI's rules by construction (api.iati; the tests run IATI's ruleset over it), so
what is left to see is what the data lacks. An end before the start, the one date rule data could
break, is refused by the database (registry.Initiative's constraints)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from api.iati import not_exported
from api.iati_rules import has_registered_prefix
from registry.models import Initiative, InitiativeCountry

LISTED = 100  # of each problem; the count says how many there are


@dataclass
class Problem:
    title: str
    consequence: str
    severity: str  # "error": not exported or breaks a rule; "warning": exported with a stand-in
    initiatives: list
    count: int


def _checks(published):
    with_role = InitiativeCountry.objects.filter(initiative=OuterRef("pk")).exclude(segib_role="")
    with_sector = Initiative.sectors.through.objects.filter(initiative=OuterRef("pk"))
    return [
        ("error", not_exported(published), _("No start year"),
         _("Not exported: IATI needs the date an activity started or will start.")),
        ("warning", published.filter(~Exists(with_sector)), _("No sector"),
         _("Exported under DAC 99810 “Sectors not specified”.")),
        ("warning", published.filter(~Exists(with_role)), _("No SEGIB role for any other country"),
         _("The recipient is not known: exported with the region “America, regional” as recipient.")),
    ]


def validation_problems() -> list[Problem]:
    published = Initiative.objects.published().select_related("institution__country").order_by("institution__country__name_es", "name")
    problems = []
    for severity, found, title, consequence in _checks(published):
        count = found.count()
        if count:
            problems.append(Problem(str(title), str(consequence), severity, list(found[:LISTED]), count))
    return problems


@login_required
@require_safe
def validation_page(request):
    if not request.user.is_technical_unit:
        raise PermissionDenied
    problems = validation_problems()
    return render(
        request,
        "api/iati_validation.html",
        {
            "problems": problems,
            "reporting_ref": settings.IATI_REPORTING_ORG_REF,
            "registered_prefix": has_registered_prefix(settings.IATI_REPORTING_ORG_REF),
            "published": Initiative.objects.published().count(),
            "not_exported": not_exported(Initiative.objects.published()).count(),
            "listed": LISTED,
        },
    )
