"""API tokens: stored as a hash, listed and revoked by their owner, gone when the password changes,
still made by `drf_create_token`; a malformed Authorization header is a 401, never a 500."""

import importlib
import io
import re

import lxml.html
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.tokens import token_create

pytestmark = pytest.mark.django_db


def reads_api(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/v1/initiatives/").status_code


def everything_about_tokens() -> str:
    return str(list(AuthToken.objects.values()))


def test_only_a_hash_of_a_token_is_stored(analyst):
    _instance, token = token_create(user=analyst)
    assert reads_api(token) == 200
    assert token not in everything_about_tokens()
    assert reads_api(token[:-1] + ("0" if token[-1] != "0" else "1")) == 401


def test_a_person_lists_and_revokes_their_tokens_on_the_profile_page(analyst, curator, as_analyst):
    first = re.search(r"<code>([0-9a-f]{64})</code>", as_analyst.post("/accounts/profile/", {"action": "token"}).text).group(1)
    second = re.search(r"<code>([0-9a-f]{64})</code>", as_analyst.post("/accounts/profile/", {"action": "token"}).text).group(1)
    others = token_create(user=curator)[0]
    page = as_analyst.get("/accounts/profile/").text
    assert page.count('value="revoke_token"') == 2 and first[:8] in page and first not in page
    revoked = AuthToken.objects.get(token_key=first[:15])
    response = as_analyst.post("/accounts/profile/", {"action": "revoke_token", "token": revoked.digest}, follow=True)
    assert "El token fue revocado" in response.text
    assert reads_api(first) == 401 and reads_api(second) == 200
    # Someone else's token cannot be revoked from here.
    as_analyst.post("/accounts/profile/", {"action": "revoke_token", "token": others.digest})
    assert AuthToken.objects.filter(pk=others.pk).exists()


def test_the_first_token_says_nothing_of_other_tokens_and_a_later_one_says_they_still_work(analyst, as_analyst):
    """Creating a token never ends the others (several per person): the page says so to someone who
    has others, and to nobody else suggests that an earlier token stopped working."""
    first = lxml.html.fromstring(as_analyst.post("/accounts/profile/", {"action": "token"}).content)
    assert first.get_element_by_id("other-tokens-kept", None) is None
    assert first.xpath("//div[contains(@class, 'new-token')]//code")
    second = lxml.html.fromstring(as_analyst.post("/accounts/profile/", {"action": "token"}).content)
    assert second.get_element_by_id("other-tokens-kept", None) is not None
    assert AuthToken.objects.filter(user=analyst).count() == 2


def test_the_curl_example_wraps_inside_the_tokens_card(as_analyst):
    """At 390 px a 64-character token overflowed the card: the example and the token wrap in
    their box (catalog.css, .new-token), and the tokens table scrolls in its own."""
    from django.contrib.staticfiles import finders

    page = lxml.html.fromstring(as_analyst.post("/accounts/profile/", {"action": "token"}).content)
    assert page.xpath("//link[contains(@href, 'css/catalog.css')]")
    notice = page.xpath("//div[contains(@class, 'new-token')]")[0]
    assert notice.xpath(".//pre[@class='command'][starts-with(normalize-space(.), 'curl -H')]")
    assert page.xpath("//div[@class='table-scroll']/table")
    css = open(finders.find("css/catalog.css")).read()
    rule = re.search(r"^\.new-token pre \{([^}]*)\}", css, re.MULTILINE).group(1)
    assert "pre-wrap" in rule
    assert re.search(r"\.new-token code, \.new-token pre \{[^}]*overflow-wrap: anywhere", css)


def test_changing_the_password_revokes_every_token(analyst, as_analyst):
    token = token_create(user=analyst)[1]
    response = as_analyst.post(
        "/accounts/password/",
        {"old_password": "secret-pass-123", "new_password1": "another-long-pass-987", "new_password2": "another-long-pass-987"},
    )
    assert response.status_code == 302
    assert reads_api(token) == 401 and not AuthToken.objects.filter(user=analyst).exists()


@pytest.mark.parametrize("how", ["admin form", "set_password", "reset"])
def test_any_way_of_setting_a_password_revokes_the_tokens(analyst, how):
    token = token_create(user=analyst)[1]
    if how == "set_password":  # what `manage.py changepassword` does
        analyst.set_password("changed-by-an-operator-1")
        analyst.save()
    elif how == "admin form":
        from django.contrib.auth.forms import AdminPasswordChangeForm

        form = AdminPasswordChangeForm(analyst, {"password1": "changed-in-admin-42", "password2": "changed-in-admin-42"})
        assert form.is_valid(), form.errors
        form.save()
    else:
        from django.contrib.auth.forms import SetPasswordForm

        form = SetPasswordForm(analyst, {"new_password1": "changed-by-reset-42", "new_password2": "changed-by-reset-42"})
        assert form.is_valid(), form.errors
        form.save()
    assert reads_api(token) == 401


def test_saving_a_profile_without_a_new_password_keeps_the_tokens(analyst, as_analyst):
    token = token_create(user=analyst)[1]
    as_analyst.post("/accounts/profile/", {"first_name": "Jorge", "last_name": "Pérez", "email": "j@example.org", "time_zone": ""})
    analyst.refresh_from_db()
    assert analyst.first_name == "Jorge" and reads_api(token) == 200


def test_drf_create_token_still_makes_a_token(analyst):
    out = io.StringIO()
    call_command("drf_create_token", "analyst", stdout=out)
    first = re.search(r"Generated token (\w+) for user analyst", out.getvalue()).group(1)
    call_command("drf_create_token", "analyst", "--reset", stdout=out)
    second = re.findall(r"Generated token (\w+) for user analyst", out.getvalue())[-1]
    assert reads_api(first) == 401 and reads_api(second) == 200


def test_tokens_made_before_hashing_keep_working_and_lose_their_plain_copy(analyst):
    key = "0123456789abcdef0123456789abcdef01234567"  # DRF wrote 40 hexadecimal characters
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamptz NOT NULL, user_id bigint NOT NULL)"
        )
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, now() - interval '10 days', %s)", [key, analyst.pk])
    migration = importlib.import_module("registry.migrations.0011_erase_and_hashed_tokens")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    from django.apps import apps

    migration.hash_drf_tokens(apps, editor)
    assert reads_api(key) == 200 and key not in everything_about_tokens()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0


@pytest.mark.parametrize(
    "header",
    [b"Token \x00\x00", b"Token \xff\xfe", b"Token " + b"a" * 5000, b"Token abc def", b"Token", "Token ñandú".encode()],
)
def test_a_malformed_token_is_refused_not_a_server_error(db, header):
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/initiatives/", HTTP_AUTHORIZATION=header.decode("latin-1"))
    assert response.status_code == 401
