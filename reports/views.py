"""The dashboard and its files. Small files are built in the request; above
REPORTS_BACKGROUND_THRESHOLD initiatives the file is queued for the worker and the person
follows its progress."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from registry.downloads import stored_file_download
from reports import charts, figures, map_views
from reports.map_views import map_context
from reports.builders import CONTENT_TYPES, build_file, file_name, report_filterset
from reports.models import ReportFormat, ReportJob
from reports.tasks import build_report_job

ROWS_PER_PAGE = 50
LANGUAGES = ("es", "pt")


def _require_reader(user) -> None:
    if not (user.is_technical_unit or user.is_analyst):
        raise PermissionDenied


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("lang", None)
    return query.urlencode()


def _dashboard(request, filterset, *, status: int = 200):
    """The dashboard; with invalid filters it shows why, and no figure, as a 400."""
    initiatives = figures.report_initiatives(filterset.qs if filterset.is_valid() else filterset.queryset.none())
    summary = figures.summary(initiatives)
    query = _without_page(request)
    return render(
        request,
        "reports/dashboard.html",
        {
            **map_context(initiatives, query={key: request.GET.getlist(key) for key in request.GET if key not in ("page", "lang")},
                          title=str(map_views.TITLE), file_view="reports:map_file"),
            "filterset": filterset,
            "summary": summary,
            "contributions": figures.contribution_figures(initiatives),
            "follow_up": figures.follow_up_figures(initiatives),
            "dialogues": figures.dialogue_figures(initiatives, reader=request.user),
            "page": Paginator(initiatives, ROWS_PER_PAGE).get_page(request.GET.get("page")),
            "charts": {
                "country": charts.bars(summary.by_country),
                "sector": charts.bars(summary.by_sector),
                "actor_type": charts.bars(summary.by_actor_type),
            },
            "query": query,
        },
        status=status if filterset.is_valid() else 400,
    )


@login_required
@require_safe
def dashboard(request):
    _require_reader(request.user)
    return _dashboard(request, report_filterset(request.GET))


CHARTS = {"country": "by_country", "sector": "by_sector", "actor_type": "by_actor_type"}


@login_required
@require_safe
def chart_file(request, chart: str, format: str):
    """One of the dashboard's bar charts as a file for a report: the SVG it shows, or a PNG."""
    _require_reader(request.user)
    if chart not in CHARTS or format not in map_views.DRAWINGS:
        raise Http404
    filterset = report_filterset(request.GET)
    if not filterset.is_valid():
        return _dashboard(request, filterset)
    pairs = getattr(figures.summary(figures.report_initiatives(filterset.qs)), CHARTS[chart])
    if format == "png":
        body = charts.bar_chart_png(pairs)
    else:
        body = '<?xml version="1.0" encoding="UTF-8"?>\n' + render_to_string(
            "reports/_bars_svg.html", {"chart": charts.bars(pairs), "standalone": True}
        )
    return map_views.attachment(body, format=format, stem=chart)


@login_required
@require_safe
def map_file(request, format: str):
    """The dashboard's map as a file, over the report's initiatives and filters."""
    _require_reader(request.user)
    if format not in map_views.FILES:
        raise Http404
    filterset = report_filterset(request.GET)
    if not filterset.is_valid():
        return _dashboard(request, filterset)
    return map_views.map_file_response(figures.report_initiatives(filterset.qs), format)


@login_required
@require_safe
def download(request, format: str):
    _require_reader(request.user)
    if format not in ReportFormat.values:
        raise Http404
    language = request.GET.get("lang") if request.GET.get("lang") in LANGUAGES else translation.get_language()[:2]
    language = language if language in LANGUAGES else "es"
    query = _without_page(request)
    filterset = report_filterset(request.GET)
    if not filterset.is_valid():
        # The same answer as the dashboard's: what is wrong, and no file of the wrong data.
        return _dashboard(request, filterset)
    count = filterset.qs.count()
    if count > settings.REPORTS_BACKGROUND_THRESHOLD:
        job = ReportJob.objects.create(
            format=format, language=language, time_zone=timezone.get_current_timezone_name(), query=query, total=count,
            requested_by=request.user,
        )
        build_report_job.enqueue(str(job.pk))
        return redirect("reports:job", pk=job.pk)
    response = HttpResponse(content_type=CONTENT_TYPES[format])
    build_file(
        response, format=format, language=language, time_zone=timezone.get_current_timezone_name(), query=request.GET,
        reader=request.user,
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name(format, language)}"'
    return response


def _own_job(request, pk) -> ReportJob:
    _require_reader(request.user)
    return get_object_or_404(ReportJob, pk=pk, requested_by=request.user)


@login_required
@require_safe
def job(request, pk):
    return render(request, "reports/job.html", {"job": _own_job(request, pk)})


@login_required
@require_safe
def job_file(request, pk):
    report = _own_job(request, pk)
    if report.status != ReportJob.Status.DONE:
        raise Http404
    return stored_file_download(
        report.file, filename=file_name(report.format, report.language), content_type=CONTENT_TYPES[report.format]
    )
