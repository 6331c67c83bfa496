"""The report's rows, with no file format: every sheet as a title, its columns and a generator of
rows of plain values, as pretix's exporters yield rows for any renderer. The queries run here, as
the renderer asks for rows, so a file of 10,000 initiatives is written in one pass with flat memory
(bench/report_export.py). Column titles come from the models' and the ficha's own labels
(registry.ficha); a person's contact is no column: analysts read these files."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import JSONField, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dialogues.selectors import dialogues_visible_to
from registry.choices import (
    ActorType,
    Classification,
    InitiativeType,
    Modality,
    Phase,
    SegibRole,
    Status,
    choice_labels,
)
from registry.ficha import Kind, initiative_questions
from registry.models import Country, Initiative, InitiativeCountry, Participation, Sector, current_language
from followup.models import Indicator
from registry.choices import ContributionKind
from followup.progress import latest_values
from followup.money import in_usd, rates, visible_contributions
from reports import figures
from surveys.models import SHARED_FICHA_STATUSES, FichaInitiative
from surveys.selectors import added_initiative_questions, country_names

LIST_SEPARATOR = " | "
CHUNK = 500


def _label(model, name: str) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))


@dataclass
class Sheet:
    key: str
    title: str
    headers: list[str]
    widths: list[int]


@dataclass
class Chart:
    title: str
    pairs: list[tuple[str, int]] = field(default_factory=list)


class Labels:
    """Every label the sheets repeat, translated once per file. Asking Django for a choice's
    display or a country's name per cell would cost more than writing the workbook."""

    def __init__(self):
        self.initiative_type, self.actor_type = choice_labels(InitiativeType), choice_labels(ActorType)
        self.modality, self.phase, self.status = choice_labels(Modality), choice_labels(Phase), choice_labels(Status)
        self.segib_role, self.classification = choice_labels(SegibRole), choice_labels(Classification)
        self.yes, self.no = str(_("Yes")), str(_("No"))
        language = current_language()
        self._countries = {c.pk: getattr(c, f"name_{language}") or c.name_es for c in Country.objects.all()}
        self._sectors = {s.pk: getattr(s, f"name_{language}") or s.name_es for s in Sector.objects.all()}

    def country(self, code: str) -> str:
        return self._countries.get(code, code)

    def sectors(self, ids) -> str:
        return LIST_SEPARATOR.join(sorted(self._sectors[pk] for pk in ids or []))

    def partner(self, code: str, role: str) -> str:
        name = self.country(code)
        return f"{name} ({self.segib_role[role]})" if role else name

    def yes_no(self, value) -> str:
        return "" if value is None else (self.yes if value else self.no)


# Table 1 lists initiatives by their name.
NAME = "name"
# Joins a code and a name inside one array element; no organization name contains it.
PAIR = "\x1f"


def _related(model, expression, link: str = "initiative", order=("pk",)):
    """One array per initiative, in `order`: a correlated subquery, so that actors, partner
    countries and sectors never multiply each other's rows."""
    rows = model.objects.filter(**{link: OuterRef("pk")}).order_by().values(link)
    return Subquery(rows.annotate(values=ArrayAgg(expression, order_by=list(order))).values("values"))


# What the initiatives sheet reads besides the ficha's answers: plain values, no model instances
# (see bench/report_export.py).
BASE_FIELDS = ("pk", "institution__country_id", "institution__name")
CURATION = (
    "wants_to_share", "sector_ids", "modality", "sdgs", "phase", "start_year", "end_year", "classification_code", "status",
)


# The answers an initiative's report on one campaign's ficha gave to the questions it added.
ANSWERS_OF_CAMPAIGN = "answers_of_campaign_"


def _campaign_answers(campaign_id: int) -> Subquery:
    entries = FichaInitiative.objects.filter(
        initiative=OuterRef("pk"), ficha__campaign_id=campaign_id, ficha__status__in=SHARED_FICHA_STATUSES
    ).values("answers")[:1]
    return Subquery(entries, output_field=JSONField())


def _initiative_values(initiatives, fields: tuple[str, ...]):
    answers = {name: _campaign_answers(int(name.removeprefix(ANSWERS_OF_CAMPAIGN))) for name in fields if name.startswith(ANSWERS_OF_CAMPAIGN)}
    return (
        initiatives.prefetch_related(None)
        .annotate(**answers)
        .annotate(
            # Actors in their curated order, as the page, the API and Word show them.
            actors=_related(Participation, Concat("actor_type", Value(PAIR), "organization__name"), order=("position", "pk")),
            partners=_related(InitiativeCountry, Concat("country_id", Value(PAIR), "segib_role")),
            sector_ids=_related(Initiative.sectors.through, "sector_id"),
        )
        .values_list(*fields)
        .iterator(chunk_size=CHUNK)
    )


Column = tuple[str, int, Callable[[dict], object]]


def _ficha_columns(labels: Labels) -> tuple[list[Column], list[str]]:
    """A column per answer of the ficha, in the order of its questions (registry.ficha), and the
    values they read. A person's contact is no column: analysts read these files."""

    def joined(values) -> str:
        return LIST_SEPARATOR.join(values or [])

    def actors(row) -> str:
        pairs = (pair.split(PAIR, 1) for pair in row["actors"] or [])
        return joined(f"{name} ({labels.actor_type[kind]})" for kind, name in pairs)

    def partners(row) -> str:
        return joined(labels.partner(*pair.split(PAIR, 1)) for pair in row["partners"] or [])

    columns, needed = [], []
    for question in initiative_questions():
        first = question.fields[0] if question.fields else None
        match question.kind:
            case Kind.INITIATIVE_TYPE:
                number, other = question.fields
                columns += [
                    (_label(Initiative, number), 18, lambda r, number=number: labels.initiative_type.get(r[number], "")),
                    (_label(Initiative, other), 18, lambda r, other=other: r[other]),
                ]
                needed += question.fields
            case Kind.TEXT:
                columns.append((question.verbose_label, 50, lambda r, name=first: r[name]))
                needed.append(first)
            case Kind.LIST:
                columns.append((question.verbose_label, 40, lambda r, name=first: joined(r[name])))
                needed.append(first)
            case Kind.ACTORS:
                columns.append((question.verbose_label, 50, actors))
                needed.append("actors")
            case Kind.COUNTRIES:
                columns.append((question.verbose_label, 24, partners))
                needed.append("partners")
            case Kind.YES_NO:
                columns.append((question.verbose_label, 12, lambda r, name=first: labels.yes_no(r[name])))
                needed.append(first)
    return columns, needed


def _added_columns() -> tuple[list[Column], list[str]]:
    """A column per question a campaign added about initiatives, titled with the campaign."""
    names, columns, needed = country_names(), [], []
    for campaign, question in added_initiative_questions():
        field = f"{ANSWERS_OF_CAMPAIGN}{campaign.pk}"

        def value(row, field=field, question=question) -> str:
            return question.answer_text((row[field] or {}).get(question.key), names).replace("\n", LIST_SEPARATOR)

        columns.append((f"{campaign.title}: {question.verbose_label}", 30, value))
        needed.append(field)
    return columns, needed


def _initiative_columns(labels: Labels) -> tuple[list[Column], tuple[str, ...]]:
    ficha_columns, ficha_fields = _ficha_columns(labels)
    added_columns, added_fields = _added_columns()
    columns = [
        ("ID", 8, lambda r: r["pk"]),
        (_("Country"), 16, lambda r: labels.country(r["institution__country_id"])),
        (_label(Initiative, "institution"), 30, lambda r: r["institution__name"]),
        *ficha_columns,
        (_label(Initiative, "wants_to_share"), 12, lambda r: labels.yes_no(r["wants_to_share"])),
        (_label(Initiative, "sectors"), 24, lambda r: labels.sectors(r["sector_ids"])),
        (_label(Initiative, "modality"), 20, lambda r: labels.modality.get(r["modality"], "")),
        (_label(Initiative, "sdgs"), 14, lambda r: ", ".join(str(goal) for goal in r["sdgs"])),
        (_label(Initiative, "phase"), 20, lambda r: labels.phase.get(r["phase"], "")),
        (_label(Initiative, "start_year"), 10, lambda r: r["start_year"]),
        (_label(Initiative, "end_year"), 10, lambda r: r["end_year"]),
        (_("Classification"), 28, lambda r: labels.classification.get(r["classification_code"] or "", "")),
        (_label(Initiative, "status"), 14, lambda r: labels.status[r["status"]]),
        *added_columns,
    ]
    return columns, tuple(dict.fromkeys((*BASE_FIELDS, *ficha_fields, *CURATION, *added_fields)))


ACTOR_FIELDS = (
    "initiative_id", "initiative__name", "initiative__institution__country_id", "organization__name", "actor_type", "role",
)


def _actor_columns(labels: Labels) -> list[tuple[str, int, Callable[[tuple], object]]]:
    return [
        (_("Initiative") + " ID", 10, lambda r: r[0]),
        (_("Initiative"), 50, lambda r: r[1]),
        (_("Country"), 16, lambda r: labels.country(r[2])),
        (_("Organization"), 40, lambda r: r[3]),
        (_("Actor type"), 24, lambda r: labels.actor_type[r[4]]),
        (_("Role"), 24, lambda r: r[5]),
    ]


SheetRows = Iterator[tuple[str, list]]


def workbook_sheets(labels: Labels) -> tuple[list[Sheet], tuple]:
    """The sheets of the report, in order, and the values the initiatives' rows read."""
    (initiative_columns, fields), actor_columns = _initiative_columns(labels), _actor_columns(labels)
    sheets = [
        Sheet("initiatives", _("Initiatives"), [c[0] for c in initiative_columns], [c[1] for c in initiative_columns]),
        Sheet("actors", _("Actors"), [c[0] for c in actor_columns], [c[1] for c in actor_columns]),
        Sheet("table1", _("Table 1"), [_("Country"), _("Initiative"), _("Sectors")], [20, 70, 40]),
        Sheet("summary", _("Summary"), [_("Figure"), _("Value")], [50, 12]),
        Sheet(
            "dialogues",
            _("Dialogues"),
            # Times on the reader's clock, and the header says which (a background job keeps the
            # zone of whoever asked: reports.models.ReportJob.time_zone).
            [_("Dialogue"), _("Status"), _("Format"), _("Date and time (%(zone)s)") % {"zone": timezone.get_current_timezone_name()},
             _("Presenting"), _("Invited"), _("Main results")],
            [40, 14, 14, 20, 30, 30, 60],
        ),
        Sheet(
            "indicators",
            _("Indicators"),
            [_("Initiative") + " ID", _("Initiative"), _("Objective"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"),
             _("Target date"), _("Reached"), _("Reached (% of the way to the target)")],
            [10, 40, 40, 40, 12, 12, 12, 12, 12, 14],
        ),
        Sheet(
            "contributions",
            _("Contributions"),
            [_("Initiative") + " ID", _("Initiative"), _("Actor"), _("Actor type"), _("What it brings"), _("Description"),
             _("Amount (money only)"), _("Currency"), _("Year of the amount"), _("US dollars")],
            [10, 40, 30, 20, 20, 50, 14, 10, 10, 14],
        ),
    ]
    return sheets, (initiative_columns, fields, actor_columns)


def initiative_rows(initiatives, labels: Labels, columns, *, progress: Callable[[int], None] | None = None) -> SheetRows:
    """One pass over the initiatives: each gives its row of the Initiatives sheet and of Table 1."""
    initiative_columns, fields, _actor_columns = columns
    done = 0
    for values in _initiative_values(initiatives, fields):
        row = dict(zip(fields, values, strict=True))
        yield "initiatives", [column[2](row) for column in initiative_columns]
        yield "table1", [labels.country(row["institution__country_id"]), row[NAME], labels.sectors(row["sector_ids"])]
        done += 1
        if progress and done % CHUNK == 0:
            progress(done)


def actor_rows(initiatives, columns) -> SheetRows:
    _initiative_columns, _fields, actor_columns = columns
    participations = (
        Participation.objects.filter(initiative__in=initiatives.order_by().values("pk"))
        .order_by("initiative_id", "position", "pk")
        .values_list(*ACTOR_FIELDS)
        .iterator(chunk_size=CHUNK * 4)
    )
    for values in participations:
        yield "actors", [column[2](values) for column in actor_columns]


def summary_figures(initiatives) -> tuple[list[tuple[str, int]], list[Chart]]:
    """The Summary sheet: the report's figures, and the counts its charts draw."""
    summary = figures.summary(initiatives)
    rows = [
        (_("Initiatives"), summary.initiatives),
        (_("Reports (an initiative reported by several countries counts once above)"), summary.reports),
        (_("Reporting countries"), summary.reporting_countries),
        (_("Countries involved as partners"), summary.partner_countries),
        (_("Multi-actor initiatives"), summary.multi_actor),
        (_("Share of multi-actor initiatives (%)"), summary.multi_actor_share),
        (_("Alliances with more than two actor types"), summary.sustainable_alliances),
        *((f"{_('Confirmed by its country')}: {label}", count) for label, count in summary.by_freshness),
    ]
    charts = [
        Chart(_("Initiatives by sector"), summary.by_sector),
        Chart(_("Initiatives by actor type"), summary.by_actor_type),
        Chart(_("Initiatives by type"), summary.by_type),
        Chart(_("Initiatives by classification"), summary.by_classification),
    ]
    return rows, charts


def dialogue_rows(initiatives, *, reader) -> SheetRows:
    # Through the pages' selector: proposed and cancelled dialogues, and those whose countries did
    # not agree to share, stay out of an analyst's file as they stay out of their pages.
    dialogues = (
        dialogues_visible_to(reader)
        .filter(initiatives__in=initiatives.values("pk"))
        .distinct()
        .prefetch_related("initiatives__institution__country", "invited_countries")
        .order_by("starts_at", "pk")
    )
    for dialogue in dialogues:
        yield "dialogues", [
            dialogue.title,
            dialogue.get_status_display(),
            dialogue.get_format_display(),
            timezone.localtime(dialogue.starts_at).replace(tzinfo=None) if dialogue.starts_at else None,
            ", ".join(sorted({i.institution.country.name for i in dialogue.initiatives.all()})),
            ", ".join(country.name for country in dialogue.invited_countries.all()),
            dialogue.main_results,
        ]


def contribution_rows(initiatives) -> SheetRows:
    """What each actor brings, with money in US dollars at the year's reference rate (followup.money)."""
    table, types, kinds = rates(), choice_labels(ActorType), choice_labels(ContributionKind)
    contributions = visible_contributions(initiatives).select_related("organization", "initiative").order_by("initiative_id", "pk")
    for contribution in contributions.iterator(chunk_size=CHUNK):
        usd = in_usd(contribution.amount, contribution.currency, contribution.year, table) if contribution.amount is not None else None
        yield "contributions", [
            contribution.initiative_id, contribution.initiative.name, contribution.organization.name,
            types.get(contribution.organization.actor_type, ""), kinds.get(contribution.kind, ""), contribution.description,
            contribution.amount, contribution.currency, contribution.year, usd,
        ]


def indicator_rows(initiatives) -> SheetRows:
    """Each indicator with its latest value and how far it went from baseline to target."""
    indicators = Indicator.objects.filter(initiative__in=initiatives.order_by().values("pk")).select_related("initiative")
    latest = latest_values(indicators)
    for indicator in indicators.order_by("initiative_id", "pk").iterator(chunk_size=CHUNK):
        reached = latest.get(indicator.pk)
        yield "indicators", [
            indicator.initiative_id, indicator.initiative.name, indicator.objective, indicator.description, indicator.unit,
            indicator.baseline, indicator.target, indicator.target_date, reached, indicator.share_of_target(reached),
        ]
