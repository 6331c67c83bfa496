import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel workbook")
    DOCX = "docx", _("Word executive report")
    CSV = "csv", _("CSV of the initiatives")
    SIDICSS = "sidicss", _("Excel in SIDICSS shape")


class ReportJob(models.Model):
    """A report file too large to build inside a request, built by the worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    format = models.CharField(_("format"), max_length=10, choices=ReportFormat)
    language = models.CharField(_("language"), max_length=5, default="es")
    # The clock of whoever asked: the file names times on it, whenever the worker builds it.
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    query = models.TextField(_("filters"), blank=True, help_text=_("The dashboard's query string."))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="reports/", blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0


class WorkerHeartbeat(models.Model):
    """The report worker's sign of life, written on every turn of its loop: /health/ tells how long
    ago each worker last beat, so a stalled queue is noticed before people complain."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField()
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)

    class Meta:
        verbose_name = _("report worker")
        verbose_name_plural = _("report workers")


class OpenDataRelease(models.Model):
    """One build of the open-data package (reports.open_data), kept under MEDIA_ROOT; /data/
    serves the newest and the worker builds another when the published data changed since."""

    file = models.FileField(upload_to="open-data/")
    built_at = models.DateTimeField(default=timezone.now)
    # The latest change of the published data it includes (reports.open_data.latest_change).
    data_until = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-built_at"]
        get_latest_by = "built_at"

    def __str__(self) -> str:
        return f"open data {self.built_at:%Y-%m-%d %H:%M}"
