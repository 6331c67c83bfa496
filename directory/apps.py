from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The actor directory: every organization of the initiatives a reader may see, mentors, and
    merging duplicates (which moves their follow-up roles and success cases too)."""

    name = "directory"
    verbose_name = _("Actor directory")
