from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Following an alliance: its phases, co-chairs, working groups and risk register."""

    name = "followup"
    verbose_name = _("Alliance follow-up")

    def ready(self):
        from followup.sections import contributions_section
        from followup.services import contributions_report
        from registry.extensions import register_contribution_report_listener, register_initiative_section

        register_initiative_section(contributions_section)
        register_contribution_report_listener(contributions_report)
