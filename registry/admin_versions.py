"""A stale admin page is refused. The admin form carries what it showed of the record (its
version, or a fingerprint of its saved values for records that keep no version); saving checks
it against the saved row, locked, inside the admin's own transaction, so a curator's old page can
never silently overwrite what a focal point (or another curator) saved in between: the page says
so and lists the fields that changed since."""

import hashlib
import json
from collections.abc import Callable

from django import forms
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from registry.admin_audit import AuditedAdminMixin

# Not "version": that model field is not editable, and a model form may not name it.
VERSION_FIELD = "seen_version"
SNAPSHOT_FIELD = "seen_snapshot"
CHECK_FIELDS = (VERSION_FIELD, SNAPSHOT_FIELD)


# A sign-in, or the hash Django upgrades on one, is not an edit of the account.
NOT_EDITS = frozenset({"last_login", "password"})


def record_fingerprint(record) -> str:
    """A short digest of what an admin page edits of the record: its editable fields (related
    records by key, many-to-many included) and `updated_at` where the model keeps one, which its
    services touch when rows hanging from it change. Counters and stamps kept by the services
    (published initiatives, reminder dates) and a sign-in change nothing a curator could overwrite."""
    values = {}
    for field in (*record._meta.concrete_fields, *record._meta.many_to_many):
        if field.primary_key or field.name in NOT_EDITS or not (field.editable or field.name == "updated_at"):
            continue
        value = field.value_from_object(record)
        values[field.name] = sorted(related.pk for related in value) if field.many_to_many else value
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _changed_since(form, current) -> list[str]:
    """The fields whose saved value is no longer what this page was built from."""
    changed = []
    for name, field in form.fields.items():
        if name in CHECK_FIELDS or name not in form.initial or not hasattr(current, name):
            continue
        try:
            saved = field.prepare_value(form.initial[name])
            posted = field.prepare_value(form.cleaned_data.get(name))
        except Exception:  # a value a field cannot show is simply not compared
            continue
        if str(saved) != str(posted):
            changed.append(str(capfirst(field.label or name)))
    return changed


def _checked_form(base: type[forms.ModelForm], name: str, field: forms.Field, seen_of: Callable) -> type[forms.ModelForm]:
    def __init__(self, *args, **kwargs):
        base.__init__(self, *args, **kwargs)
        if not self.instance._state.adding:
            self.fields[name].required = True
            self.fields[name].initial = seen_of(self.instance)

    def clean(self):
        cleaned = base.clean(self)
        if self.instance._state.adding:  # a new record (a country's key is typed: it is never None)
            return cleaned
        # Locked until the admin's transaction ends: nobody saves between this check and ours.
        current = type(self.instance)._default_manager.select_for_update().get(pk=self.instance.pk)
        if cleaned.get(name) is not None and cleaned[name] != seen_of(current):
            changed = _changed_since(self, current)
            message = _(
                "Someone saved this record after you opened this page, so your changes were not saved. "
                "Reload the page to see the saved version, then make your changes again."
            )
            if changed:
                message += " " + _("Your page differs from the saved record in: %(fields)s.") % {"fields": ", ".join(changed)}
            raise forms.ValidationError(message, code="stale")
        return cleaned

    # Declared on the form, so the admin may name it among the fields it shows.
    return type(base)(f"Checked{base.__name__}", (base,), {name: field, "__init__": __init__, "clean": clean})


def versioned_form(base: type[forms.ModelForm]) -> type[forms.ModelForm]:
    return _checked_form(
        base, VERSION_FIELD, forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1), lambda record: record.version
    )


def fingerprinted_form(base: type[forms.ModelForm]) -> type[forms.ModelForm]:
    return _checked_form(
        base, SNAPSHOT_FIELD, forms.CharField(widget=forms.HiddenInput, required=False, max_length=64), record_fingerprint
    )


class _CheckedAdminMixin:
    check_field: str
    checked_form: Callable

    def get_form(self, request, obj=None, change=False, **kwargs):
        # A new record has nothing to be stale against, and some admins add with a form of their
        # own (an account's, with its password): only the change form is checked.
        if obj is not None:
            kwargs["form"] = type(self).checked_form(kwargs.get("form") or self.form)
        return super().get_form(request, obj, change=change, **kwargs)

    def _checks(self, request, obj) -> bool:
        # A page that only shows the record has nothing to check.
        return obj is not None and self.has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if self._checks(request, obj) else [name for name in fields if name != self.check_field]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, {**options, "fields": list(options["fields"])}) for name, options in super().get_fieldsets(request, obj)]
        if self._checks(request, obj) and not any(self.check_field in options["fields"] for _name, options in fieldsets):
            fieldsets[0][1]["fields"].append(self.check_field)
        return fieldsets


class VersionCheckedAdminMixin(_CheckedAdminMixin):
    """For admin screens of records with a `version` that every save increments."""

    check_field = VERSION_FIELD
    checked_form = staticmethod(versioned_form)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class StaleCheckedAdminMixin(_CheckedAdminMixin):
    """For every other admin screen that edits records: the page's fingerprint of the record
    (record_fingerprint) must still be the saved one."""

    check_field = SNAPSHOT_FIELD
    checked_form = staticmethod(fingerprinted_form)


class ReferenceAdmin(StaleCheckedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Records the technical unit keeps by hand (countries, vocabularies, institutions, actors,
    exchange rates, glossary terms): each change is audited field by field, and a page opened
    before someone else's save is refused instead of overwriting it."""
