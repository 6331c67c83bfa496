"""What the sign-in guard keeps (accounts.login_guard)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "registry_loginfailure"  # where it was created, before accounts had its own app
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
