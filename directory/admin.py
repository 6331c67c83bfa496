"""Merging duplicate organizations from the registry's organization list: the action lives here,
beside the merge it runs, which knows the apps that name organizations."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.selectors import organizations_merge
from registry.admin import OrganizationAdmin, action_with_form
from registry.models import Organization


class DirectoryOrganizationAdmin(OrganizationAdmin):
    actions = ["merge"]

    @admin.action(description=_("Merge the selected duplicates into one organization"), permissions=["change"])
    def merge(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, gettext("Select at least two organizations to merge."), messages.ERROR)
            return None
        chosen = list(queryset)

        class MergeForm(forms.Form):
            keep = forms.ModelChoiceField(
                label=_("Keep this one; the others are merged into it"), queryset=queryset, widget=forms.RadioSelect,
            )

        def apply(data):
            keep = data["keep"]
            organizations_merge(keep=keep, duplicates=[o for o in chosen if o.pk != keep.pk], by=request.user)
            self.message_user(
                request,
                gettext("%(count)d organizations merged into “%(name)s”; every initiative now names it.")
                % {"count": len(chosen) - 1, "name": keep.name},
                messages.SUCCESS,
            )

        return action_with_form(self, request, queryset, form_class=MergeForm, title=gettext("Merge organizations"), apply=apply)


admin.site.unregister(Organization)
admin.site.register(Organization, DirectoryOrganizationAdmin)
