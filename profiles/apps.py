from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    """A page per Ibero-American country: its initiatives, dialogues, success cases and enabling
    environment, read from the registry, the survey, the dialogues and the knowledge pages."""

    name = "profiles"
    verbose_name = _("Country profiles")
