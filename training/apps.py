from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """The training cycle: workshops for officials and other actors, since agency teams change."""

    name = "training"
    verbose_name = _("Training workshops")

    def ready(self):
        from training.people import register_personal_fields

        register_personal_fields()
