from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from registry.extensions import register_initiative_filter, register_initiative_section
        from surveys.filters import campaign_answer_filter
        from surveys.people import register_personal_fields
        from surveys.selectors import campaign_answer_sections

        register_personal_fields()
        register_initiative_section(campaign_answer_sections)
        register_initiative_filter("answer", campaign_answer_filter())
