"""The technical unit prepares dialogues here (initiatives, countries, people, slots, agenda) and
records what happened; the status and the chosen time change only through the dialogue page, which
checks the workflow and sends the calendar invitations."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogues import services
from dialogues.models import Attendance, Dialogue, FollowUpAction, Interest, Invitee, Panelist, ProposedSlot, Seminar
from registry.admin_audit import AuditedDeleteMixin
from registry.admin_versions import VERSION_FIELD, ReferenceAdmin, VersionCheckedAdminMixin
from registry.choices import Role


class ProposedSlotInline(admin.TabularInline):
    model = ProposedSlot
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "starts_at" and field is not None:
            field.help_text = _("In your time zone: %(zone)s.") % {"zone": timezone.get_current_timezone_name()}
        return field


class InviteeInline(admin.TabularInline):
    model = Invitee
    extra = 1


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1


class FollowUpActionInline(admin.TabularInline):
    model = FollowUpAction
    extra = 1


@admin.register(Dialogue)
class DialogueAdmin(VersionCheckedAdminMixin, AuditedDeleteMixin, admin.ModelAdmin):
    list_display = ["title", "format", "status", "starts_at"]
    list_filter = ["status", "format"]
    search_fields = ["title"]
    autocomplete_fields = ["initiatives"]
    filter_horizontal = ["invited_countries", "facilitators"]
    readonly_fields = ["status", "status_reason", "starts_at"]
    inlines = [ProposedSlotInline, InviteeInline, AttendanceInline, FollowUpActionInline]
    fieldsets = [
        (None, {"fields": ["title", "format", "initiatives", "invited_countries", "facilitators", "agenda"]}),
        (None, {"fields": ["status", "status_reason", "starts_at", "duration_minutes", "video_link"]}),
        (None, {"fields": ["focus", "main_results", "questions_asked", "facilitator_notes"]}),
    ]

    def save_model(self, request, obj, form, change):
        """Nothing yet: the dialogue and its rows are one services.dialogue_save call (save_related)."""

    def save_related(self, request, form, formsets, change):
        def rows():
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        services.dialogue_save(
            dialogue=form.instance, by=request.user, expected_version=form.cleaned_data.get(VERSION_FIELD), save_related=rows
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "facilitators":
            kwargs["queryset"] = get_user_model().objects.filter(groups__name=Role.TECHNICAL_UNIT).distinct()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PanelistInline(admin.TabularInline):
    model = Panelist
    extra = 1


@admin.register(Seminar)
class SeminarAdmin(ReferenceAdmin):
    list_display = ["title", "starts_at", "attendance_peak", "is_public"]
    inlines = [PanelistInline]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["initiative", "institution", "created_at"]
    list_select_related = ["initiative", "institution__country"]
    search_fields = ["initiative__name", "institution__name"]
    readonly_fields = ["initiative", "institution", "question", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False  # focal points mark interest from the initiative's page
