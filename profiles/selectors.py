"""What a country's profile shows, read through the same visibility rules as the pages it links
to: its published initiatives (a focal point of the country, and the technical unit, see every
status, as in the catalog), the dialogues the reader may see, published success cases; its focal
points and its enabling environment only for members (focal points and the technical unit)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from dialogues.selectors import dialogues_visible_to
from knowledge.success_cases import SuccessCase
from profiles.enabling import CountryAnswers, EnablingRow, country_answers, enabling_rows
from registry.models import Country, Initiative, InitiativeCountry, Institution, Participation, User
from registry.choices import Role
from registry.privacy import may_see_contacts
from surveys.models import FichaInitiative


@dataclass
class CampaignInitiatives:
    campaign: object | None  # None: registered outside a campaign
    initiatives: list = field(default_factory=list)


@dataclass
class CountryProfile:
    country: Country
    institutions: list[Institution]
    focal_points: list[User] | None  # None: the reader may not see people
    by_campaign: list[CampaignInitiatives]
    reported: int
    involved: int
    dialogues: list
    success_cases: list
    enabling: list[tuple[CountryAnswers, list[EnablingRow]]] | None  # None: members only


def _initiatives(user):
    return Initiative.objects.visible_to(user).with_classification().select_related("institution__country").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("organization")),
    )


def country_profile(country: Country, user) -> CountryProfile:
    members = may_see_contacts(user)
    reported = list(_initiatives(user).filter(institution__country=country).order_by("name", "pk"))
    campaigns = {}
    for entry in FichaInitiative.objects.filter(initiative__in=[i.pk for i in reported]).select_related("ficha__campaign").order_by(
        "ficha__campaign__opens_at"
    ):
        campaigns[entry.initiative_id] = entry.ficha.campaign  # the latest campaign that reported it
    grouped: dict[int | None, CampaignInitiatives] = {}
    for initiative in reported:
        campaign = campaigns.get(initiative.pk)
        grouped.setdefault(campaign.pk if campaign else None, CampaignInitiatives(campaign)).initiatives.append(initiative)
    by_campaign = sorted(grouped.values(), key=lambda group: (group.campaign is None, -(group.campaign.opens_at.timestamp()) if group.campaign else 0))
    involved = Initiative.objects.visible_to(user).filter(
        pk__in=InitiativeCountry.objects.filter(country=country).values("initiative_id")
    ).count()
    visible_initiatives = Initiative.objects.visible_to(user)
    # The focal points and the enabling environment: for members, the institutional answers as the
    # survey's pages show them; never for analysts or anonymous visitors (registry.privacy).
    # Those it presented an initiative in, and those it was invited to.
    dialogues = list(
        dialogues_visible_to(user).filter(Q(initiatives__institution__country=country) | Q(invited_countries=country))
        .distinct().order_by("-starts_at", "pk")
    )
    cases = list(
        SuccessCase.objects.visible_to(user).filter(initiatives__in=visible_initiatives.filter(institution__country=country))
        .distinct().order_by("title")
    )
    enabling = None
    if members:
        enabling = [(answers, enabling_rows(answers)) for answers in country_answers(country.pk)]
    return CountryProfile(
        country=country,
        institutions=list(Institution.objects.filter(country=country).order_by("name")),
        focal_points=list(
            User.objects.filter(institution__country=country, is_active=True, groups__name=Role.FOCAL_POINT).order_by("last_name", "first_name")
        ) if members else None,
        by_campaign=by_campaign,
        reported=len(reported),
        involved=involved,
        dialogues=dialogues,
        success_cases=cases,
        enabling=enabling,
    )
