"""The technical unit's curation screens. Every write goes through registry.services."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from registry import services
from registry.admin_audit import AuditedDeleteMixin
from registry.admin_versions import VERSION_FIELD, ReferenceAdmin, StaleCheckedAdminMixin, VersionCheckedAdminMixin
from registry.audit import audit_entries_for, initiative_snapshot
from registry.choices import Classification, Status, choice_labels
from registry.ficha import initiative_fields
from registry.forms import (
    ClassificationForm,
    InitiativeForm,
    OutOfScopeForm,
    ReasonForm,
)
from registry.models import (
    CURATION_FIELDS,
    AuditEntry,
    Country,
    Initiative,
    InitiativeCountry,
    Institution,
    Organization,
    Participation,
    SegibArea,
    SegibSector,
    Sector,
    User,
)
from registry.text import fold

admin.site.site_header = _("Alianzas – technical unit")
admin.site.site_title = _("Alianzas")
admin.site.index_title = _("Curation")


@admin.register(Country)
class CountryAdmin(ReferenceAdmin):
    list_display = ["iso2", "name_es", "name_pt", "name_en", "is_ibero_american"]
    list_filter = ["is_ibero_american"]
    search_fields = ["iso2", "iso3", "name_es", "name_pt", "name_en"]


@admin.register(Sector)
class SectorAdmin(ReferenceAdmin):
    list_display = ["code", "name_es", "name_pt", "name_en", "segib_sector"]
    list_select_related = ["segib_sector"]
    search_fields = ["code", "name_es", "name_pt", "name_en"]


@admin.register(SegibArea)
class SegibAreaAdmin(ReferenceAdmin):
    list_display = ["code", "name_es", "name_pt", "name_en", "order"]


@admin.register(SegibSector)
class SegibSectorAdmin(ReferenceAdmin):
    """SEGIB's sector names are curated here: names not yet confirmed in a SEGIB text are the
    usual wording (verified_languages says which are confirmed)."""

    list_display = ["code", "area", "name_es", "name_pt", "name_en", "verified_languages"]
    list_filter = ["area"]
    list_select_related = ["area"]
    search_fields = ["code", "name_es", "name_pt", "name_en"]


@admin.register(Institution)
class InstitutionAdmin(ReferenceAdmin):
    list_display = ["name", "acronym", "country"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "acronym"]
    list_select_related = ["country"]


@admin.register(Organization)
class OrganizationAdmin(ReferenceAdmin):
    list_display = ["name", "actor_type", "country", "offers_mentoring"]
    list_filter = ["actor_type", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "normalized_name"]
    list_select_related = ["country"]

    def get_search_results(self, request, queryset, search_term):
        # Accent-insensitive: "fundacion" finds "Fundación".
        if not search_term:
            return queryset, False
        return queryset.filter(normalized_name__contains=fold(search_term)), False


@admin.register(User)
class UserAdmin(StaleCheckedAdminMixin, DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Alianzas"), {"fields": ["institution"]}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Alianzas"), {"fields": ["institution"]}),)
    list_display = ["username", "email", "first_name", "last_name", "institution", "is_staff"]
    list_filter = DjangoUserAdmin.list_filter + ("groups",)
    autocomplete_fields = ["institution"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr"]
    list_select_related = ["actor", "content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["organization"]
    fields = ["organization", "actor_type", "role", "position"]


class InitiativeCountryInline(admin.TabularInline):
    model = InitiativeCountry
    extra = 1
    autocomplete_fields = ["country"]


def _kept_rows(formset, required: str, order_by: str | None = None) -> list[dict]:
    """The inline's rows as posted, without the deleted and the empty ones, in their order."""
    rows = [
        form.cleaned_data for form in formset.forms
        if form.cleaned_data and form.cleaned_data.get(required) and not form.cleaned_data.get("DELETE")
    ]
    return sorted(rows, key=lambda row: row.get(order_by) or 0) if order_by else rows


class ClassificationListFilter(admin.SimpleListFilter):
    title = _("classification")
    parameter_name = "classification"

    def lookups(self, request, model_admin):
        return Classification.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(classification_code=self.value())
        return queryset


def _run_for_all(modeladmin, request, queryset, operation, success_message) -> bool:
    """Apply `operation` to every selected initiative or to none: one refusal rolls back all."""
    try:
        with transaction.atomic():
            for initiative in queryset:
                try:
                    operation(initiative)
                except ValidationError as error:
                    raise ValidationError(
                        gettext("%(initiative)s: %(error)s")
                        % {"initiative": initiative.name, "error": " ".join(error.messages)}
                    ) from error
    except ValidationError as error:
        modeladmin.message_user(
            request,
            gettext("Nothing was changed. %(error)s") % {"error": " ".join(error.messages)},
            messages.ERROR,
        )
        return False
    count = queryset.count()
    modeladmin.message_user(request, success_message(count), messages.SUCCESS)
    return True


def action_with_form(modeladmin, request, queryset, *, form_class, title, apply):
    """An intermediate page asking for a reason before a bulk action runs."""
    if "apply" in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            apply(form.cleaned_data)
            return None
    else:
        form = form_class()
    return render(
        request,
        "admin/registry/initiative_action_form.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "initiatives": queryset,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
        },
    )


@admin.register(Initiative)
class InitiativeAdmin(VersionCheckedAdminMixin, AuditedDeleteMixin, admin.ModelAdmin):
    form = InitiativeForm
    inlines = [ParticipationInline, InitiativeCountryInline]
    list_display = ["name", "reporting_country", "initiative_type", "status", "classification_label", "out_of_scope"]
    list_filter = [
        "status",
        "initiative_type",
        ClassificationListFilter,
        ("institution__country", admin.RelatedOnlyFieldListFilter),
        "sectors",
        "modality",
        "phase",
        "out_of_scope",
    ]
    search_fields = ["name"]
    autocomplete_fields = ["institution"]
    readonly_fields = [
        "status",
        "status_reason",
        "submitted_at",
        "published_at",
        "classification_summary",
        "out_of_scope",
        "out_of_scope_reason",
        "change_history",
    ]
    fieldsets = [
        (_("Ficha"), {"fields": ["institution", *initiative_fields(), "wants_to_share"]}),
        (_("Curation"), {"fields": list(CURATION_FIELDS)}),
        (_("Status and classification"), {"fields": [
            "status", "status_reason", "submitted_at", "published_at", "classification_summary",
            "out_of_scope", "out_of_scope_reason",
        ]}),
        (_("Change history"), {"fields": ["change_history"], "classes": ["collapse"]}),
    ]
    actions = ["start_review", "publish", "return_with_comments", "reject", "classify", "mark_out_of_scope"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_classification().select_related("institution__country")

    def get_search_results(self, request, queryset, search_term):
        # The catalog's search: accents, case and Spanish word endings do not matter.
        return queryset.search(search_term), False

    @admin.display(description=_("country"), ordering="institution__country__name_es")
    def reporting_country(self, initiative):
        return initiative.institution.country

    @admin.display(description=_("classification"), ordering="classification_code")
    def classification_label(self, initiative):
        return choice_labels(Classification)[initiative.classification_code]

    @admin.display(description=_("classification"))
    def classification_summary(self, initiative):
        if initiative.pk is None:
            return "—"
        return format_html("<strong>{}</strong><br>{}", initiative.classification.label, initiative.classification_reason)

    @admin.display(description=_("change history"))
    def change_history(self, initiative):
        if initiative.pk is None:
            return "—"
        entries = audit_entries_for(initiative)[:30]
        rows = format_html_join(
            "",
            "<li>{} · {} · {}: {}</li>",
            (
                (
                    entry.at.strftime("%Y-%m-%d %H:%M"),
                    entry.actor or "—",
                    entry.get_action_display(),
                    ", ".join(entry.changes) or "—",
                )
                for entry in entries
            ),
        )
        return format_html("<ul>{}</ul>", rows) if entries else "—"

    def snapshot(self, obj) -> dict:
        return initiative_snapshot(obj)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the initiative is written with its actors, countries and sectors in one
        call of the service, once the inlines are read (save_related)."""

    def save_related(self, request, form, formsets, change):
        # The same write as the survey's and the API's: services.initiative_save checks the version
        # this page showed (locked), replaces actors and countries by its rules, audits once.
        inlines = {formset.model: formset for formset in formsets}
        services.initiative_save(
            initiative=form.instance,
            by=request.user,
            actors=[
                services.ActorInput(
                    name=row["organization"].name, actor_type=row["actor_type"], role=row.get("role") or "",
                    country=row["organization"].country,
                )
                for row in _kept_rows(inlines[Participation], "organization", order_by="position")
            ],
            partner_countries=[
                services.PartnerCountryInput(country=row["country"], segib_role=row.get("segib_role") or "")
                for row in _kept_rows(inlines[InitiativeCountry], "country")
            ],
            sectors=form.cleaned_data.get("sectors"),
            expected_version=form.cleaned_data.get(VERSION_FIELD),
        )
        for formset in formsets:
            formset.save(commit=False)  # writes nothing: it lists what changed for the admin's history

    # --- Bulk actions ---
    def _transition(self, request, queryset, to_status, reason=""):
        return _run_for_all(
            self,
            request,
            queryset,
            lambda initiative: services.initiative_transition(
                initiative=initiative, to_status=to_status, by=request.user, reason=reason
            ),
            lambda count: ngettext(
                "%(count)d initiative is now “%(status)s”.",
                "%(count)d initiatives are now “%(status)s”.",
                count,
            ) % {"count": count, "status": choice_labels(Status)[to_status]},
        )

    @admin.action(description=_("Start review of selected initiatives"), permissions=["change"])
    def start_review(self, request, queryset):
        self._transition(request, queryset, Status.IN_REVIEW)

    @admin.action(description=_("Publish selected initiatives"), permissions=["change"])
    def publish(self, request, queryset):
        self._transition(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Return selected initiatives with comments"), permissions=["change"])
    def return_with_comments(self, request, queryset):
        return action_with_form(
            self, request, queryset, form_class=ReasonForm, title=gettext("Return with comments"),
            apply=lambda data: self._transition(request, queryset, Status.RETURNED, data["reason"]),
        )

    @admin.action(description=_("Reject selected initiatives"), permissions=["change"])
    def reject(self, request, queryset):
        return action_with_form(
            self, request, queryset, form_class=ReasonForm, title=gettext("Reject"),
            apply=lambda data: self._transition(request, queryset, Status.REJECTED, data["reason"]),
        )

    @admin.action(description=_("Set the classification of selected initiatives"), permissions=["change"])
    def classify(self, request, queryset):
        def apply(data):
            _run_for_all(
                self, request, queryset,
                lambda initiative: services.initiative_classify(
                    initiative=initiative, classification=data["classification"], reason=data["reason"], by=request.user
                ),
                lambda count: ngettext(
                    "Classification updated for %(count)d initiative.",
                    "Classification updated for %(count)d initiatives.",
                    count,
                ) % {"count": count},
            )

        return action_with_form(
            self, request, queryset, form_class=ClassificationForm, title=gettext("Set the classification"), apply=apply
        )

    @admin.action(description=_("Mark selected initiatives as not South-South or triangular"), permissions=["change"])
    def mark_out_of_scope(self, request, queryset):
        def apply(data):
            _run_for_all(
                self, request, queryset,
                lambda initiative: services.initiative_mark_out_of_scope(
                    initiative=initiative, out_of_scope=True, reason=data["reason"], by=request.user
                ),
                lambda count: ngettext(
                    "%(count)d initiative marked as out of scope.",
                    "%(count)d initiatives marked as out of scope.",
                    count,
                ) % {"count": count},
            )

        return action_with_form(
            self, request, queryset, form_class=OutOfScopeForm,
            title=gettext("Mark as not South-South or triangular cooperation"), apply=apply,
        )

