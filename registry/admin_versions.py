"""A stale admin page is refused. The admin form carries the version it showed; saving checks it
against the saved row, locked, inside the admin's own transaction, so a curator's old page can
never silently overwrite what a focal point (or another curator) saved in between: the page
says so and lists the fields that changed since."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# Not "version": that model field is not editable, and a model form may not name it.
VERSION_FIELD = "seen_version"


def _changed_since(form, current) -> list[str]:
    """The fields whose saved value is no longer what this page was built from."""
    changed = []
    for name, field in form.fields.items():
        if name == VERSION_FIELD or name not in form.initial or not hasattr(current, name):
            continue
        try:
            saved = field.prepare_value(form.initial[name])
            posted = field.prepare_value(form.cleaned_data.get(name))
        except Exception:  # a value a field cannot show is simply not compared
            continue
        if str(saved) != str(posted):
            changed.append(str(capfirst(field.label or name)))
    return changed


def versioned_form(base: type[forms.ModelForm]) -> type[forms.ModelForm]:
    class VersionedAdminForm(base):
        seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk is not None:
                self.fields[VERSION_FIELD].required = True
                self.fields[VERSION_FIELD].initial = self.instance.version

        def clean(self):
            cleaned = super().clean()
            if self.instance.pk is None:
                return cleaned
            # Locked until the admin's transaction ends: nobody saves between this check and ours.
            current = type(self.instance)._default_manager.select_for_update().get(pk=self.instance.pk)
            if cleaned.get(VERSION_FIELD) is not None and cleaned[VERSION_FIELD] != current.version:
                changed = _changed_since(self, current)
                message = _(
                    "Someone saved this record after you opened this page, so your changes were not saved. "
                    "Reload the page to see the saved version, then make your changes again."
                )
                if changed:
                    message += " " + _("Your page differs from the saved record in: %(fields)s.") % {"fields": ", ".join(changed)}
                raise forms.ValidationError(message, code="stale")
            return cleaned

    VersionedAdminForm.__name__ = f"Versioned{base.__name__}"
    return VersionedAdminForm


class VersionCheckedAdminMixin:
    """For admin screens of records with a `version` that every save increments."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = versioned_form(kwargs.get("form", self.form))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, {**options, "fields": list(options["fields"])}) for name, options in super().get_fieldsets(request, obj)]
        if obj is not None and VERSION_FIELD not in fieldsets[0][1]["fields"]:
            fieldsets[0][1]["fields"].append(VERSION_FIELD)
        return fieldsets

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
