"""The figures of the report, computed from live data with the catalog's filters. Pure reads:
each function takes a queryset of initiatives (already filtered) and returns plain values, so
the dashboard, the files, the command and the API all say the same thing."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from dialogues.models import DialogueFormat, DialogueStatus
from dialogues.selectors import dialogues_visible_to, seminars_visible_to
from registry.choices import (
    MULTI_ACTOR_MIN_TYPES,
    SUSTAINABLE_DEVELOPMENT_MIN_TYPES,
    UNCOUNTED_ACTOR_TYPES,
    ActorType,
    Classification,
    Freshness,
    InitiativeType,
    Modality,
    Phase,
    choice_labels,
)
from dialogues.models import Interest
from followup.models import PhaseStep, ProgressUpdate
from followup.money import Totals, contribution_totals, visible_contributions
from registry.models import Country, Initiative, InitiativeCountry, Participation, Sector, SharedInitiative


def report_initiatives(queryset: QuerySet) -> QuerySet:
    """The filtered initiatives with what every figure and file needs, in the chosen order
    (creation order unless the filters say otherwise: the order countries sent them)."""
    if not queryset.query.order_by:
        queryset = queryset.order_by("pk")
    return queryset.select_related("institution__country").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("name_es")),
        Prefetch("participations", queryset=Participation.objects.select_related("organization")),
        Prefetch("country_links", queryset=InitiativeCountry.objects.select_related("country").order_by("pk")),
        Prefetch("interests", queryset=Interest.objects.select_related("institution").order_by()),
    )


def interested_countries(initiative) -> int:
    """How many other countries marked their interest in it (the report highlights those with
    more than one); read from the prefetched interests."""
    reporting = initiative.institution.country_id
    return len({interest.institution.country_id for interest in initiative.interests.all()} - {reporting})


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
        table.rows.append({
            "country": country.pk, "initiative": initiative.name, "sectors": sectors,
            "interested_countries": interested_countries(initiative),
        })
        table.country_names[country.pk] = country.name
        by_country[country.pk] += 1
        by_sector.update(sectors)
    table.by_country = dict(by_country.most_common())
    table.by_sector = dict(by_sector.most_common())
    return table


@dataclass
class Summary:
    """The report's figures (registry.shared.COUNTING_RULE). `initiatives` and every breakdown
    (type, modality, sector, actor type, classification, freshness) count an initiative reported
    by several countries once: under each value its reports give, once. `reports` counts each
    country's report, and `by_country` counts a shared initiative once per reporting country."""

    initiatives: int
    reports: int
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
        """Percentage of the initiatives that are multi-actor (two or more actor types), rounded."""
        return round(100 * self.multi_actor / self.initiatives) if self.initiatives else 0


def _labelled(counts: Counter, choices) -> list[tuple[str, int]]:
    return [(str(label), counts.get(value, 0)) for value, label in choices if counts.get(value, 0)]


def _grouped_classes(computed: QuerySet) -> tuple[int, int]:
    """(alliances for sustainable development, multi-actor alliances) among initiatives without
    an override, by grouping their actors once: the per-initiative classification
    (Initiative.objects.with_classification) runs one subquery per initiative, which takes seconds
    at 100,000. The rule is choices.classify's thresholds, "other" not counted."""
    kinds = (
        Participation.objects.filter(initiative__in=computed.values("pk"))
        .exclude(actor_type__in=UNCOUNTED_ACTOR_TYPES)
        .values("initiative")
        .annotate(n=Count("actor_type", distinct=True))
        .order_by()
    )
    grouped = kinds.aggregate(
        sustainable=Count("initiative", filter=Q(n__gte=SUSTAINABLE_DEVELOPMENT_MIN_TYPES)),
        multi_actor=Count("initiative", filter=Q(n__gte=MULTI_ACTOR_MIN_TYPES, n__lt=SUSTAINABLE_DEVELOPMENT_MIN_TYPES)),
    )
    return grouped["sustainable"], grouped["multi_actor"]


def _classes(overrides: Counter, computed: QuerySet, computed_count: int) -> Counter:
    counts = Counter(overrides)
    sustainable, multi_actor = _grouped_classes(computed)
    counts[Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE] += sustainable
    counts[Classification.MULTI_ACTOR_ALLIANCE] += multi_actor
    counts[Classification.NOT_MULTI_ACTOR] += computed_count - sustainable - multi_actor
    return +counts  # without the classes nobody falls in


def classification_counts(ids: QuerySet) -> Counter:
    """How many of the initiatives `ids` fall in each classification (the override first)."""
    initiatives = Initiative.objects.filter(pk__in=ids).order_by()
    overrides = Counter(
        dict(
            initiatives.exclude(classification_override="")
            .values_list("classification_override")
            .annotate(n=Count("pk"))
            .values_list("classification_override", "n")
        )
    )
    computed = initiatives.filter(classification_override="")
    return _classes(overrides, computed, computed.count())


def _scan(base: QuerySet, now) -> dict[str, Counter]:
    """Every per-initiative count of the summary in one pass over the initiatives (a filtered
    count per value), instead of one grouped query per figure."""
    counted = {
        "type": ("initiative_type", InitiativeType.values),
        "modality": ("modality", Modality.values),
        "freshness": ("freshness_code", Freshness.values),
        "override": ("classification_override", Classification.values),
    }
    aggregates = {"total": Count("pk")}
    for figure, (column, values) in counted.items():
        for number, value in enumerate(values):
            aggregates[f"{figure}_{number}"] = Count("pk", filter=Q(**{column: value}))
    row = base.with_freshness(now).aggregate(**aggregates)
    scan = {figure: Counter() for figure in counted}
    for figure, (_field, values) in counted.items():
        for number, value in enumerate(values):
            if row[f"{figure}_{number}"]:
                scan[figure][value] = row[f"{figure}_{number}"]
    scan["total"] = row["total"]
    return scan


MULTI_ACTOR_CLASSES = (Classification.MULTI_ACTOR_ALLIANCE, Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE)


def _shared_excess(base: QuerySet, now) -> dict[str, Counter]:
    """For each breakdown, how many more reports than shared initiatives it counted under each
    value: what to take off so that the reports of one shared initiative count once there. Read
    from the reports linked as shared only, which are few, in at most four queries."""
    excess = {figure: Counter() for figure in ("reports", "type", "modality", "freshness", "classification", "multi_actor", "actor_type", "sector")}
    # From the shared side, which is small: reports are found by their index on `shared`, with
    # no scan of the filtered initiatives (and none at all while nothing is shared).
    linked = list(SharedInitiative.objects.values_list("pk", flat=True))
    shared = {
        pk: row for pk, *row in base.filter(shared__in=linked).with_freshness(now).with_classification().values_list(
            "pk", "shared_id", "initiative_type", "modality", "freshness_code", "classification_code"
        )
    } if linked else {}
    if not shared:
        return excess
    per_report: dict[str, set] = {figure: set() for figure in excess}
    for pk, (shared_id, initiative_type, modality, freshness, classification) in shared.items():
        per_report["reports"].add((pk, shared_id, True))
        per_report["type"].add((pk, shared_id, initiative_type))
        per_report["modality"].add((pk, shared_id, modality))
        per_report["freshness"].add((pk, shared_id, freshness))
        per_report["classification"].add((pk, shared_id, classification))
        if classification in MULTI_ACTOR_CLASSES:
            per_report["multi_actor"].add((pk, shared_id, True))
    for pk, actor_type in Participation.objects.filter(initiative__in=list(shared)).values_list("initiative", "actor_type").distinct():
        per_report["actor_type"].add((pk, shared[pk][0], actor_type))
    for pk, sector in Initiative.sectors.through.objects.filter(initiative__in=list(shared)).values_list("initiative", "sector"):
        per_report["sector"].add((pk, shared[pk][0], sector))
    for figure, rows in per_report.items():
        reports = Counter(value for _pk, _shared, value in rows)
        once = Counter(value for _shared, value in {(shared_id, value) for _pk, shared_id, value in rows})
        excess[figure] = reports - once
    return excess


def _by_country(initiatives: QuerySet) -> list[tuple[str, int]]:
    """Initiatives per reporting country, most first, then by the Spanish name (as the report)."""
    counts = dict(initiatives.values_list("institution__country").annotate(n=Count("pk")).order_by().values_list("institution__country", "n"))
    countries = Country.objects.in_bulk(list(counts))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], countries[item[0]].name_es))
    return [(countries[code].name, n) for code, n in ranked]


def summary(initiatives: QuerySet) -> Summary:
    """Counts over the filtered initiatives; a handful of aggregate queries whatever their number,
    none of them one subquery per initiative."""
    # Orderings only cost in a count: the catalog's (by country name) would join two tables into each.
    ids = initiatives.order_by().values("pk")
    base = Initiative.objects.filter(pk__in=ids).order_by()
    now = timezone.now()  # one moment for every freshness, or a report could fall on both sides of a cutoff
    scan = _scan(base, now)
    excess = _shared_excess(base, now)
    overrides = scan["override"]
    by_reports = _classes(overrides, base.filter(classification_override=""), scan["total"] - sum(overrides.values()))
    by_classification = by_reports - excess["classification"]
    by_actor_type = Counter(
        dict(
            Participation.objects.filter(initiative__in=ids)
            .values_list("actor_type")
            .annotate(n=Count("initiative", distinct=True))
            .values_list("actor_type", "n")
        )
    ) - excess["actor_type"]
    # An initiative is linked to a sector once: a plain count, not COUNT(DISTINCT), which sorts
    # every row at 100,000 initiatives.
    # A link made between two of these reads could take off more than was counted: never below one.
    by_sector = sorted(
        (
            (sector.name, max(1, sector.n - excess["sector"][sector.pk]), sector.name_es)
            for sector in Sector.objects.filter(initiatives__in=ids).annotate(n=Count("initiatives"))
        ),
        key=lambda row: (-row[1], row[2]),
    )
    multi_actor = sum(by_reports.get(value, 0) for value in MULTI_ACTOR_CLASSES) - excess["multi_actor"][True]
    by_country = _by_country(base)
    return Summary(
        # COUNTED_ONCE over every initiative sorts them all; the few shared ones are taken off instead.
        initiatives=scan["total"] - excess["reports"][True],
        reports=scan["total"],
        reporting_countries=len(by_country),
        partner_countries=InitiativeCountry.objects.filter(initiative__in=ids).values("country").distinct().count(),
        by_type=_labelled(scan["type"] - excess["type"], InitiativeType.choices),
        by_country=by_country,
        by_sector=[(name, n) for name, n, _spanish in by_sector],
        by_modality=_labelled(scan["modality"] - excess["modality"], Modality.choices),
        by_actor_type=_labelled(by_actor_type, ActorType.choices),
        by_classification=_labelled(by_classification, Classification.choices),
        multi_actor=multi_actor,
        sustainable_alliances=by_classification.get(Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE, 0),
        by_freshness=_labelled(scan["freshness"] - excess["freshness"], Freshness.choices),
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


@dataclass
class ContributionFigures:
    """What the actors bring, in US dollars at the yearly reference rates (followup.money)."""

    by_actor_type: list[tuple[str, Decimal, int]]  # (label, US dollars, contributions)
    by_country: list[tuple[str, Decimal, int]]
    not_converted: int  # amounts whose currency has no rate for their year


def contribution_figures(initiatives) -> ContributionFigures:
    totals = contribution_totals(visible_contributions(initiatives))
    types = choice_labels(ActorType)
    names = {code: country.name for code, country in Country.objects.in_bulk(list(totals["country"].count)).items()}

    def listed(grouped: Totals, label) -> list[tuple[str, Decimal, int]]:
        rows = [(str(label(key)), grouped.usd.get(key, Decimal(0)), count) for key, count in grouped.count.items()]
        return sorted(rows, key=lambda row: (-row[1], -row[2], row[0]))

    return ContributionFigures(
        by_actor_type=listed(totals["actor_type"], lambda key: types.get(key, key)),
        by_country=listed(totals["country"], lambda key: names.get(key, key)),
        not_converted=len(totals["actor_type"].not_converted),
    )


@dataclass
class FollowUpFigures:
    updates_by_country: list[tuple[str, int]]  # progress updates received
    build_days_by_country: list[tuple[str, int, int]]  # (country, median days from identification to implementation, alliances)


def follow_up_figures(initiatives) -> FollowUpFigures:
    """Progress updates per reporting country, and how long alliances take to build: from the
    first identification-and-design step of their phase history to the first implementation one."""
    ids = initiatives.order_by().values("pk")
    updates = Counter(ProgressUpdate.objects.filter(initiative__in=ids).values_list("initiative__institution__country_id", flat=True))
    firsts: dict[int, dict[str, object]] = {}
    steps = PhaseStep.objects.filter(initiative__in=ids, phase__in=[Phase.IDENTIFICATION_DESIGN, Phase.IMPLEMENTATION])
    for initiative_id, country, phase, started in steps.order_by("started_on").values_list(
        "initiative_id", "initiative__institution__country_id", "phase", "started_on"
    ):
        firsts.setdefault(initiative_id, {"country": country}).setdefault(phase, started)
    days: dict[str, list[int]] = {}
    for first in firsts.values():
        if Phase.IDENTIFICATION_DESIGN in first and Phase.IMPLEMENTATION in first:
            span = (first[Phase.IMPLEMENTATION] - first[Phase.IDENTIFICATION_DESIGN]).days
            if span >= 0:
                days.setdefault(first["country"], []).append(span)
    names = {code: country.name for code, country in Country.objects.in_bulk(list(updates) + list(days)).items()}
    return FollowUpFigures(
        updates_by_country=sorted(((names.get(code, code), count) for code, count in updates.items()), key=lambda row: -row[1]),
        build_days_by_country=sorted(
            ((names.get(code, code), int(median(spans)), len(spans)) for code, spans in days.items()), key=lambda row: row[0]
        ),
    )
