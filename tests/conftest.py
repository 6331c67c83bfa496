"""Fixed personas, so permission tests read as sentences:
a focal point of Costa Rica, a focal point of Argentina, a curator of the technical unit,
an analyst, and an anonymous visitor."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from registry.choices import Role
from tests.factories import institution_for


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request in another test activates the
    visitor's language for the thread, and tests that run no request would inherit it."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """The API's rate limits count in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is slow on purpose; tests create many users and check no hash strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests end by flushing every table, migration data included: they reload it."""
    from django.apps import apps

    from registry.models import Country
    from knowledge.reference import load_knowledge
    from registry.reference_data import load_all

    if not Country.objects.exists():
        load_all(apps)
        load_knowledge(apps)


def _user(django_user_model, username, role, institution=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="secret-pass-123", institution=institution, **extra
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def costa_rica(db):
    return institution_for("CR")


@pytest.fixture
def argentina(db):
    return institution_for("AR")


@pytest.fixture
def focal_cr(django_user_model, costa_rica):
    return _user(django_user_model, "focal_cr", Role.FOCAL_POINT, costa_rica)


@pytest.fixture
def focal_ar(django_user_model, argentina):
    return _user(django_user_model, "focal_ar", Role.FOCAL_POINT, argentina)


@pytest.fixture
def curator(django_user_model):
    return _user(django_user_model, "curator", Role.TECHNICAL_UNIT, is_staff=True)


@pytest.fixture
def analyst(django_user_model):
    return _user(django_user_model, "analyst", Role.ANALYST)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_focal_cr(focal_cr):
    return client_for(focal_cr)


@pytest.fixture
def as_focal_ar(focal_ar):
    return client_for(focal_ar)


@pytest.fixture
def as_curator(curator):
    return client_for(curator)


@pytest.fixture
def as_analyst(analyst):
    return client_for(analyst)


@pytest.fixture
def as_anonymous(db):
    return Client()
