"""The glossary and the success cases, curated by the technical unit."""

from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.forms import SimpleArrayField
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.admin_audit import AuditedAdminMixin
from registry.admin_versions import ReferenceAdmin, StaleCheckedAdminMixin
from registry.audit import audit_record
from registry.choices import SDG, TriangularValue
from registry.models import AuditEntry
from knowledge.glossary import GlossaryTerm
from knowledge.success_cases import SuccessCase, SuccessCaseActor


class SuccessCaseForm(forms.ModelForm):
    # Items that may contain commas are one per line.
    achievements = SimpleArrayField(
        forms.CharField(), delimiter="\n", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        label=_("objectives and impacts achieved"), help_text=_("One per line."),
    )
    references = SimpleArrayField(
        forms.URLField(assume_scheme="https"), delimiter="\n", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        label=_("references (links)"), help_text=_("One per line."),
    )
    sdgs = forms.TypedMultipleChoiceField(
        choices=SDG.choices, coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label=_("SDG goals")
    )
    triangular_values = forms.MultipleChoiceField(
        choices=TriangularValue.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label=_("added values of triangular cooperation"),
    )

    class Meta:
        model = SuccessCase
        fields = [
            "title", "author", "initiatives", "countries", "sdgs", "sdg_targets", "summary", "learnings", "achievements",
            "success_factors", "triangular_values", "references", "keywords", "is_published",
        ]

    def clean_achievements(self):
        return [item.strip() for item in self.cleaned_data["achievements"] if item.strip()]


class SuccessCaseActorInline(admin.TabularInline):
    model = SuccessCaseActor
    extra = 2
    autocomplete_fields = ["organization", "country"]


@admin.register(SuccessCase)
class SuccessCaseAdmin(StaleCheckedAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    form = SuccessCaseForm
    inlines = [SuccessCaseActorInline]
    list_display = ["title", "author", "is_published", "published_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "author", "summary"]
    autocomplete_fields = ["initiatives"]
    filter_horizontal = ["countries"]
    actions = ["publish", "unpublish"]

    def _set_published(self, request, queryset, published: bool):
        with transaction.atomic():
            for case in queryset.select_for_update():
                if case.is_published != published:
                    case.is_published = published
                    case.save()
                    audit_record(instance=case, action=AuditEntry.Action.STATUS, by=request.user,
                                 changes={"is_published": [not published, published]})

    @admin.action(description=_("Publish the selected success cases"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)
        self.message_user(request, gettext("Published in the catalog."), messages.SUCCESS)

    @admin.action(description=_("Withdraw the selected success cases from the catalog"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)
        self.message_user(request, gettext("Withdrawn from the catalog."), messages.SUCCESS)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ReferenceAdmin):
    list_display = ["term_es", "term_pt", "term_en", "source", "updated_at"]
    search_fields = ["term_es", "term_pt", "term_en", "definition_es", "slug"]
    prepopulated_fields = {"slug": ["term_es"]}
