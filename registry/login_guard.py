"""Brute-force protection for every password form (site and admin).

Failures are rows in the database, not cache entries, so a lock holds across all app processes
and survives a restart. A name is locked after LOCK_AFTER failures within WINDOW; an address
after ADDRESS_LOCK_AFTER (someone trying many names). The lock lifts WINDOW after the last
failure; a successful sign-in clears the name's failures."""

from datetime import timedelta
from math import ceil

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

LOCK_AFTER = 5
ADDRESS_LOCK_AFTER = 20
WINDOW = timedelta(minutes=15)


class LoginFailure(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        app_label = "registry"
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")


def _normalised(username: str) -> str:
    return (username or "").strip().casefold()[:150]


def client_address(request) -> str | None:
    """The address the request came from. Behind a proxy Django sees the proxy, so a deployment
    there locks by name only unless the proxy rewrites REMOTE_ADDR (docs/deploy.md)."""
    return request.META.get("REMOTE_ADDR") if request is not None else None


def locked_for(username: str, address: str | None) -> timedelta | None:
    """How long the name (or the address) stays locked, or None when it may try."""
    since = timezone.now() - WINDOW
    recent = LoginFailure.objects.filter(at__gte=since)
    for failures, limit in (
        (recent.filter(username=_normalised(username)), LOCK_AFTER),
        (recent.filter(address=address) if address else recent.none(), ADDRESS_LOCK_AFTER),
    ):
        times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit:
            return times[0] + WINDOW - timezone.now()
    return None


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=_normalised(username), address=address)


def clear_failures(username: str) -> None:
    LoginFailure.objects.filter(username=_normalised(username)).delete()


def forget_old_failures() -> int:
    return LoginFailure.objects.filter(at__lt=timezone.now() - WINDOW).delete()[0]


class GuardedLoginMixin:
    """Checks the lock before the password, so a locked name gets the same answer whether the
    password is right or wrong (the lock cannot be used to test passwords)."""

    def clean(self):
        username = self.cleaned_data.get("username", "")
        address = client_address(self.request)
        remaining = locked_for(username, address)
        if remaining is not None:
            minutes = max(1, ceil(remaining.total_seconds() / 60))
            raise forms.ValidationError(
                ngettext(
                    "Too many failed sign-in attempts. For your security this account is locked; "
                    "try again in %(minutes)d minute.",
                    "Too many failed sign-in attempts. For your security this account is locked; "
                    "try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            record_failure(username, address)
            forget_old_failures()
            raise
        clear_failures(username)
        return cleaned


class GuardedAuthenticationForm(GuardedLoginMixin, AuthenticationForm):
    pass


class GuardedAdminAuthenticationForm(GuardedLoginMixin, AdminAuthenticationForm):
    pass
