from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacitiesConfig(AppConfig):
    """The offer and demand of capacities: agencies' needs, the directory's organizations' offers,
    matched by sector, SDG, topic words and actor type, and turned into dialogue proposals."""

    name = "capacities"
    verbose_name = _("Offer and demand of capacities")

    def ready(self):
        from capacities.people import register_personal_fields

        register_personal_fields()
