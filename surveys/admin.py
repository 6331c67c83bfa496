from django.contrib import admin

from registry.admin_audit import AuditedDeleteMixin
from surveys.models import Campaign, Ficha


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "opens_at", "closes_at", "max_initiatives"]
    search_fields = ["name"]


@admin.register(Ficha)
class FichaAdmin(AuditedDeleteMixin, admin.ModelAdmin):
    """Read-only here: fichas change through the survey screens, which lock and audit edits."""

    list_display = ["institution", "campaign", "status", "submitted_at", "updated_at"]
    list_filter = ["campaign", "status", ("institution__country", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["institution__country", "campaign"]
    search_fields = ["institution__name", "institution__acronym"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
