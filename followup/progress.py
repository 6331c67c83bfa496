"""Results and yearly progress: indicators per objective, progress updates with the values
reached and evidence attached, and the yearly confirmation as a short update pre-filled from the
last one (registry.services.initiative_confirm does the confirming)."""

import hashlib
import io
import zipfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from followup.models import Evidence, Indicator, IndicatorValue, ProgressUpdate
from followup.services import _require
from registry import services as registry_services
from registry.audit import audit_record
from registry.models import AuditEntry, Initiative

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 10
# What a file is, by its first bytes (never by its name or the browser's word for it).
SIGNATURES = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def evidence_kind(data: bytes) -> str | None:
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" in names and "word/vbaProject.bin" not in names:
            return next((kind for part, kind in OFFICE_PARTS.items() if part in names), None)
    return None


def store_upload(record, name: str, kind: str, data: bytes) -> None:
    """Put a checked upload (checked_evidence) in `record`, an Evidence or a training Material
    (file, original_name, kind, size, sha256), named on disk by its content hash."""
    record.original_name, record.kind, record.size = name[-255:], kind, len(data)
    record.sha256 = hashlib.sha256(data).hexdigest()
    record.file.save(f"{record.sha256}.{kind}", ContentFile(data), save=False)


def checked_evidence(name: str, data: bytes) -> tuple[str, bytes]:
    if not data:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": name})
    kind = evidence_kind(data)
    if kind is None:
        raise ValidationError(_("“%(name)s” is not a PDF, a photo (PNG, JPEG) or a Word or Excel file.") % {"name": name})
    return kind, data


@transaction.atomic
def indicator_add(*, initiative: Initiative, by, **fields) -> Indicator:
    _require(by, initiative)
    indicator = Indicator(initiative=initiative, **fields)
    indicator.full_clean()
    indicator.save()
    audit_record(instance=indicator, action=AuditEntry.Action.CREATE, by=by)
    return indicator


@transaction.atomic
def progress_update_add(
    *, initiative: Initiative, period: str, what_changed: str, results_reached: str, phase: str, by,
    values: dict[int, tuple[Decimal, str]] | None = None, files: list[tuple[str, bytes]] = (), confirms: bool = False,
) -> ProgressUpdate:
    """One update, its values and evidence, and (when it is the yearly one) the confirmation: all
    or nothing."""
    _require(by, initiative)
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationError(_("At most %(max)d files per update.") % {"max": MAX_EVIDENCE_FILES})
    checked = [(name, *checked_evidence(name, data)) for name, data in files]
    update = ProgressUpdate(
        initiative=initiative, period=period.strip(), what_changed=what_changed.strip(), results_reached=results_reached.strip(),
        phase=phase, confirms=confirms, created_by=by if getattr(by, "pk", None) else None,
    )
    update.full_clean()
    update.save()
    own = {indicator.pk: indicator for indicator in initiative.indicators.all()}
    for indicator_id, (value, narrative) in (values or {}).items():
        if indicator_id not in own:
            raise ValidationError(_("That indicator is not one of this initiative's."))
        IndicatorValue.objects.create(update=update, indicator=own[indicator_id], value=value, narrative=narrative.strip()[:500])
    if confirms:
        registry_services.initiative_confirm(initiative=initiative, by=by)
    audit_record(instance=update, action=AuditEntry.Action.CREATE, by=by, changes={"period": [None, update.period]})
    # Last, once nothing else can refuse the update: a refused one leaves no file behind.
    for name, kind, data in checked:
        evidence = Evidence(update=update)
        store_upload(evidence, name, kind, data)
        evidence.save()
    return update


def last_update(initiative: Initiative) -> ProgressUpdate | None:
    return initiative.progress_updates.prefetch_related("values").first()


def latest_values(indicators) -> dict[int, Decimal]:
    """The last value reported for each of `indicators` (a queryset), by indicator id."""
    values = IndicatorValue.objects.filter(indicator__in=indicators.order_by().values("pk")).order_by("update__created_at", "pk")
    return dict(values.values_list("indicator_id", "value"))  # later updates overwrite earlier ones


def indicator_progress(initiative: Initiative) -> list[dict]:
    """Each indicator with its latest value and how far it went from baseline to target."""
    latest = latest_values(initiative.indicators.all())
    return [
        {"indicator": indicator, "reached": latest.get(indicator.pk), "percent": indicator.share_of_target(latest.get(indicator.pk))}
        for indicator in initiative.indicators.all()
    ]
