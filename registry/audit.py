"""Snapshots and diffs for the audit trail.

A snapshot is a plain dict of human-readable values, so an entry stays legible after the rows it
mentions change or disappear.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from registry.ficha import initiative_fields
from registry.models import CURATION_FIELDS, AuditEntry

Snapshot = dict[str, Any]

# Besides the ficha's own fields (read from registry.ficha when a snapshot is taken). Sectors are
# many-to-many and snapshotted separately below.
OTHER_INITIATIVE_FIELDS = (
    "institution",
    "wants_to_share",
    *(field for field in CURATION_FIELDS if field != "sectors"),
    "status",
    "status_reason",
    "classification_override",
    "classification_override_reason",
    "out_of_scope",
    "out_of_scope_reason",
)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def initiative_snapshot(initiative) -> Snapshot:
    snapshot = {field: _plain(getattr(initiative, field)) for field in (*initiative_fields(), *OTHER_INITIATIVE_FIELDS)}
    snapshot["actors"] = [
        f"{p.organization.name} ({p.actor_type}){' – ' + p.role if p.role else ''}"
        for p in initiative.participations.select_related("organization").order_by("position", "id")
    ]
    snapshot["other_countries"] = [
        f"{link.country_id}{' (' + link.segib_role + ')' if link.segib_role else ''}"
        for link in initiative.country_links.order_by("country_id")
    ]
    snapshot["sectors"] = sorted(initiative.sectors.values_list("code", flat=True))
    return snapshot


def record_snapshot(instance: models.Model) -> Snapshot:
    """Every field of any record, related records by name, for admin edits of dialogues and
    others that have no hand-written snapshot."""
    snapshot = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key:
            continue
        value = _plain(getattr(instance, field.name))
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif not isinstance(value, (str, int, float, bool, list, dict, type(None))):
            value = str(value)  # UUIDs, decimals: the entry must stay plain JSON
        snapshot[field.name] = value
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            snapshot[field.name] = sorted(str(related) for related in getattr(instance, field.name).all())
    return snapshot


def diff(before: Snapshot, after: Snapshot) -> dict[str, list]:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def audit_record(*, instance: models.Model, action: str, by, changes: dict | None = None) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=action,
        actor=by if by is not None and by.is_authenticated else None,
        changes=changes or {},
    )


def audit_entries_for(instance: models.Model):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor")


# Kept in an entry for completeness but meaningless to a reader: calendar bookkeeping, versions,
# folded copies made for searching, copies of related records made for filtering.
UNREAD_FIELDS = frozenset({
    "uid", "sequence", "version", "search_text", "normalized_name", "search_vector",
    "indexed_sector_ids", "indexed_actor_types",
})
# Names an entry uses that are not a field of the record.
ENTRY_LABELS = {
    "actors": _("Actors"),
    "other_countries": _("Other countries involved"),
    "sectors": _("Sectors"),
    "merged_into": _("Merged into"),
    "reason": _("Reason"),
    "initiatives": _("Initiatives"),
    "linked_reports": _("Linked reports"),
    "confirmed_role": _("Confirmed role"),
}


def _readable(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return ", ".join(_readable(field, item) for item in value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    base = getattr(field, "base_field", None)
    if base is not None and base.choices:
        return str(dict(base.flatchoices).get(value, value))
    return str(value)


def readable_changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """(what, before, after) as a person reads them: field labels and choice labels instead of
    codes, technical fields left out."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in (entry.changes or {}).items():
        if name in UNREAD_FIELDS:
            continue
        before, after = (list(change) + [None, None])[:2] if isinstance(change, list) else (None, change)
        try:
            field = model._meta.get_field(name) if model is not None else None
        except Exception:  # FieldDoesNotExist, or a name an older version of the model had
            field = None
        label = ENTRY_LABELS.get(name) or (capfirst(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name)
        rows.append((str(label), _readable(field, before), _readable(field, after)))
    return rows
