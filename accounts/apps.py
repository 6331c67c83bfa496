from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in (the guard against guessing), the person's profile and their API tokens."""

    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.models import LoginFailure
        from registry.privacy import register

        register(LoginFailure, emails=("username",), context=lambda failure: f"Failed sign-in at {failure.at:%Y-%m-%d %H:%M}")
