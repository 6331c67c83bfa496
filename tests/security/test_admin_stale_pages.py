"""Every admin screen that edits records refuses a page opened before someone else's save, and
records what it changed: no curator's old tab silently overwrites a colleague's work, in any
model the technical unit keeps by hand."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from dialogues.models import Seminar
from followup.models import ExchangeRate
from knowledge.glossary import GlossaryTerm
from knowledge.success_cases import SuccessCase
from registry.admin_versions import SNAPSHOT_FIELD, StaleCheckedAdminMixin, VersionCheckedAdminMixin
from registry.choices import ActorType
from registry.models import AuditEntry, Country, Institution, Organization, SegibArea, SegibSector, Sector, User
from surveys.models import Campaign, Questionnaire
from tests.admin_forms import change_form_data
from tests.factories import institution_for



def _stale_message() -> str:
    with translation.override("es"):  # the language the admin speaks by default
        return gettext(
            "Someone saved this record after you opened this page, so your changes were not saved. "
            "Reload the page to see the saved version, then make your changes again."
        )


def _campaign():
    now = timezone.now()
    return Campaign.objects.create(name="Relevamiento 2027", opens_at=now, closes_at=now + timedelta(days=30))


# model: (a record to edit, the field the curator changes and its new value, what a colleague
# saved meanwhile as {field: value}).
CASES = {
    Country: (lambda: Country.objects.get(iso2="CR"), ("name_en", "Costa Rica (edited)"), {"name_pt": "Costa Rica (outro)"}),
    Sector: (lambda: Sector.objects.get(code="tourism"), ("name_en", "Tourism (edited)"), {"name_pt": "Turismo (outro)"}),
    SegibArea: (lambda: SegibArea.objects.order_by("pk").first(), ("name_en", "Area (edited)"), {"name_pt": "Área (outro)"}),
    SegibSector: (lambda: SegibSector.objects.order_by("pk").first(), ("name_en", "Sector (edited)"), {"name_pt": "Setor (outro)"}),
    Institution: (lambda: institution_for("CR"), ("acronym", "EDIT"), {"name": "Agencia renombrada"}),
    Organization: (
        lambda: Organization.objects.create(name="Fundación Agua", actor_type=ActorType.CIVIL_SOCIETY, country=Country.objects.get(iso2="CR")),
        ("name", "Fundación Agua Viva"), {"name": "Fundación del Agua"},
    ),
    User: (lambda: User.objects.create_user("colleague", password="secret-pass-123"), ("first_name", "Ana"), {"last_name": "Pérez"}),
    SuccessCase: (
        lambda: SuccessCase.objects.create(title="Caso del agua", author="PIFCSS", summary="Resumen"),
        ("title", "Caso del agua potable"), {"summary": "Otro resumen"},
    ),
    GlossaryTerm: (lambda: GlossaryTerm.objects.order_by("pk").first(), ("source", "PIFCSS (edited)"), {"term_en": "Other term"}),
    ExchangeRate: (
        lambda: ExchangeRate.objects.create(currency="BRL", year=2025, units_per_usd="5.5", source="FMI"),
        ("source", "Banco Mundial"), {"units_per_usd": "5.8"},
    ),
    Seminar: (
        lambda: Seminar.objects.create(title="Seminario", starts_at=timezone.now()), ("title", "Seminario regional"), {"duration_minutes": 90},
    ),
    Campaign: (_campaign, ("name", "Relevamiento 2027 (edited)"), {"max_initiatives": 5}),
    Questionnaire: (
        lambda: Questionnaire.objects.create(campaign=_campaign()), None, {"updated_at": timezone.now() + timedelta(seconds=5)},
    ),
}


def _change_url(record) -> str:
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])


@pytest.fixture
def as_admin(django_user_model):
    from django.test import Client

    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", password="secret-pass-123"))
    return client


@pytest.mark.parametrize("model", list(CASES), ids=lambda model: model._meta.label)
def test_a_page_opened_before_a_colleagues_save_is_refused_and_the_colleagues_save_stays(as_admin, model):
    make, edit, colleague = CASES[model]
    record = make()
    page = as_admin.get(_change_url(record)).content.decode()
    assert f'name="{SNAPSHOT_FIELD}"' in page
    data = change_form_data(page, **dict([edit] if edit else []))
    model.objects.filter(pk=record.pk).update(**colleague)
    saved = model.objects.get(pk=record.pk)

    response = as_admin.post(_change_url(record), data)

    assert response.status_code == 200 and _stale_message() in response.content.decode()
    after = model.objects.get(pk=record.pk)
    for name in colleague:
        assert getattr(after, name) == getattr(saved, name)
    if edit:
        assert getattr(after, edit[0]) != edit[1]


@pytest.mark.parametrize("model", list(CASES), ids=lambda model: model._meta.label)
def test_a_fresh_page_saves_and_the_change_is_recorded(as_admin, model):
    make, edit, _colleague = CASES[model]
    record = make()
    data = change_form_data(as_admin.get(_change_url(record)).content.decode(), **dict([edit] if edit else []))

    response = as_admin.post(_change_url(record), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    if edit:
        name, value = edit
        assert str(getattr(model.objects.get(pk=record.pk), name)) == value
        if model is not User:  # accounts keep their own history (last login, password changes)
            entry = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=str(record.pk)).latest("at")
            assert entry.changes[name][1] == value


def test_a_campaign_edit_goes_through_its_service_and_is_audited(as_admin):
    campaign = _campaign()
    data = change_form_data(as_admin.get(_change_url(campaign)).content.decode(), max_initiatives="5")

    assert as_admin.post(_change_url(campaign), data).status_code == 302

    entry = AuditEntry.objects.get(content_type=ContentType.objects.get_for_model(Campaign), object_id=str(campaign.pk))
    assert entry.action == AuditEntry.Action.UPDATE and entry.changes["max_initiatives"] == [3, 5]


def test_a_question_saved_meanwhile_makes_the_questionnaire_page_stale(as_admin, curator):
    from surveys import services
    from surveys.models import CampaignQuestion, QuestionKind

    questionnaire = Questionnaire.objects.create(campaign=_campaign())
    data = change_form_data(as_admin.get(_change_url(questionnaire)).content.decode())
    services.campaign_question_save(
        question=CampaignQuestion(questionnaire=questionnaire, key="budget", block="initiative", kind=QuestionKind.NUMBER, label="Presupuesto"),
        by=curator,
    )

    response = as_admin.post(_change_url(questionnaire), data)

    assert response.status_code == 200 and _stale_message() in response.content.decode()


# Screens that change nothing: each says why.
READ_ONLY = {
    "registry.AuditEntry": "the trail is written by the services, never edited",
    "surveys.Ficha": "fichas change through the survey screens",
    "dialogues.Interest": "every field is read-only: focal points mark interest from the initiative's page",
}
OTHER_APPS = {"auth", "knox", "django_tasks_database"}


def test_every_admin_screen_that_edits_records_checks_what_its_page_showed():
    unchecked = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label not in OTHER_APPS
        and model._meta.label not in READ_ONLY
        and not isinstance(model_admin, (StaleCheckedAdminMixin, VersionCheckedAdminMixin))
    ]
    assert unchecked == []


@pytest.mark.parametrize("model", [model for model in admin.site._registry if model._meta.app_label not in OTHER_APPS], ids=lambda model: model._meta.label)
def test_every_add_page_opens(as_admin, model):
    response = as_admin.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
    assert response.status_code in (200, 403)  # 403: records only the services create


def test_a_new_country_is_added_though_its_key_is_typed(as_admin):
    page = as_admin.get(reverse("admin:registry_country_add")).content.decode()
    data = change_form_data(page, iso2="XK", iso3="XKX", name_es="Kosovo", name_pt="Kosovo", name_en="Kosovo")
    assert as_admin.post(reverse("admin:registry_country_add"), data).status_code == 302
    assert Country.objects.filter(iso2="XK").exists()


def test_what_the_services_keep_and_a_sign_in_do_not_make_a_page_stale(as_admin):
    organization = Organization.objects.create(name="Fundación Agua", actor_type=ActorType.CIVIL_SOCIETY, country=Country.objects.get(iso2="CR"))
    colleague = User.objects.create_user("colleague", password="secret-pass-123")
    organization_page = change_form_data(as_admin.get(_change_url(organization)).content.decode(), name="Fundación Agua Viva")
    colleague_page = change_form_data(as_admin.get(_change_url(colleague)).content.decode(), first_name="Ana")
    Organization.objects.filter(pk=organization.pk).update(published_initiatives=4)  # an initiative of theirs was published
    User.objects.filter(pk=colleague.pk).update(last_login=timezone.now())

    assert as_admin.post(_change_url(organization), organization_page).status_code == 302
    assert as_admin.post(_change_url(colleague), colleague_page).status_code == 302
    organization.refresh_from_db()
    assert organization.name == "Fundación Agua Viva" and organization.published_initiatives == 4


def test_a_page_that_only_shows_the_record_carries_no_check(django_user_model):
    from django.contrib.auth.models import Permission
    from django.test import Client

    reader = django_user_model.objects.create_user("reader", password="secret-pass-123", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_country"), Permission.objects.get(codename="view_glossaryterm"))
    client = Client()
    client.force_login(reader)
    for record in (Country.objects.get(iso2="CR"), GlossaryTerm.objects.order_by("pk").first()):
        page = client.get(_change_url(record)).content.decode()
        assert SNAPSHOT_FIELD not in page and "snapshot" not in page.lower()
