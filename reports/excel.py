"""The report as an Excel workbook: a renderer of reports.sheets' rows, streamed (openpyxl
write-only mode) so that memory stays flat for 10,000 initiatives. It asks for no data itself."""

from collections.abc import Callable

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from registry.text import looks_like_formula
from reports import sheets as report_sheets

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="4B2E83")


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
    for value in map(_plain, values):
        if looks_like_formula(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        cells.append(value)
    sheet.append(cells)


def _finish(sheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(rows, 1) + 1}"


def write_workbook(handle, initiatives, *, reader, progress: Callable[[int], None] | None = None) -> None:
    """Write the workbook to a binary file object, for `reader` (what they may see of dialogues
    and seminars). `progress` is told how many initiatives are done every few hundred (the
    background job shows it)."""
    initiatives = initiatives.with_classification() if hasattr(initiatives, "with_classification") else initiatives
    labels = report_sheets.Labels()
    sheets, columns = report_sheets.workbook_sheets(labels)
    workbook = Workbook(write_only=True)
    written = {sheet.key: _sheet(workbook, sheet.title, sheet.headers, sheet.widths) for sheet in sheets}
    counts = dict.fromkeys(written, 0)
    for rows in (
        report_sheets.initiative_rows(initiatives, labels, columns, progress=progress),
        report_sheets.actor_rows(initiatives, columns),
        report_sheets.dialogue_rows(initiatives, reader=reader),
        report_sheets.indicator_rows(initiatives),
        report_sheets.contribution_rows(initiatives),
    ):
        for key, row in rows:
            _append(written[key], row)
            counts[key] += 1
    for sheet in sheets:
        if sheet.key not in ("summary",):
            _finish(written[sheet.key], len(sheet.headers), counts[sheet.key])
    _write_summary(written["summary"], *report_sheets.summary_figures(initiatives))
    workbook.save(handle)
    if progress:
        progress(counts["initiatives"])


def _write_summary(sheet, rows, charts) -> None:
    for label, value in rows:
        sheet.append([_plain(label), value])
    last_row = len(rows) + 1  # the header is row 1
    chart_row = 2
    for chart_data in charts:
        title_cell = WriteOnlyCell(sheet, value=chart_data.title)
        title_cell.font = Font(bold=True)
        sheet.append([])
        sheet.append([title_cell])
        first = last_row + 3
        for label, count in chart_data.pairs:
            sheet.append([_plain(label), count])
        last_row = first + len(chart_data.pairs) - 1 if chart_data.pairs else last_row + 2
        if chart_data.pairs:
            chart = BarChart()
            chart.type, chart.title, chart.legend = "bar", chart_data.title, None
            chart.add_data(Reference(sheet, min_col=2, min_row=first, max_row=last_row), titles_from_data=False)
            chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last_row))
            chart.height, chart.width = 7, 16
            sheet.add_chart(chart, f"D{chart_row}")
            chart_row += 16
