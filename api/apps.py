from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The JSON API of every app, on top of them all: it registers their viewsets, so no app
    below it needs to know about the others' API."""

    name = "api"
    verbose_name = _("API")
