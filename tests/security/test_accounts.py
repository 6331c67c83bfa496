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

from registry.login_guard import LOCK_AFTER, LoginFailure

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"


def sign_in(client, username, password, path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_a_clear_message(focal_cr):
    client = Client()
    for _ in range(LOCK_AFTER):
        assert sign_in(client, "focal_cr", "wrong").status_code == 200
    response = sign_in(client, "focal_cr", PASSWORD)
    assert not signed_in(client)
    assert "Demasiados intentos fallidos" in response.text and "15 minutos" in response.text


def test_the_lock_lifts_fifteen_minutes_after_the_last_failure(focal_cr):
    client = Client()
    for _ in range(LOCK_AFTER):
        sign_in(client, "focal_cr", "wrong")
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    sign_in(client, "focal_cr", PASSWORD)
    assert signed_in(client)
    assert not LoginFailure.objects.filter(username="focal_cr").exists()


def test_a_lock_on_one_name_leaves_other_people_alone(focal_cr, focal_ar):
    for _ in range(LOCK_AFTER):
        sign_in(Client(), "FOCAL_CR ", "wrong")  # the name is compared as people type it
    assert "Demasiados" in sign_in(Client(), "focal_cr", PASSWORD).text
    client = Client()
    sign_in(client, "focal_ar", PASSWORD)
    assert signed_in(client)


def test_one_address_trying_many_names_is_locked_too(focal_cr):
    client = Client()
    for number in range(20):
        sign_in(client, f"guess{number}", "wrong")
    sign_in(client, "focal_cr", PASSWORD)
    assert not signed_in(client)


def test_the_admin_sign_in_is_guarded_as_well(curator):
    client = Client()
    for _ in range(LOCK_AFTER):
        sign_in(client, "curator", "wrong", "/admin/login/")
    response = sign_in(client, "curator", PASSWORD, "/admin/login/")
    assert not signed_in(client) and "Demasiados intentos fallidos" in response.text


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
