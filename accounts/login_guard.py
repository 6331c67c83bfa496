"""Brute-force protection for every password form (site and admin), as ASVS 2.2.1 asks.

Guessing is slowed per (name, address): FREE_ATTEMPTS failures cost nothing, then each further
attempt waits twice as long as the one before (FIRST_DELAY, then doubling up to MAX_DELAY). An
address that fails ADDRESS_CEILING times within ADDRESS_WINDOW (someone trying many names) waits
until that window has passed. Nothing counts failures of a name from other addresses, so nobody
can lock the technical unit out of the site by guessing its curator's password elsewhere: the
right password from an address that has not been failing is always accepted.

Only a real sign-in (the password checked and right) clears a pair's failures; an empty field is
the form's own error and neither counts nor clears. Failures are rows in the database, so every
app process sees them, and they are forgotten after FAILURE_MEMORY (the privacy notice says so).

Why not django-axes: it has one failure limit for all its lockout parameters and a fixed cool-off,
so growing delays per pair beside a higher ceiling per address would mean re-counting attempts in
callables of our own anyway; this module does that directly, in the database the app already has."""

import ipaddress
from datetime import timedelta
from math import ceil

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from accounts.models import LoginFailure
from django.utils.translation import ngettext

FREE_ATTEMPTS = 5
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
ADDRESS_CEILING = 50
ADDRESS_WINDOW = timedelta(minutes=15)
FAILURE_MEMORY = timedelta(days=1)


def _normalised(username: str) -> str:
    return (username or "").strip().casefold()[:150]


def _valid_address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address the request came from. Behind TRUSTED_PROXIES load balancers, Django sees the
    last of them: the client is the entry they appended to X-Forwarded-For (the ones before it
    are whatever the client chose to send, and are never trusted)."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(chain) >= proxies and (address := _valid_address(chain[-proxies])):
            return address
    return _valid_address(request.META.get("REMOTE_ADDR", ""))


def delay_after(failures: int) -> timedelta:
    """How long an attempt waits after `failures` failed ones of the same name from the same address."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY)


class Throttled(forms.ValidationError):
    pass


def check_allowed(username: str, address: str | None) -> None:
    """Raise Throttled when this attempt must wait; say how long."""
    now = timezone.now()
    recent = LoginFailure.objects.filter(at__gte=now - FAILURE_MEMORY, address=address)
    pair = list(recent.filter(username=_normalised(username)).order_by("-at").values_list("at", flat=True)[:64])
    if pair and (wait := pair[0] + delay_after(len(pair)) - now) > timedelta(0):
        raise Throttled(_wait_message(wait, per_address=False), code="throttled")
    if address is not None:
        window = list(
            recent.filter(at__gte=now - ADDRESS_WINDOW).order_by("-at").values_list("at", flat=True)[:ADDRESS_CEILING]
        )
        if len(window) >= ADDRESS_CEILING:
            raise Throttled(_wait_message(window[-1] + ADDRESS_WINDOW - now, per_address=True), code="throttled")


def _wait_message(wait: timedelta, *, per_address: bool) -> str:
    minutes = max(1, ceil(wait.total_seconds() / 60))
    if per_address:
        text = ngettext(
            "Too many failed sign-in attempts from your connection. For your security, wait %(minutes)d minute before trying again.",
            "Too many failed sign-in attempts from your connection. For your security, wait %(minutes)d minutes before trying again.",
            minutes,
        )
    else:
        text = ngettext(
            "Too many failed attempts to sign in with this name from your connection. For your security, wait %(minutes)d minute before trying again.",
            "Too many failed attempts to sign in with this name from your connection. For your security, wait %(minutes)d minutes before trying again.",
            minutes,
        )
    return text % {"minutes": minutes}


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=_normalised(username), address=address)


def clear_failures(username: str, address: str | None) -> None:
    LoginFailure.objects.filter(username=_normalised(username), address=address).delete()


def forget_old_failures() -> int:
    return LoginFailure.objects.filter(at__lt=timezone.now() - FAILURE_MEMORY).delete()[0]


class GuardedLoginMixin:
    """Checks the throttle before the password, so a waiting pair gets the same answer whether the
    password is right or wrong (the wait cannot be used to test passwords)."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        attempted = bool(username and self.cleaned_data.get("password"))
        address = client_address(self.request)
        if attempted:
            check_allowed(username, address)
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if attempted:
                record_failure(username, address)
                forget_old_failures()
            raise
        if self.get_user() is not None:
            clear_failures(username, address)
        return cleaned


class GuardedAuthenticationForm(GuardedLoginMixin, AuthenticationForm):
    pass


class GuardedAdminAuthenticationForm(GuardedLoginMixin, AdminAuthenticationForm):
    pass
