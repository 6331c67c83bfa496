from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from registry.admin_audit import AuditedDeleteMixin
from registry.admin_versions import StaleCheckedAdminMixin
from surveys import services
from surveys.models import Campaign, CampaignQuestion, Ficha, Questionnaire


def _through_service(write, **arguments):
    try:
        return write(**arguments)
    except ValidationError as error:
        # A rule the page could not see: a questionnaire frozen by a ficha submitted meanwhile.
        raise PermissionDenied(" ".join(error.messages)) from None


@admin.register(Campaign)
class CampaignAdmin(StaleCheckedAdminMixin, AuditedDeleteMixin, admin.ModelAdmin):
    """Every save goes through services.campaign_save, which audits it; a page opened before
    someone else's save is refused (StaleCheckedAdminMixin)."""

    list_display = ["name", "opens_at", "closes_at", "max_initiatives"]
    search_fields = ["name"]
    actions = ["new_questionnaire_version"]

    def save_model(self, request, obj, form, change):
        _through_service(services.campaign_save, campaign=obj, by=request.user)

    @admin.action(description=_("Make a new version of the questionnaire"))
    def new_questionnaire_version(self, request, queryset):
        for campaign in queryset:
            version = services.questionnaire_new_version(campaign=campaign, by=request.user)
            self.message_user(
                request, _("%(campaign)s: version %(version)d of the questionnaire is ready to change.")
                % {"campaign": campaign, "version": version.version}, messages.SUCCESS,
            )


class CampaignQuestionInline(admin.StackedInline):
    model = CampaignQuestion
    extra = 1  # one empty question ready to fill, without needing the admin's script
    fields = [("key", "block", "kind", "order", "required"), ("label", "label_pt", "label_en"), ("help", "help_pt", "help_en"),
              ("choices", "max_items")]


@admin.register(Questionnaire)
class QuestionnaireAdmin(StaleCheckedAdminMixin, admin.ModelAdmin):
    """The technical unit adds a campaign's questions here. Every save goes through the services,
    which refuse to touch a questionnaire that fichas were submitted with (make a new version).
    A page opened before another save of the questionnaire or its questions is refused: each
    question's save touches the questionnaire's `updated_at`, which its fingerprint includes."""

    list_display = ["campaign", "version", "frozen_at", "created_at"]
    list_filter = ["campaign"]
    fields = ["campaign", "hidden_core", "version", "frozen_at"]
    readonly_fields = ["version", "frozen_at"]
    inlines = [CampaignQuestionInline]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "campaign"] if obj else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # A frozen questionnaire is read, never changed: old answers read with the questions they were given.
        return super().has_change_permission(request, obj) and not (obj and obj.is_frozen)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and (obj.is_frozen or obj.fichas.exists()))

    def save_model(self, request, obj, form, change):
        _through_service(services.questionnaire_save, questionnaire=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        questions = formset.save(commit=False)
        for question in formset.deleted_objects:
            _through_service(services.campaign_question_delete, question=question, by=request.user)
        for question in questions:
            _through_service(services.campaign_question_save, question=question, by=request.user)


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
