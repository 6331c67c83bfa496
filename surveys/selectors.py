from difflib import SequenceMatcher

from django.db.models import Prefetch, QuerySet

from registry.models import Country, Initiative, InitiativeCountry, Organization, Participation
from registry.text import fold
from surveys.models import Campaign, Ficha, FichaUpload


def fichas_visible_to(user) -> QuerySet[Ficha]:
    """The technical unit sees every ficha; a focal point only its institution's; others none."""
    fichas = Ficha.objects.select_related("campaign", "institution__country")
    if user.is_authenticated and user.is_technical_unit:
        return fichas
    if user.is_authenticated and user.is_focal_point:
        return fichas.filter(institution_id=user.institution_id)
    return fichas.none()


def uploads_visible_to(user) -> QuerySet[FichaUpload]:
    """Word uploads follow the fichas' rule: the technical unit sees all, a focal point its institution's."""
    uploads = FichaUpload.objects.select_related("campaign", "institution__country", "uploaded_by", "ficha")
    if user.is_authenticated and user.is_technical_unit:
        return uploads
    if user.is_authenticated and user.is_focal_point:
        return uploads.filter(institution_id=user.institution_id)
    return uploads.none()


def ficha_initiatives(ficha: Ficha) -> list[Initiative]:
    return list(
        ficha.initiatives.order_by("pk").prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("organization")),
            Prefetch("country_links", queryset=InitiativeCountry.objects.select_related("country")),
        )
    )


def campaigns_with_fichas_for(user) -> list[tuple[Campaign, Ficha | None]]:
    fichas = {ficha.campaign_id: ficha for ficha in fichas_visible_to(user)}
    return [(campaign, fichas.get(campaign.pk)) for campaign in Campaign.objects.all()]


def organization_suggestions(limit: int = 2000) -> list[str]:
    """Names already in the registry, offered while typing so one organization is not created twice."""
    return list(Organization.objects.order_by("name").values_list("name", flat=True).distinct()[:limit])


def possible_duplicates(initiative: Initiative, *, threshold: float = 0.75) -> list[Initiative]:
    """Registry initiatives of the same country whose folded names are alike (no pg_trgm on the
    embedded server, so the comparison runs in Python over one country's initiatives)."""
    name = fold(initiative.name)
    candidates = (
        Initiative.objects.filter(institution__country_id=initiative.institution.country_id)
        .exclude(pk=initiative.pk)
        .exclude(fichas__in=initiative.fichas.all())
        .only("pk", "name", "status")
    )
    return [
        candidate
        for candidate in candidates
        if SequenceMatcher(None, name, fold(candidate.name)).ratio() >= threshold
    ]


def campaign_progress(campaign: Campaign) -> list[dict]:
    """One row per Ibero-American country: its institutions' fichas, or "not started"."""
    fichas_by_country: dict[str, list[Ficha]] = {}
    for ficha in Ficha.objects.filter(campaign=campaign).select_related("institution"):
        fichas_by_country.setdefault(ficha.institution.country_id, []).append(ficha)
    return [
        {"country": country, "fichas": fichas_by_country.get(country.pk, [])}
        for country in Country.objects.filter(is_ibero_american=True).order_by("name_es")
    ]
