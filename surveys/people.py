"""Where the surveys app keeps people: see registry.privacy."""

from django.db import transaction

from registry.privacy import register
from surveys.models import Ficha, FichaUpload


def _drop_original(upload: FichaUpload, erasure) -> dict:
    """The Word file as sent carries the person: it cannot be edited reliably, so it goes (once the
    erasure is committed); what was read from it keeps the pseudonym."""
    if not upload.file:
        return {}
    storage, name = upload.file.storage, upload.file.name
    transaction.on_commit(lambda: storage.delete(name))
    erasure.notes.append(f"The original Word file of upload #{upload.pk} ({upload.original_name}) was deleted.")
    return {"file": ""}


def register_personal_fields() -> None:
    register(
        Ficha, names=("focal_point_name",), emails=("focal_point_email",),
        context=lambda ficha: f"Ficha of {ficha.institution} for {ficha.campaign}",
    )
    register(
        FichaUpload, documents=("parsed",), on_erase=_drop_original,
        context=lambda upload: f"Word file “{upload.original_name}” uploaded on {upload.uploaded_at:%Y-%m-%d}",
    )
