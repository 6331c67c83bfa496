"""Admin screens write the audit trail too: the services cover the site's own screens, and a
change made in the admin must not be the one change nobody can trace."""

from django.db import transaction

from registry.audit import audit_record, diff, record_snapshot
from registry.models import AuditEntry


class AuditedDeleteMixin:
    """Records every delete, one by one and in bulk, with what the record held."""

    def snapshot(self, obj) -> dict:
        return record_snapshot(obj)

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._record_delete(request, obj)
            super().delete_queryset(request, queryset)

    def _record_delete(self, request, obj):
        before = self.snapshot(obj)
        audit_record(
            instance=obj, action=AuditEntry.Action.DELETE, by=request.user,
            changes={field: [value, None] for field, value in before.items()},
        )


class AuditedAdminMixin(AuditedDeleteMixin):
    """Records create and update too, field by field (before → after). Inline rows show up
    through the many-to-many fields of the snapshot only."""

    def save_model(self, request, obj, form, change):
        request._audit_before = self.snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        after = self.snapshot(form.instance)
        changes = diff(request._audit_before, after)
        if changes or not change:
            audit_record(
                instance=form.instance,
                action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
                by=request.user,
                changes=changes,
            )
