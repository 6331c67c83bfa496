import logging
import tempfile

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files import File
from django.http import QueryDict
from django.tasks import task
from django.utils import timezone

from reports.builders import build_file, file_name
from reports.models import ReportJob
from reports.open_data_release import open_data_release_build
from reports.worker import report_statement_timeout

logger = logging.getLogger(__name__)


@task()
def build_report_job(job_id: str) -> None:
    report_statement_timeout()
    job = ReportJob.objects.get(pk=job_id)
    job.status = ReportJob.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(done: int) -> None:
        ReportJob.objects.filter(pk=job.pk).update(done=done)

    try:
        with tempfile.TemporaryFile() as handle:
            build_file(
                handle, format=job.format, language=job.language, time_zone=job.time_zone, query=QueryDict(job.query),
                # Whoever asked: a request whose person is gone reads what the public reads.
                reader=job.requested_by or AnonymousUser(), progress=progress,
            )
            handle.seek(0)
            job.file.save(file_name(job.format, job.language), File(handle), save=False)
    except Exception:
        logger.exception("Report job %s failed", job.pk)
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJob.Status.FAILED, error="internal error", finished_at=timezone.now()
        )
        raise
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.DONE, file=job.file.name, done=job.total, finished_at=timezone.now()
    )


@task()
def build_open_data_release() -> None:
    """A new open-data package, unless the newest already holds the latest published change."""
    open_data_release_build()


# A burst of publications (a curator deciding a whole ficha) asks the worker once.
REBUILD_QUEUED_KEY = "open-data-build-queued"
REBUILD_AT_MOST_EVERY_SECONDS = 300


def open_data_rebuild_soon(*_args) -> bool:
    """Ask the worker for a new open-data package, at most once every few minutes; whether asked."""
    if cache.add(REBUILD_QUEUED_KEY, True, REBUILD_AT_MOST_EVERY_SECONDS):
        build_open_data_release.enqueue()
        return True
    return False
