from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """What the region learned: the glossary of the source documents and the success cases."""

    name = "knowledge"
    verbose_name = _("Knowledge")
