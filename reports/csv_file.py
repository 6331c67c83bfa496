"""The report's Initiatives sheet as CSV, for analysts' own tools: a renderer of reports.sheets'
rows, written row by row. A byte-order mark lets spreadsheet programs read the accents."""

import csv

from registry.text import spreadsheet_safe
from reports import sheets as report_sheets


def write_csv(handle, initiatives) -> int:
    """Write the initiatives to a binary file object; returns how many."""
    initiatives = initiatives.with_classification() if hasattr(initiatives, "with_classification") else initiatives
    labels = report_sheets.Labels()
    sheets, columns = report_sheets.workbook_sheets(labels)
    text = _TextOut(handle)
    writer = csv.writer(text)
    text.write("\ufeff")
    writer.writerow(next(sheet for sheet in sheets if sheet.key == "initiatives").headers)
    count = 0
    for key, row in report_sheets.initiative_rows(initiatives, labels, columns):
        if key == "initiatives":
            writer.writerow([spreadsheet_safe(value) for value in row])
            count += 1
    return count


class _TextOut:
    """csv writes text; the response and files take bytes."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, text: str) -> int:
        return self.handle.write(text.encode("utf-8"))
