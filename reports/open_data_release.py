"""Building and choosing the open-data package that /data/ serves (reports.open_data writes it)."""

import logging
import tempfile

from django.core.files import File
from django.db import transaction

from reports.models import OpenDataRelease
from reports.open_data import latest_change, write_package
from reports.worker import report_statement_timeout

logger = logging.getLogger(__name__)
KEEP_RELEASES = 3  # older files are deleted: the newest is what is offered


def newest_release() -> OpenDataRelease | None:
    return OpenDataRelease.objects.order_by("-built_at").first()


def is_current(release: OpenDataRelease | None) -> bool:
    if release is None:
        return False
    changed = latest_change()
    return changed is None or (release.data_until is not None and release.data_until >= changed)


def open_data_release_build(*, force: bool = False) -> OpenDataRelease:
    """Build the package when the published data changed since the newest one (or when forced)."""
    newest = newest_release()
    if not force and is_current(newest):
        return newest
    report_statement_timeout()
    data_until = latest_change()
    with tempfile.TemporaryFile() as handle:
        counts = write_package(handle)
        size = handle.tell()
        handle.seek(0)
        release = OpenDataRelease(data_until=data_until, counts=counts, size=size)
        release.file.save("alianzas-datapackage.zip", File(handle), save=False)
    with transaction.atomic():
        release.save()
        for old in OpenDataRelease.objects.order_by("-built_at")[KEEP_RELEASES:]:
            old.file.delete(save=False)
            old.delete()
    logger.info("Open-data package built: %s", counts)
    return release
