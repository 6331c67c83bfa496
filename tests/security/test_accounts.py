"""Signing in safely: brute-force locks, password rules, session expiry, logout everywhere when a
password changes, CSRF on forms, and the production settings."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

import time_machine

from accounts.login_guard import ADDRESS_CEILING, FAILURE_MEMORY, FREE_ATTEMPTS, MAX_DELAY, LoginFailure, delay_after

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"


def sign_in(client, username, password, path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


ATTACKER, CURATOR_DESK = "203.0.113.9", "198.51.100.7"


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_after_five_wrong_passwords_the_next_attempt_waits_even_with_the_right_one(focal_cr):
    client = Client()
    for _ in range(FREE_ATTEMPTS):
        assert sign_in(client, "focal_cr", "wrong").status_code == 200
    response = sign_in(client, "focal_cr", PASSWORD)
    assert not signed_in(client)
    assert "Demasiados intentos fallidos" in response.text and "1 minuto" in response.text


def test_the_delays_grow_and_a_wait_spent_lets_the_right_password_in(focal_cr):
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(FREE_ATTEMPTS):
            sign_in(client, "focal_cr", "wrong")
        waits = []
        for _ in range(6):
            clock.shift(delay_after(LoginFailure.objects.count()) + timedelta(seconds=1))
            sign_in(client, "focal_cr", "wrong")
            waits.append(delay_after(LoginFailure.objects.count()).total_seconds())
        assert waits == [60, 120, 240, 480, 900, 900]
        assert "Demasiados" in sign_in(client, "focal_cr", PASSWORD).text
        clock.shift(MAX_DELAY + timedelta(seconds=1))
        sign_in(client, "focal_cr", PASSWORD)
    assert signed_in(client)
    assert not LoginFailure.objects.filter(username="focal_cr").exists()


def test_an_empty_password_neither_counts_nor_clears_the_failures(focal_cr):
    client = Client()
    for _ in range(FREE_ATTEMPTS - 1):
        sign_in(client, "focal_cr", "wrong")
    sign_in(client, "focal_cr", "")
    client.post("/accounts/login/", {"username": "focal_cr"})
    assert LoginFailure.objects.filter(username="focal_cr").count() == FREE_ATTEMPTS - 1
    sign_in(client, "focal_cr", "wrong")
    # Twenty wrong guesses, each followed by an empty password, and then the right one: refused.
    for _ in range(20):
        sign_in(client, "focal_cr", "wrong")
        sign_in(client, "focal_cr", "")
    sign_in(client, "focal_cr", PASSWORD)
    assert not signed_in(client)


def test_guessing_from_elsewhere_never_locks_the_curator_out(curator):
    attacker = from_address(ATTACKER)
    for _ in range(40):
        sign_in(attacker, "curator", "wrong")
        sign_in(attacker, "curator", "wrong", "/admin/login/")
    assert "Demasiados" in sign_in(attacker, "curator", PASSWORD).text
    for path in ("/accounts/login/", "/admin/login/"):
        desk = from_address(CURATOR_DESK)
        sign_in(desk, "curator", PASSWORD, path)
        assert signed_in(desk), path
    # The curator's success clears only their own address: the attacker still waits.
    assert "Demasiados" in sign_in(attacker, "curator", PASSWORD).text


def test_names_are_compared_as_people_type_them(focal_cr, focal_ar):
    client = Client()
    for _ in range(FREE_ATTEMPTS):
        sign_in(client, "FOCAL_CR ", "wrong")
    assert "Demasiados" in sign_in(client, "focal_cr", PASSWORD).text
    sign_in(client, "focal_ar", PASSWORD)
    assert signed_in(client)


def test_one_address_trying_many_names_reaches_a_ceiling(focal_cr):
    client = from_address(ATTACKER)
    for number in range(ADDRESS_CEILING):
        sign_in(client, f"guess{number}", "wrong")
    response = sign_in(client, "focal_cr", PASSWORD)
    assert not signed_in(client) and "desde su conexión" in response.text
    other = from_address(CURATOR_DESK)
    sign_in(other, "focal_cr", PASSWORD)
    assert signed_in(other)


def test_behind_a_proxy_the_client_is_the_address_the_proxy_appended(focal_cr, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(FREE_ATTEMPTS):
        # The client adds a forged entry first; the proxy appends the real one.
        Client(REMOTE_ADDR="10.0.0.2").post(
            "/accounts/login/", {"username": "focal_cr", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}"
        )
    assert set(LoginFailure.objects.values_list("address", flat=True)) == {ATTACKER}
    colleague = Client(REMOTE_ADDR="10.0.0.2")
    colleague.post("/accounts/login/", {"username": "focal_cr", "password": PASSWORD}, HTTP_X_FORWARDED_FOR=CURATOR_DESK)
    assert signed_in(colleague)


def test_failures_are_forgotten_after_a_day(focal_cr):
    sign_in(Client(), "focal_cr", "wrong")
    LoginFailure.objects.update(at=timezone.now() - FAILURE_MEMORY - timedelta(minutes=1))
    sign_in(Client(), "someone", "wrong")
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["someone"]


def test_a_weak_password_is_refused_when_setting_one(focal_cr):
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(focal_cr.pk))
    token = default_token_generator.make_token(focal_cr)
    form_page = client.get(f"/accounts/set-password/{uid}/{token}/", follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200 and "demasiado común" in response.text
    focal_cr.refresh_from_db()
    assert focal_cr.check_password(PASSWORD)


def test_sessions_expire_after_a_working_day(focal_cr):
    client = Client()
    response = sign_in(client, "focal_cr", PASSWORD)
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
    assert response.cookies["sessionid"]["httponly"]


def test_changing_the_password_signs_out_every_other_session(focal_cr):
    laptop, phone = Client(), Client()
    sign_in(laptop, "focal_cr", PASSWORD)
    sign_in(phone, "focal_cr", PASSWORD)
    response = laptop.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "otra-Clave-larga-77", "new_password2": "otra-Clave-larga-77"},
        follow=True,
    )
    assert "Contraseña cambiada" in response.text
    assert laptop.get("/accounts/profile/").status_code == 200
    assert phone.get("/accounts/profile/").status_code == 302  # back to the login page


def test_a_form_posted_without_its_csrf_token_is_refused(focal_cr):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/accounts/login/", {"username": "focal_cr", "password": PASSWORD}).status_code == 403
    client.force_login(focal_cr)
    assert client.post("/accounts/profile/", {"action": "token"}).status_code == 403


def test_every_page_carries_the_security_headers(as_anonymous):
    response = as_anonymous.get("/initiatives/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_template_has_an_inline_script_or_style():
    for template in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = template.read_text()
        for script in text.split("<script")[1:]:
            assert script.lstrip().startswith("src="), f"inline script in {template}"
        assert " style=" not in text and "<style" not in text, f"inline style in {template}"


def production_environment(**extra) -> dict:
    # The browser tests allow async-unsafe ORM calls in this process; a deployment never does.
    left_out = {"DEBUG", "HTTPS", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in left_out}
    environment.update(
        DEBUG="0", HTTPS="1", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="alianzas.example.org"
    )
    environment.update(extra)
    return environment


def manage(*arguments, environment):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120,
    )


def test_the_deployment_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_deployment_without_its_own_secret_key_refuses_to_start():
    environment = production_environment()
    del environment["SECRET_KEY"]
    result = manage("check", environment=environment)
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("person", "lands_on"),
    [("focal_cr", "ficha"), ("curator", "/survey/"), ("analyst", "/initiatives/")],
)
def test_after_signing_in_each_person_lands_on_their_own_starting_page(request, person, lands_on):
    from surveys.models import Campaign, Ficha

    user = request.getfixturevalue(person)
    now = timezone.now()
    campaign = Campaign.objects.create(name="Relevamiento", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
    ficha = Ficha.objects.create(campaign=campaign, institution=request.getfixturevalue("focal_cr").institution)
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}, follow=True)
    expected = f"/survey/fichas/{ficha.pk}/" if lands_on == "ficha" else lands_on
    assert response.redirect_chain[-1][0] == expected
    asked = Client().post("/accounts/login/?next=/actors/", {"username": user.username, "password": PASSWORD})
    assert asked["Location"] == "/actors/"


def test_a_focal_point_without_an_institution_may_edit_for_none():
    from registry.permissions import may_edit_for

    class Person:
        is_authenticated, is_technical_unit, is_focal_point, institution_id = True, False, True, None

    assert not may_edit_for(Person(), None)
