"""The report as an Excel workbook, streamed (openpyxl write-only mode) so that memory stays flat
for 10,000 initiatives: every sheet is written in one pass over the initiatives.

Sheets: initiatives (every field), actors (one row per participation), Table 1, summary (with
native charts) and dialogues. Column titles come from the models' own labels."""

from collections.abc import Callable, Iterable

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dialogues.models import Dialogue
from registry.choices import ActorType, Classification, InitiativeType, Modality, Phase, SegibRole, Status
from registry.models import Initiative, Participation, current_language
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
    # Labels of choices are lazy translations; Excel cells take plain text.
    return str(value) if isinstance(value, Promise) else value


def _finish(sheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(rows, 1) + 1}"


class Labels:
    """Every label the sheets repeat, translated once per file. Asking Django for a choice's
    display or a country's name per cell would cost more than writing the workbook."""

    def __init__(self):
        def choices(enum):
            return {value: str(label) for value, label in enum.choices}

        self.initiative_type, self.actor_type = choices(InitiativeType), choices(ActorType)
        self.modality, self.phase, self.status = choices(Modality), choices(Phase), choices(Status)
        self.segib_role, self.classification = choices(SegibRole), choices(Classification)
        self.yes, self.no = str(_("Yes")), str(_("No"))
        self.language = current_language()
        self._names: dict[tuple[str, object], str] = {}

    def name(self, item) -> str:
        """A country's or sector's name in the file's language."""
        key = (type(item).__name__, item.pk)
        if key not in self._names:
            self._names[key] = getattr(item, f"name_{self.language}", "") or item.name_es
        return self._names[key]

    def partner(self, link) -> str:
        name = self.name(link.country)
        return f"{name} ({self.segib_role[link.segib_role]})" if link.segib_role else name

    def yes_no(self, value) -> str:
        return "" if value is None else (self.yes if value else self.no)


def _initiative_columns(labels: Labels) -> list[tuple[str, int, Callable[[Initiative], object]]]:
    return [
        ("ID", 8, lambda i: i.pk),
        (_("Country"), 16, lambda i: labels.name(i.institution.country)),
        (_label(Initiative, "institution"), 30, lambda i: i.institution.name),
        (_label(Initiative, "initiative_type"), 18, lambda i: labels.initiative_type[i.initiative_type]),
        (_label(Initiative, "initiative_type_other"), 18, lambda i: i.initiative_type_other),
        (_label(Initiative, "name"), 50, lambda i: i.name),
        (_label(Initiative, "objectives"), 50, lambda i: i.objectives),
        (
            _label(Initiative, "organizations"),
            50,
            lambda i: LIST_SEPARATOR.join(
                f"{p.organization.name} ({labels.actor_type[p.actor_type]})" for p in i.participations.all()
            ),
        ),
        (
            _label(Initiative, "partner_countries"),
            24,
            lambda i: LIST_SEPARATOR.join(labels.partner(link) for link in i.country_links.all()),
        ),
        (_label(Initiative, "focal_point_name"), 22, lambda i: i.focal_point_name),
        (_label(Initiative, "focal_point_email"), 26, lambda i: i.focal_point_email),
        (_label(Initiative, "justification"), 50, lambda i: i.justification),
        (_label(Initiative, "strengths"), 40, lambda i: LIST_SEPARATOR.join(i.strengths)),
        (_label(Initiative, "challenges"), 40, lambda i: LIST_SEPARATOR.join(i.challenges)),
        (_label(Initiative, "results"), 40, lambda i: LIST_SEPARATOR.join(i.results)),
        (_label(Initiative, "wants_to_share"), 12, lambda i: labels.yes_no(i.wants_to_share)),
        (_label(Initiative, "sectors"), 24, lambda i: LIST_SEPARATOR.join(labels.name(s) for s in i.sectors.all())),
        (_label(Initiative, "modality"), 20, lambda i: labels.modality.get(i.modality, "")),
        (_label(Initiative, "sdgs"), 14, lambda i: ", ".join(str(goal) for goal in i.sdgs)),
        (_label(Initiative, "phase"), 20, lambda i: labels.phase.get(i.phase, "")),
        (_label(Initiative, "start_year"), 10, lambda i: i.start_year),
        (_label(Initiative, "end_year"), 10, lambda i: i.end_year),
        (_("Classification"), 28, lambda i: labels.classification.get(getattr(i, "classification_code", None) or "", "")),
        (_label(Initiative, "status"), 14, lambda i: labels.status[i.status]),
    ]


def _actor_columns(labels: Labels) -> list[tuple[str, int, Callable[[Initiative, Participation], object]]]:
    return [
        (_("Initiative") + " ID", 10, lambda i, p: i.pk),
        (_("Initiative"), 50, lambda i, p: i.name),
        (_("Country"), 16, lambda i, p: labels.name(i.institution.country)),
        (_("Organization"), 40, lambda i, p: p.organization.name),
        (_("Actor type"), 24, lambda i, p: labels.actor_type[p.actor_type]),
        (_("Role"), 24, lambda i, p: p.role),
    ]


def write_workbook(handle, initiatives, *, progress: Callable[[int], None] | None = None) -> None:
    """Write the workbook to a binary file object. `progress` is told how many initiatives are
    done every few hundred (the background job shows it)."""
    initiatives = initiatives.with_classification() if hasattr(initiatives, "with_classification") else initiatives
    workbook = Workbook(write_only=True)
    labels = Labels()
    initiative_columns, actor_columns = _initiative_columns(labels), _actor_columns(labels)
    sheet_initiatives = _sheet(workbook, _("Initiatives"), [c[0] for c in initiative_columns], [c[1] for c in initiative_columns])
    sheet_actors = _sheet(workbook, _("Actors"), [c[0] for c in actor_columns], [c[1] for c in actor_columns])
    sheet_table1 = _sheet(workbook, _("Table 1"), [_("Country"), _("Initiative"), _("Sectors")], [20, 70, 40])
    sheet_summary = _sheet(workbook, _("Summary"), [_("Figure"), _("Value")], [50, 12])
    sheet_dialogues = _sheet(
        workbook,
        _("Dialogues"),
        [_("Dialogue"), _("Status"), _("Format"), _("Date and time"), _("Presenting"), _("Invited"), _("Main results")],
        [40, 14, 14, 20, 30, 30, 60],
    )
    done = actor_rows = 0
    for initiative in _chunks(initiatives):
        sheet_initiatives.append([_plain(column[2](initiative)) for column in initiative_columns])
        for participation in initiative.participations.all():
            sheet_actors.append([_plain(column[2](initiative, participation)) for column in actor_columns])
            actor_rows += 1
        sectors = LIST_SEPARATOR.join(labels.name(sector) for sector in initiative.sectors.all())
        sheet_table1.append([labels.name(initiative.institution.country), initiative.name, sectors])
        done += 1
        if progress and done % CHUNK == 0:
            progress(done)
    _finish(sheet_initiatives, len(initiative_columns), done)
    _finish(sheet_actors, len(actor_columns), actor_rows)
    _finish(sheet_table1, 3, done)
    _write_summary(sheet_summary, initiatives)
    _write_dialogues(sheet_dialogues, initiatives)
    workbook.save(handle)
    if progress:
        progress(done)


def _chunks(initiatives) -> Iterable[Initiative]:
    return initiatives.iterator(chunk_size=CHUNK) if hasattr(initiatives, "iterator") else initiatives


def _write_summary(sheet, initiatives) -> None:
    summary = figures.summary(initiatives)
    rows = [
        (_("Initiatives"), summary.initiatives),
        (_("Reporting countries"), summary.reporting_countries),
        (_("Countries involved as partners"), summary.partner_countries),
        (_("Multi-actor initiatives"), summary.multi_actor),
        (_("Share of multi-actor initiatives (%)"), summary.multi_actor_share),
        (_("Alliances with more than two actor types"), summary.sustainable_alliances),
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


def _write_dialogues(sheet, initiatives) -> None:
    dialogues = (
        Dialogue.objects.filter(initiatives__in=initiatives.values("pk"))
        .distinct()
        .prefetch_related("initiatives__institution__country", "invited_countries")
        .order_by("starts_at", "pk")
    )
    count = 0
    for dialogue in dialogues:
        sheet.append(
            [
                dialogue.title,
                _plain(dialogue.get_status_display()),
                _plain(dialogue.get_format_display()),
                dialogue.starts_at.replace(tzinfo=None) if dialogue.starts_at else None,
                ", ".join(sorted({i.institution.country.name for i in dialogue.initiatives.all()})),
                ", ".join(country.name for country in dialogue.invited_countries.all()),
                dialogue.main_results,
            ]
        )
        count += 1
    _finish(sheet, 7, count)
