"""The report as an Excel workbook, streamed (openpyxl write-only mode) so that memory stays flat
for 10,000 initiatives: every sheet is written in one pass over the initiatives.

Sheets: initiatives (every field but the focal point's name and address: reports are read by
analysts, who never see people's contacts), actors (one row per participation), Table 1, summary (with
native charts) and dialogues. Column titles come from the models' own labels."""

from collections.abc import Callable

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
from registry.text import looks_like_formula
from reports import figures

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="4B2E83")
LIST_SEPARATOR = " | "
CHUNK = 500


def _label(model, name: str) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))


def _sheet(workbook, title: str, headers: list[str], widths: list[int]):
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        cells.append(cell)
    sheet.append(cells)
    return sheet


def _plain(value):
    """A value Excel accepts: labels of choices are lazy translations, and text pasted from other
    programs can hold control characters that the file format forbids."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _append(sheet, values) -> None:
    """Appends a row whose text stays text: openpyxl turns a string starting with "=" into a
    formula, which would run whatever a ficha's author typed on the reader's machine."""
    cells = []
    for value in values:
        if looks_like_formula(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        cells.append(value)
    sheet.append(cells)


def _finish(sheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(rows, 1) + 1}"


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


def _initiative_values(initiatives, fields: tuple[str, ...]):
    return (
        initiatives.prefetch_related(None)
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
                    (_label(Initiative, number), 18, lambda r, number=number: labels.initiative_type[r[number]]),
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


def _initiative_columns(labels: Labels) -> tuple[list[Column], tuple[str, ...]]:
    ficha_columns, ficha_fields = _ficha_columns(labels)
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
    ]
    return columns, tuple(dict.fromkeys((*BASE_FIELDS, *ficha_fields, *CURATION)))


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


def write_workbook(handle, initiatives, *, reader, progress: Callable[[int], None] | None = None) -> None:
    """Write the workbook to a binary file object, for `reader` (what they may see of dialogues
    and seminars). `progress` is told how many initiatives are done every few hundred (the
    background job shows it)."""
    initiatives = initiatives.with_classification() if hasattr(initiatives, "with_classification") else initiatives
    workbook = Workbook(write_only=True)
    labels = Labels()
    (initiative_columns, fields), actor_columns = _initiative_columns(labels), _actor_columns(labels)
    sheet_initiatives = _sheet(workbook, _("Initiatives"), [c[0] for c in initiative_columns], [c[1] for c in initiative_columns])
    sheet_actors = _sheet(workbook, _("Actors"), [c[0] for c in actor_columns], [c[1] for c in actor_columns])
    sheet_table1 = _sheet(workbook, _("Table 1"), [_("Country"), _("Initiative"), _("Sectors")], [20, 70, 40])
    sheet_summary = _sheet(workbook, _("Summary"), [_("Figure"), _("Value")], [50, 12])
    sheet_dialogues = _sheet(
        workbook,
        _("Dialogues"),
        # Times on the reader's clock, and the header says which (a background job keeps the
        # zone of whoever asked: reports.models.ReportJob.time_zone).
        [_("Dialogue"), _("Status"), _("Format"), _("Date and time (%(zone)s)") % {"zone": timezone.get_current_timezone_name()},
         _("Presenting"), _("Invited"), _("Main results")],
        [40, 14, 14, 20, 30, 30, 60],
    )
    done = 0
    for values in _initiative_values(initiatives, fields):
        row = dict(zip(fields, values, strict=True))
        _append(sheet_initiatives, [_plain(column[2](row)) for column in initiative_columns])
        _append(
            sheet_table1,
            [labels.country(row["institution__country_id"]), _plain(row[NAME]), labels.sectors(row["sector_ids"])],
        )
        done += 1
        if progress and done % CHUNK == 0:
            progress(done)
    actor_rows = 0
    participations = (
        Participation.objects.filter(initiative__in=initiatives.order_by().values("pk"))
        .order_by("initiative_id", "position", "pk")
        .values_list(*ACTOR_FIELDS)
        .iterator(chunk_size=CHUNK * 4)
    )
    for values in participations:
        _append(sheet_actors, [_plain(column[2](values)) for column in actor_columns])
        actor_rows += 1
    _finish(sheet_initiatives, len(initiative_columns), done)
    _finish(sheet_actors, len(actor_columns), actor_rows)
    _finish(sheet_table1, 3, done)
    _write_summary(sheet_summary, initiatives)
    _write_dialogues(sheet_dialogues, initiatives, reader=reader)
    workbook.save(handle)
    if progress:
        progress(done)


def _write_summary(sheet, initiatives) -> None:
    summary = figures.summary(initiatives)
    rows = [
        (_("Initiatives"), summary.initiatives),
        (_("Reporting countries"), summary.reporting_countries),
        (_("Countries involved as partners"), summary.partner_countries),
        (_("Multi-actor initiatives"), summary.multi_actor),
        (_("Share of multi-actor initiatives (%)"), summary.multi_actor_share),
        (_("Alliances with more than two actor types"), summary.sustainable_alliances),
        *((f"{_('Confirmed by its country')}: {label}", count) for label, count in summary.by_freshness),
    ]
    for label, value in rows:
        sheet.append([_plain(label), value])
    last_row = len(rows) + 1  # the header is row 1
    chart_row = 2
    for title, pairs in (
        (_("Initiatives by sector"), summary.by_sector),
        (_("Initiatives by actor type"), summary.by_actor_type),
        (_("Initiatives by type"), summary.by_type),
        (_("Initiatives by classification"), summary.by_classification),
    ):
        title_cell = WriteOnlyCell(sheet, value=title)
        title_cell.font = Font(bold=True)
        sheet.append([])
        sheet.append([title_cell])
        first = last_row + 3
        for label, count in pairs:
            sheet.append([_plain(label), count])
        last_row = first + len(pairs) - 1 if pairs else last_row + 2
        if pairs:
            chart = BarChart()
            chart.type, chart.title, chart.legend = "bar", title, None
            chart.add_data(Reference(sheet, min_col=2, min_row=first, max_row=last_row), titles_from_data=False)
            chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last_row))
            chart.height, chart.width = 7, 16
            sheet.add_chart(chart, f"D{chart_row}")
            chart_row += 16


def _write_dialogues(sheet, initiatives, *, reader) -> None:
    # Through the pages' selector: proposed and cancelled dialogues, and those whose countries did
    # not agree to share, stay out of an analyst's file as they stay out of their pages.
    dialogues = (
        dialogues_visible_to(reader)
        .filter(initiatives__in=initiatives.values("pk"))
        .distinct()
        .prefetch_related("initiatives__institution__country", "invited_countries")
        .order_by("starts_at", "pk")
    )
    count = 0
    for dialogue in dialogues:
        _append(
            sheet,
            [
                _plain(dialogue.title),
                _plain(dialogue.get_status_display()),
                _plain(dialogue.get_format_display()),
                timezone.localtime(dialogue.starts_at).replace(tzinfo=None) if dialogue.starts_at else None,
                ", ".join(sorted({i.institution.country.name for i in dialogue.initiatives.all()})),
                ", ".join(country.name for country in dialogue.invited_countries.all()),
                _plain(dialogue.main_results),
            ]
        )
        count += 1
    _finish(sheet, 7, count)
