from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

from django.db.models import JSONField, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from registry.choices import Classification, Status
from registry.models import Country, Initiative, InitiativeCountry, Institution, Organization, Participation
from registry.text import fold
from surveys.models import (
    SHARED_FICHA_STATUSES, Campaign, CampaignExtension, CampaignReminder, Ficha, FichaInitiative, FichaStatus, FichaUpload,
    QuestionBlock, Questionnaire,
)
from surveys.questionnaire import AddedQuestion, added_rows, questions_of
from surveys.reminders import UNFINISHED, focal_point_addresses


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


def entry_answers(ficha: Ficha) -> Subquery:
    """An initiative's answers to the campaign's added questions on this ficha."""
    entries = FichaInitiative.objects.filter(ficha=ficha, initiative=OuterRef("pk")).values("answers")[:1]
    return Subquery(entries, output_field=JSONField())


def ficha_initiatives(ficha: Ficha) -> list[Initiative]:
    """The ficha's initiatives, each with its `entry_answers` (the added questions')."""
    return list(
        ficha.initiatives.order_by("pk")
        .select_related("shared")
        .annotate(entry_answers=entry_answers(ficha))
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("organization")),
            Prefetch("country_links", queryset=InitiativeCountry.objects.select_related("country")),
        )
    )


@dataclass
class CampaignEntry:
    """A campaign as one person sees it: their institution's ficha, and when it closes for them
    (later than for everyone when the technical unit extended it for their institution)."""

    campaign: Campaign
    ficha: Ficha | None
    closes_at: datetime

    @property
    def is_extended(self) -> bool:
        return self.closes_at != self.campaign.closes_at

    @property
    def is_open(self) -> bool:
        return self.campaign.is_open(closes_at=self.closes_at)

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at

    @property
    def window_message(self) -> str:
        return self.campaign.window_message(closes_at=self.closes_at)


def campaigns_with_fichas_for(user) -> list[CampaignEntry]:
    """Every campaign, with the ficha of the user's own institution in it (if any). The technical
    unit sees every ficha but has none of its own: reading all of them here, to keep one per
    campaign that no page showed, made its review queue grow with the registry."""
    institution_id = getattr(user, "institution_id", None)
    own_fichas = fichas_visible_to(user).filter(institution_id=institution_id) if institution_id else Ficha.objects.none()
    fichas = {ficha.campaign_id: ficha for ficha in own_fichas}
    own_extensions = CampaignExtension.objects.filter(institution_id=institution_id)
    campaigns = Campaign.objects.prefetch_related(Prefetch("extensions", queryset=own_extensions))
    return [
        CampaignEntry(campaign, fichas.get(campaign.pk), campaign.closes_at_for(institution_id))
        for campaign in campaigns
    ]


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


@dataclass
class InstitutionProgress:
    institution: Institution
    focal_points: int
    ficha: Ficha | None
    last_reminder: CampaignReminder | None
    extension: CampaignExtension | None

    @property
    def unfinished(self) -> bool:
        return self.ficha is None or self.ficha.status in UNFINISHED


def campaign_progress(campaign: Campaign) -> dict:
    """Per Ibero-American country, its institutions invited (with focal points) or with a ficha of
    the campaign: the ficha's state, the last reminder, the extension; and the totals."""
    fichas = {ficha.institution_id: ficha for ficha in Ficha.objects.filter(campaign=campaign)}
    focal_points = {institution_id: len(addresses) for institution_id, addresses in focal_point_addresses().items()}
    last_reminders = {}
    for reminder in CampaignReminder.objects.filter(campaign=campaign).order_by("sent_at"):
        last_reminders[reminder.institution_id] = reminder
    extensions = {extension.institution_id: extension for extension in CampaignExtension.objects.filter(campaign=campaign)}
    institutions = (
        Institution.objects.filter(country__is_ibero_american=True)
        .filter(pk__in=set(fichas) | set(focal_points))
        .order_by("name")
    )
    by_country: dict[str, list[InstitutionProgress]] = {}
    for institution in institutions:
        by_country.setdefault(institution.country_id, []).append(
            InstitutionProgress(
                institution, focal_points.get(institution.pk, 0), fichas.get(institution.pk),
                last_reminders.get(institution.pk), extensions.get(institution.pk),
            )
        )
    rows = [item for items in by_country.values() for item in items]
    statuses = [row.ficha.status for row in rows if row.ficha]
    return {
        "countries": [
            {"country": country, "institutions": by_country.get(country.pk, [])}
            for country in Country.objects.filter(is_ibero_american=True).order_by("name_es")
        ],
        "totals": {
            "invited": sum(1 for row in rows if row.focal_points),
            "started": len(statuses),
            "submitted": statuses.count(FichaStatus.SUBMITTED),
            "returned": statuses.count(FichaStatus.RETURNED),
            "accepted": statuses.count(FichaStatus.REVIEWED),
        },
    }


def country_names() -> dict[str, str]:
    """Every country's name in the active language, by code (a few dozen rows, read once per page)."""
    return {country.iso2: country.name for country in Country.objects.all()}


def shared_entries():
    """The reports of initiatives on submitted fichas, with the questionnaire each answered,
    oldest campaign first: what the initiative's page, the API and the exports show."""
    return (
        FichaInitiative.objects.filter(ficha__status__in=SHARED_FICHA_STATUSES)
        .select_related("ficha__campaign", "ficha__questionnaire")
        .prefetch_related("ficha__questionnaire__questions")
        .order_by("ficha__campaign__opens_at", "ficha_id")
    )


def added_initiative_questions() -> list[tuple[Campaign, AddedQuestion]]:
    """Every question added about initiatives, by campaign (the newest version's wording when a
    key comes back in several): the exports' columns."""
    found: dict[tuple[int, str], tuple[Campaign, AddedQuestion]] = {}
    questionnaires = Questionnaire.objects.select_related("campaign").prefetch_related("questions").order_by("campaign__opens_at", "version")
    for questionnaire in questionnaires:
        for question in questions_of(questionnaire).added_in(QuestionBlock.INITIATIVE):
            found[(questionnaire.campaign_id, question.key)] = (questionnaire.campaign, question)
    return list(found.values())


def campaign_answer_sections(initiative, user) -> list[dict]:
    """The initiative page's sections: each campaign's answers to the questions added about it,
    as submitted (a draft's stay on the survey's pages)."""
    entries = [entry for entry in shared_entries().filter(initiative=initiative) if entry.answers]
    if not entries:
        return []
    names = country_names()
    return [
        {
            "template": "surveys/_initiative_campaign_answers.html",
            "campaign": entry.ficha.campaign,
            "rows": added_rows(questions_of(entry.ficha.questionnaire).initiative, entry.answers, names),
        }
        for entry in entries
    ]


@dataclass
class FunnelRow:
    """What one country's fichas brought to a campaign, as the source report tells its intake:
    fichas received, initiatives received, systematized, and why the others were left out."""

    country: Country | None  # None: the totals
    fichas: int = 0
    initiatives: int = 0
    systematized: int = 0
    not_multi_actor: int = 0
    not_south_south: int = 0
    rejected: int = 0
    waiting: int = 0
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (initiative, why it was left out)


def campaign_funnel(campaign: Campaign) -> list[FunnelRow]:
    """Per country that sent a ficha (received: submitted at least once), then the totals. An
    initiative counts once per campaign; systematized means accepted, multi-actor and South-South
    or triangular. The reasons are the curator's, or the classification's own."""
    entries = (
        FichaInitiative.objects.filter(ficha__campaign=campaign, ficha__submitted_at__isnull=False)
        .select_related("ficha__institution__country")
        .order_by("ficha__institution__country__name_es", "initiative__name")
    )
    initiatives = (
        Initiative.objects.with_classification().prefetch_related("participations").in_bulk([entry.initiative_id for entry in entries])
    )
    rows: dict[str, FunnelRow] = {}
    counted_fichas: set[int] = set()
    for entry in entries:
        country = entry.ficha.institution.country
        row = rows.setdefault(country.pk, FunnelRow(country))
        if entry.ficha_id not in counted_fichas:
            counted_fichas.add(entry.ficha_id)
            row.fichas += 1
        initiative = initiatives[entry.initiative_id]
        row.initiatives += 1
        if initiative.out_of_scope:
            row.not_south_south += 1
            row.reasons.append((initiative.name, initiative.out_of_scope_reason))
        elif initiative.classification_code == Classification.NOT_MULTI_ACTOR:
            row.not_multi_actor += 1
            row.reasons.append((initiative.name, initiative.classification_reason))
        elif initiative.status == Status.REJECTED:
            row.rejected += 1
            row.reasons.append((initiative.name, initiative.status_reason))
        elif initiative.status in (Status.PUBLISHED, Status.IN_REVIEW):
            row.systematized += 1
        else:
            row.waiting += 1
    total = FunnelRow(None)
    for row in rows.values():
        for name in ("fichas", "initiatives", "systematized", "not_multi_actor", "not_south_south", "rejected", "waiting"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return [*rows.values(), total]
