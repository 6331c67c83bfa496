"""The figures of the report, computed from live data with the catalog's filters. Pure reads:
each function takes a queryset of initiatives (already filtered) and returns plain values, so
the dashboard, the files, the command and the API all say the same thing."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from dialogues.models import DialogueFormat, DialogueStatus
from dialogues.selectors import dialogues_visible_to, seminars_visible_to
from registry.choices import ActorType, Classification, Freshness, InitiativeType, Modality
from registry.models import Country, Initiative, InitiativeCountry, Participation, Sector


def report_initiatives(queryset: QuerySet) -> QuerySet:
    """The filtered initiatives with what every figure and file needs, in the chosen order
    (creation order unless the filters say otherwise: the order countries sent them)."""
    if not queryset.query.order_by:
        queryset = queryset.order_by("pk")
    return queryset.select_related("institution__country").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("name_es")),
        Prefetch("participations", queryset=Participation.objects.select_related("organization")),
        Prefetch("country_links", queryset=InitiativeCountry.objects.select_related("country").order_by("pk")),
    )


@dataclass
class Table1:
    rows: list[dict] = field(default_factory=list)
    by_country: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"rows": self.rows, "by_country": self.by_country, "by_sector": self.by_sector}


def table1(initiatives, *, localized: bool = False) -> Table1:
    """One row per initiative; an initiative with two sectors counts in both (the report's text
    gives 6 in economic development and 4 in environment for its 13 initiatives). Sector names are
    the Spanish labels (the JSON contract) unless `localized` asks for the active language's."""
    table = Table1()
    by_country: Counter = Counter()
    by_sector: Counter = Counter()
    for initiative in initiatives:
        country = initiative.institution.country
        sectors = [sector.name if localized else sector.name_es for sector in initiative.sectors.all()]
        table.rows.append({"country": country.pk, "initiative": initiative.name, "sectors": sectors})
        table.country_names[country.pk] = country.name
        by_country[country.pk] += 1
        by_sector.update(sectors)
    table.by_country = dict(by_country.most_common())
    table.by_sector = dict(by_sector.most_common())
    return table


@dataclass
class Summary:
    initiatives: int
    reporting_countries: int
    partner_countries: int
    by_type: list[tuple[str, int]]
    by_country: list[tuple[str, int]]
    by_sector: list[tuple[str, int]]
    by_modality: list[tuple[str, int]]
    by_actor_type: list[tuple[str, int]]
    by_classification: list[tuple[str, int]]
    multi_actor: int
    sustainable_alliances: int
    by_freshness: list[tuple[str, int]]

    @property
    def multi_actor_share(self) -> int:
        """Percentage of initiatives that are multi-actor (two or more actor types), rounded."""
        return round(100 * self.multi_actor / self.initiatives) if self.initiatives else 0


def _labelled(counts: Counter, choices) -> list[tuple[str, int]]:
    return [(str(label), counts.get(value, 0)) for value, label in choices if counts.get(value, 0)]


def summary(initiatives: QuerySet) -> Summary:
    """Counts over the filtered initiatives; a handful of aggregate queries whatever their number."""
    ids = initiatives.values("pk")
    base = Initiative.objects.filter(pk__in=ids).with_classification()
    by_freshness = Counter(
        dict(base.with_freshness().values_list("freshness_code").annotate(n=Count("pk")).values_list("freshness_code", "n"))
    )
    by_classification = Counter(dict(base.values_list("classification_code").annotate(n=Count("pk")).values_list("classification_code", "n")))
    by_type = Counter(dict(base.values_list("initiative_type").annotate(n=Count("pk")).values_list("initiative_type", "n")))
    by_modality = Counter(dict(base.exclude(modality="").values_list("modality").annotate(n=Count("pk")).values_list("modality", "n")))
    by_actor_type = Counter(
        dict(
            Participation.objects.filter(initiative__in=ids)
            .values_list("actor_type")
            .annotate(n=Count("initiative", distinct=True))
            .values_list("actor_type", "n")
        )
    )
    by_sector = [
        (sector.name, sector.n)
        for sector in Sector.objects.filter(initiatives__in=ids)
        .annotate(n=Count("initiatives", distinct=True))
        .order_by("-n", "name_es")
    ]
    multi_actor = by_classification.get(Classification.MULTI_ACTOR_ALLIANCE, 0) + by_classification.get(
        Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE, 0
    )
    return Summary(
        initiatives=base.count(),
        reporting_countries=base.values("institution__country").distinct().count(),
        partner_countries=InitiativeCountry.objects.filter(initiative__in=ids).values("country").distinct().count(),
        by_type=_labelled(by_type, InitiativeType.choices),
        by_country=[
            (country.name, country.n)
            for country in Country.objects.filter(institutions__initiatives__in=ids)
            .annotate(n=Count("institutions__initiatives", distinct=True))
            .order_by("-n", "name_es")
        ],
        by_sector=by_sector,
        by_modality=_labelled(by_modality, Modality.choices),
        by_actor_type=_labelled(by_actor_type, ActorType.choices),
        by_classification=_labelled(by_classification, Classification.choices),
        multi_actor=multi_actor,
        sustainable_alliances=by_classification.get(Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE, 0),
        by_freshness=_labelled(by_freshness, Freshness.choices),
    )


@dataclass
class DialogueFigures:
    organised: int
    held: int
    cancelled: int
    bilateral_held: int
    seminar_peak: int | None
    seminar_minimum: int | None


def dialogue_figures(initiatives: QuerySet, *, reader) -> DialogueFigures:
    """The dialogues `reader` may see that presented any of the filtered initiatives, and the
    latest seminar they may see: the same selectors as the pages, so no figure counts what the
    reader could not open."""
    dialogues = (
        dialogues_visible_to(reader).prefetch_related(None).filter(initiatives__in=initiatives.values("pk")).distinct()
    )
    counts = Counter(dict(dialogues.order_by().values_list("status").annotate(n=Count("pk", distinct=True)).values_list("status", "n")))
    seminar = seminars_visible_to(reader).prefetch_related(None).order_by("-starts_at").first()
    return DialogueFigures(
        organised=sum(counts.values()),
        held=counts.get(DialogueStatus.HELD, 0),
        cancelled=counts.get(DialogueStatus.CANCELLED, 0),
        bilateral_held=dialogues.filter(status=DialogueStatus.HELD, format=DialogueFormat.BILATERAL).count(),
        seminar_peak=seminar.attendance_peak if seminar else None,
        seminar_minimum=seminar.attendance_minimum if seminar else None,
    )
