from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry")

    def ready(self):
        from registry import counts
        from registry.people import register_personal_fields

        register_personal_fields()
        counts.connect()
