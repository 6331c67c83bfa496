"""/data/: the published registry as an open-data package, for anyone. The newest build is
served; when the published data changed since, the worker is asked for a new one (at most every
few minutes) and the page says the data is being brought up to date."""

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from registry.downloads import stored_file_download
from reports.open_data import LICENSE, PACKAGE_NAME, citation, tables
from reports.open_data_release import is_current, newest_release
from reports.tasks import open_data_rebuild_soon


def _refresh_when_stale(release) -> bool:
    """Whether a newer package is on its way."""
    if is_current(release):
        return False
    open_data_rebuild_soon()
    return True


@require_safe
def open_data_page(request):
    release = newest_release()
    return render(
        request,
        "reports/open_data.html",
        {
            "release": release,
            "refreshing": _refresh_when_stale(release),
            "tables": [
                (table.name, table.en if (translation.get_language() or "es").startswith("en") else table.es,
                 (release.counts or {}).get(table.name) if release else None)
                for table in tables()
            ],
            "license": LICENSE,
            "citation": release and citation(release.built_at),
        },
    )


@require_safe
def open_data_download(request):
    release = newest_release()
    _refresh_when_stale(release)
    if release is None:
        raise Http404("The open-data package is being prepared: come back in a few minutes.")
    return stored_file_download(release.file, filename=f"{PACKAGE_NAME}.zip", content_type="application/zip")
