"""Building a report file from the dashboard's filters: the same code for the immediate download
and for the background job."""

from collections.abc import Callable

from django.http import QueryDict
from django.utils import timezone, translation

from registry.timezones import zone_or_utc

from registry.filters import InitiativeFilterSet
from registry.models import Initiative
from reports import csv_file, excel, figures, sidicss, word
from reports.models import ReportFormat
from registry.downloads import DOCX_CONTENT_TYPE

CONTENT_TYPES = {
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.DOCX: DOCX_CONTENT_TYPE,
    ReportFormat.CSV: "text/csv; charset=utf-8",
    ReportFormat.SIDICSS: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class _TechnicalUnit:
    """The reader of a file an operator builds on the server for the technical unit (build_report):
    it sees what the unit's pages show."""

    is_authenticated = is_technical_unit = True
    is_focal_point = is_analyst = False
    institution_id = pk = None


TECHNICAL_UNIT = _TechnicalUnit()


def report_filterset(query: QueryDict | dict) -> InitiativeFilterSet:
    """Reports cover published initiatives, filtered like the catalog."""
    return InitiativeFilterSet(data=query, queryset=Initiative.objects.published().with_classification())


def filtered_initiatives(query: QueryDict | dict):
    filterset = report_filterset(query)
    return figures.report_initiatives(filterset.qs if filterset.is_valid() else filterset.queryset.none())


def build_file(
    handle, *, format: str, language: str, time_zone: str, query, reader, progress: Callable[[int], None] | None = None
) -> None:
    """The file as `reader` may read it: published initiatives, and the dialogues and seminars
    their pages show them; in their language and on their clock."""
    with translation.override(language), timezone.override(zone_or_utc(time_zone)):
        initiatives = filtered_initiatives(query)
        if format == ReportFormat.XLSX:
            excel.write_workbook(handle, initiatives, reader=reader, progress=progress)
        elif format == ReportFormat.CSV:
            done = csv_file.write_csv(handle, initiatives)
            if progress:
                progress(done)
        elif format == ReportFormat.SIDICSS:
            sidicss.write_sidicss(handle, initiatives, progress=progress)
        else:
            handle.write(word.executive_report(initiatives, reader=reader))
            if progress:
                progress(initiatives.count())


def file_name(format: str, language: str) -> str:
    if format == ReportFormat.SIDICSS:
        return f"alianzas-sidicss-{language}.xlsx"
    return f"alianzas-informe-{language}.{format}"
