from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from registry.extensions import register_initiative_section, register_publication_listener
        from reports.maps import initiative_map_section
        from reports.tasks import open_data_rebuild_soon

        register_publication_listener(open_data_rebuild_soon)
        register_initiative_section(initiative_map_section)
