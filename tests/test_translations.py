"""Spanish and Portuguese catalogs are complete: nothing untranslated, fuzzy, or missing."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

LOCALES = ["es", "pt"]
CATALOG = Path(settings.BASE_DIR) / "locale" / "{}" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", LOCALES)
def test_the_catalog_has_no_untranslated_or_fuzzy_entries(language):
    catalog = polib.pofile(str(CATALOG).format(language))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LOCALES)
def test_translations_keep_the_placeholders_of_the_english_text(language):
    catalog = polib.pofile(str(CATALOG).format(language))
    for entry in catalog.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            for placeholder in ("%(count)d", "%(counter)s", "%(status)s", "%(error)s", "%(name)s", "%(value)s"):
                if placeholder in entry.msgid:
                    assert placeholder in translation, (entry.msgid, translation)


SOURCE_DIRS = ["alianzas", "registry", "surveys", "dialogues", "reports", "templates"]


def test_every_string_in_the_code_is_in_the_catalogs(tmp_path, monkeypatch):
    """Re-extract the strings from a copy of the sources into a copy of the catalogs: a msgid
    that is new in the code shows up untranslated. (makemessages writes next to the sources it
    reads, hence the copy: the real catalogs stay untouched.)"""
    base = Path(settings.BASE_DIR)
    for directory in SOURCE_DIRS:
        shutil.copytree(base / directory, tmp_path / directory, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(base / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=LOCALES, no_location=True, verbosity=0)
    for language in LOCALES:
        catalog = polib.pofile(str(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [entry.msgid for entry in catalog.untranslated_entries() + catalog.fuzzy_entries()]
        assert missing == [], f"run `make messages-update` and translate these for {language}: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "classification"),
    [
        ("es", "Catálogo de iniciativas multiactor", "Alianza multiactor"),
        ("pt", "Catálogo de iniciativas multiator", "Aliança multiator"),
        ("en", "Catalog of multi-actor initiatives", "Multi-actor alliance"),
    ],
)
def test_the_catalog_renders_in_spanish_portuguese_and_english(client, language, heading, classification):
    from tests.factories import make_initiative

    make_initiative()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("registry:initiative_list"))
    assert f'lang="{language}"' in response.text
    assert heading in response.text
    assert classification in response.text


@pytest.mark.django_db
def test_spanish_is_the_default_language(client):
    response = client.get(reverse("registry:initiative_list"), HTTP_ACCEPT_LANGUAGE="")
    assert 'lang="es"' in response.text


@pytest.mark.django_db
def test_the_language_switcher_remembers_the_choice(client):
    response = client.post(reverse("set_language"), {"language": "pt", "next": reverse("registry:initiative_list")})
    assert response.status_code == 302
    assert "Catálogo de iniciativas multiator" in client.get(response.url).text
