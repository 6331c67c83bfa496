"""Every URL of the project, for every role. A new URL pattern without a line in EXPECTED fails
here, so no view reaches production without someone deciding who may open it.

The records belong to Costa Rica: the focal point of Argentina is the "other country"."""

import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from dialogues.models import Dialogue, Seminar
from registry.choices import Status
from reports.models import ReportJob
from surveys.models import Campaign, Ficha, Questionnaire
from tests.conftest import client_for
from knowledge.success_cases import SuccessCase
from surveys.intake import upload_receive
from capacities.models import Need, Offer
from training.models import Workshop
from registry.models import Organization
from registry.shared import shared_link
from tests.factories import institution_for, make_initiative
from tests.surveys.word_files import filled_ficha

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "focal_cr", "focal_ar", "curator", "analyst")
LOGIN = "login"  # a redirect to the sign-in page

# name: (anonymous, focal point of CR, focal point of AR, technical unit, analyst), for GET.
EXPECTED = {
    "registry:initiative_list": (200, 200, 200, 200, 200),
    "registry:initiative_detail": (200, 200, 200, 200, 200),  # published
    "registry:initiative_detail draft": (404, 200, 404, 200, 404),
    "registry:initiative_confirm": (LOGIN, 405, 405, 405, 405),
    "registry:shared_queue": (LOGIN, 403, 403, 200, 403),
    "initiative_map": (200, 200, 200, 200, 200),  # the catalog's, with its visibility
    "initiative_map_file": (200, 200, 200, 200, 200),
    "registry:shared_detail": (LOGIN, 200, 404, 200, 404),  # the unit and the countries taking part
    "registry:shared_link": (LOGIN, 405, 405, 405, 405),
    "followup:initiative_followup": (LOGIN, 200, 403, 200, 403),
    "followup:health_answer": (404, 404, 404, 404, 404),
    "followup:evidence_download": (LOGIN, 404, 403, 404, 403),  # no such file; tests/registry/test_results_and_progress.py  # a member's link, no sign-in; tests/registry/test_health_check.py
    "surveys:survey_home": (LOGIN, 200, 200, 200, 403),
    "surveys:ficha_start": (LOGIN, 405, 405, 405, 405),
    "surveys:campaign_progress": (LOGIN, 403, 403, 200, 403),
    "surveys:campaign_extension": (LOGIN, 403, 403, 200, 403),
    "surveys:campaign_remind": (LOGIN, 405, 405, 405, 405),
    "surveys:notices_choose": (LOGIN, 405, 405, 405, 405),
    "surveys:blank_form": (LOGIN, 200, 200, 200, 403),
    "surveys:upload": (LOGIN, 200, 200, 200, 403),
    "surveys:upload_review": (LOGIN, 200, 404, 200, 403),
    "surveys:upload_original": (LOGIN, 200, 404, 200, 403),
    "surveys:invitation_create": (LOGIN, 403, 403, 200, 403),
    "surveys:ficha_detail": (LOGIN, 200, 404, 200, 403),
    "surveys:ficha_submit": (LOGIN, 200, 404, 200, 403),  # the unit submits Word fichas it imported
    "surveys:ficha_carry_over": (LOGIN, 405, 405, 405, 405),
    "iati_validation": (LOGIN, 403, 403, 200, 403),
    "open_data:page": (200, 200, 200, 200, 200),
    "open_data:download": (404, 404, 404, 404, 404),  # none built yet: tests/reports/test_open_data.py downloads one
    "surveys:ficha_download": (LOGIN, 200, 404, 200, 403),
    "surveys:ficha_review": (LOGIN, 403, 403, 200, 403),
    "surveys:ficha_initiative_create": (LOGIN, 200, 404, 200, 403),
    "surveys:ficha_initiative_edit": (LOGIN, 200, 404, 200, 403),
    "surveys:ficha_initiative_delete": (LOGIN, 200, 404, 200, 403),
    "dialogues:dialogue_list": (200, 200, 200, 200, 200),
    "dialogues:candidates": (LOGIN, 403, 403, 200, 403),
    "dialogues:dialogue_detail": (200, 200, 200, 200, 200),  # held: public
    "dialogues:dialogue_detail proposed": (404, 404, 404, 200, 404),
    "dialogues:dialogue_schedule": (LOGIN, 405, 405, 405, 405),
    "dialogues:dialogue_status": (LOGIN, 405, 405, 405, 405),
    "dialogues:interest": (LOGIN, 405, 405, 405, 405),
    "dialogues:seminar_detail": (200, 200, 200, 200, 200),  # public
    "dialogues:seminar_detail private": (404, 404, 404, 200, 404),
    "dialogues:seminar_concept_note": (200, 200, 200, 200, 200),
    "reports:dashboard": (LOGIN, 403, 403, 200, 200),
    "reports:download": (LOGIN, 403, 403, 200, 200),
    "reports:map_file": (LOGIN, 403, 403, 200, 200),
    "reports:chart_file": (LOGIN, 403, 403, 200, 200),
    "reports:job": (LOGIN, 403, 403, 200, 404),  # the curator's own job
    "reports:job_file": (LOGIN, 403, 403, 200, 404),
    "api:stats": (200, 200, 200, 200, 200),
    "api:initiatives-iati": (200, 200, 200, 200, 200),
    "api:schema": (200, 200, 200, 200, 200),
    "api:docs": (200, 200, 200, 200, 200),
    "api:initiative-list": (200, 200, 200, 200, 200),
    "api:initiative-detail": (200, 200, 200, 200, 200),
    "api:initiative-detail draft": (404, 200, 404, 200, 404),
    "api:organization-list": (200, 200, 200, 200, 200),
    "api:organization-detail": (200, 200, 200, 200, 200),
    "api:country-list": (200, 200, 200, 200, 200),
    "api:country-detail": (200, 200, 200, 200, 200),
    "api:questionnaire-list": (200, 200, 200, 200, 200),
    "api:contribution-list": (200, 200, 200, 200, 200),
    "api:contribution-detail": (404, 404, 404, 404, 404),  # none: tests/api/test_contributions.py reads one per role
    "api:shared-initiative-list": (200, 200, 200, 200, 200),
    "api:shared-initiative-detail": (200, 200, 200, 200, 200),  # its published reports, no person
    "api:questionnaire-detail": (200, 200, 200, 200, 200),  # the questions, not the answers: no person in them
    "api:sector-list": (200, 200, 200, 200, 200),
    "api:sector-detail": (200, 200, 200, 200, 200),
    "api:dialogue-list": (200, 200, 200, 200, 200),
    "api:dialogue-detail": (200, 200, 200, 200, 200),
    "api:dialogue-detail proposed": (404, 404, 404, 200, 404),
    "api:seminar-list": (200, 200, 200, 200, 200),
    "api:seminar-detail": (200, 200, 200, 200, 200),
    "api:seminar-detail private": (404, 404, 404, 200, 404),
    "api:api-root": (200, 200, 200, 200, 200),
    "health": (200, 200, 200, 200, 200),
    "favicon": (301, 301, 301, 301, 301),
    "after_sign_in": (LOGIN, 302, 302, 302, 302),  # each to their own starting page
    "audit_list": (LOGIN, 403, 403, 200, 403),
    "knowledge:glossary": (200, 200, 200, 200, 200),
    "privacy": (200, 200, 200, 200, 200),
    "directory:actor_list": (200, 200, 200, 200, 200),
    "profiles:country_list": (200, 200, 200, 200, 200),
    "training:workshop_list": (LOGIN, 200, 200, 200, 403),
    "training:workshop_new": (LOGIN, 403, 403, 200, 403),
    "training:trained_report": (LOGIN, 403, 403, 200, 200),  # counts only, no person
    "training:workshop_detail": (LOGIN, 200, 200, 200, 403),  # participants' names for the unit only
    "training:workshop_edit": (LOGIN, 403, 403, 200, 403),
    "training:material_download": (LOGIN, 404, 404, 404, 403),  # none: tests/training reads one per role
    "training:survey_answer": (404, 404, 404, 404, 404),  # a participant's link, no sign-in; tests/training
    "capacities:board": (LOGIN, 200, 200, 200, 403),  # members: no contact is shown, but needs are agencies' own
    "capacities:need_new": (LOGIN, 200, 200, 200, 403),
    "capacities:need_detail": (LOGIN, 200, 200, 200, 403),
    "capacities:need_edit": (LOGIN, 200, 403, 200, 403),  # its own agency, or the unit
    "capacities:offer_new": (LOGIN, 200, 200, 200, 403),
    "capacities:offer_detail": (LOGIN, 200, 200, 200, 403),
    "capacities:offer_edit": (LOGIN, 200, 403, 200, 403),  # an organization of its country, or the unit
    "profiles:country_detail": (200, 200, 200, 200, 200),  # its focal points only for members
    "knowledge:success_case_list": (200, 200, 200, 200, 200),
    "knowledge:success_case_detail": (200, 200, 200, 200, 200),  # published
    "knowledge:success_case_detail draft": (404, 404, 404, 200, 404),
    "knowledge:success_case_word": (200, 200, 200, 200, 200),
    "api:success-case-list": (200, 200, 200, 200, 200),
    "api:success-case-detail": (200, 200, 200, 200, 200),
    "api:success-case-detail draft": (404, 404, 404, 200, 404),
    "directory:actor_detail": (200, 200, 200, 200, 200),  # an actor of a published initiative
    "accounts:login": (200, 302, 302, 302, 302),  # signed-in people go on to the site
    "accounts:logout": (405, 405, 405, 405, 405),  # only by POST, so a link cannot sign anyone out
    "accounts:profile": (LOGIN, 200, 200, 200, 200),
    "accounts:password_change": (LOGIN, 200, 200, 200, 200),
    "accounts:password_change_done": (LOGIN, 200, 200, 200, 200),
    "accounts:password_reset_confirm": (200, 200, 200, 200, 200),  # an invalid link says so
    "accounts:password_reset_complete": (200, 200, 200, 200, 200),
    "set_language": (302, 302, 302, 302, 302),
}


# The views that only take POST, posted empty: who gets past the permission check. An empty form
# must never change anything for the people who may not use the view.
EXPECTED_POST = {
    "registry:initiative_confirm": (LOGIN, 302, 403, 302, 403),  # its own country, or the unit
    "registry:shared_link": (LOGIN, 403, 403, 302, 403),  # no report chosen: said, nothing linked
    "surveys:ficha_start": (LOGIN, 302, 302, 403, 403),
    "surveys:campaign_remind": (LOGIN, 403, 403, 302, 403),  # nobody to e-mail: said, nothing sent
    "surveys:notices_choose": (LOGIN, 403, 403, 302, 403),  # no choice made: said, nothing saved
    "dialogues:dialogue_schedule": (LOGIN, 403, 403, 400, 403),  # an empty form is a clear 400
    "dialogues:dialogue_status": (LOGIN, 403, 403, 400, 403),
    "dialogues:interest": (LOGIN, 302, 302, 403, 403),
    "accounts:logout": (302, 302, 302, 302, 302),
}


def url_names() -> set[str]:
    """Every named pattern outside the admin (whose own rules are checked below)."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                inner = pattern.namespace or namespace
                if namespace and pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}"
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_pattern_has_a_permission_rule():
    ruled = {name.split(" ")[0] for name in EXPECTED}
    missing = url_names() - ruled
    assert not missing, f"URL patterns without an entry in EXPECTED: {sorted(missing)}"
    assert not ruled - url_names(), "EXPECTED names a URL that no longer exists"


@pytest.fixture
def world(costa_rica, argentina, curator, focal_cr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    campaign = Campaign.objects.create(name="Relevamiento", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30))
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    questionnaire = Questionnaire.objects.create(campaign=campaign)
    draft = make_initiative(institution=costa_rica, status=Status.DRAFT, ficha=ficha)
    published = make_initiative(institution=costa_rica, wants_to_share=True)
    upload = upload_receive(data=filled_ficha(campaign), name="ficha.docx", by=focal_cr, campaign=campaign)
    held = Dialogue.objects.create(title="Diálogo público", status="held", starts_at=now - timedelta(days=3))
    held.initiatives.add(published)
    proposed = Dialogue.objects.create(title="Diálogo en preparación")
    public_seminar = Seminar.objects.create(title="Seminario", starts_at=now, is_public=True)
    public_seminar.concept_note.save("nota.pdf", ContentFile(b"%PDF-1.4"), save=True)
    private_seminar = Seminar.objects.create(title="Seminario interno", starts_at=now)
    job = ReportJob.objects.create(format="xlsx", requested_by=curator, status="done")
    job.file.save("report.xlsx", ContentFile(b"PK.."), save=True)
    organization = published.participations.first().organization
    partner = make_initiative(institution=institution_for("GT"), partners=["CR"])
    workshop = Workshop.objects.create(title="Taller para nuevos puntos focales")
    need = Need.objects.create(institution=costa_rica, title="Necesidad", description="Formación", help_kinds=["training"])
    Organization.objects.filter(pk=organization.pk).update(country="CR")
    offer = Offer.objects.create(organization=organization, title="Oferta", description="Cursos", offer_kinds=["training"])
    shared = shared_link(initiatives=[published, partner], by=curator)
    case = SuccessCase.objects.create(title="Caso publicado", author="PIFCSS", summary="Resumen", is_published=True)
    draft_case = SuccessCase.objects.create(title="Caso en preparación", author="PIFCSS", summary="Resumen")
    return {
        "registry:initiative_detail": {"pk": published.pk},
        "registry:initiative_detail draft": {"pk": draft.pk},
        "registry:initiative_confirm": {"pk": published.pk},
        "registry:shared_detail": {"pk": shared.pk},
        "api:shared-initiative-detail": {"pk": shared.pk},
        "followup:initiative_followup": {"pk": published.pk},
        "followup:health_answer": {"token": "not-a-token"},
        "followup:evidence_download": {"pk": published.pk, "evidence_pk": 999999},
        "surveys:ficha_start": {"campaign_pk": campaign.pk},
        "surveys:campaign_progress": {"pk": campaign.pk},
        "surveys:campaign_extension": {"pk": campaign.pk, "institution_pk": costa_rica.pk},
        "surveys:campaign_remind": {"pk": campaign.pk, "institution_pk": costa_rica.pk},
        "surveys:blank_form": {"campaign_pk": campaign.pk},
        "surveys:upload_review": {"pk": upload.pk},
        "surveys:upload_original": {"pk": upload.pk},
        "surveys:ficha_detail": {"pk": ficha.pk},
        "surveys:ficha_submit": {"pk": ficha.pk},
        "surveys:ficha_carry_over": {"pk": ficha.pk},
        "surveys:ficha_download": {"pk": ficha.pk},
        "surveys:ficha_review": {"pk": ficha.pk},
        "surveys:ficha_initiative_create": {"ficha_pk": ficha.pk},
        "surveys:ficha_initiative_edit": {"ficha_pk": ficha.pk, "pk": draft.pk},
        "surveys:ficha_initiative_delete": {"ficha_pk": ficha.pk, "pk": draft.pk},
        "dialogues:dialogue_detail": {"pk": held.pk},
        "dialogues:dialogue_detail proposed": {"pk": proposed.pk},
        "dialogues:dialogue_schedule": {"pk": held.pk},
        "dialogues:dialogue_status": {"pk": held.pk},
        "dialogues:interest": {"initiative_pk": published.pk},
        "dialogues:seminar_detail": {"pk": public_seminar.pk},
        "dialogues:seminar_detail private": {"pk": private_seminar.pk},
        "dialogues:seminar_concept_note": {"pk": public_seminar.pk},
        "reports:download": {"format": "xlsx"},
        "reports:map_file": {"format": "svg"},
        "reports:chart_file": {"chart": "sector", "format": "png"},
        "initiative_map_file": {"format": "png"},
        "reports:job": {"pk": job.pk},
        "reports:job_file": {"pk": job.pk},
        "api:initiative-detail": {"pk": published.pk},
        "api:initiative-detail draft": {"pk": draft.pk},
        "api:organization-detail": {"pk": organization.pk},
        "api:country-detail": {"pk": "CR"},
        "api:questionnaire-detail": {"pk": questionnaire.pk},
        "api:contribution-detail": {"pk": 999999},
        "api:sector-detail": {"code": "social"},
        "api:dialogue-detail": {"pk": held.pk},
        "api:dialogue-detail proposed": {"pk": proposed.pk},
        "api:seminar-detail": {"pk": public_seminar.pk},
        "api:seminar-detail private": {"pk": private_seminar.pk},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "directory:actor_detail": {"pk": organization.pk},
        "profiles:country_detail": {"iso2": "CR"},
        "capacities:need_detail": {"pk": need.pk},
        "training:workshop_detail": {"pk": workshop.pk},
        "training:workshop_edit": {"pk": workshop.pk},
        "training:material_download": {"pk": workshop.pk, "material_pk": 999999},
        "training:survey_answer": {"token": "not-a-token"},
        "capacities:need_edit": {"pk": need.pk},
        "capacities:offer_detail": {"pk": offer.pk},
        "capacities:offer_edit": {"pk": offer.pk},
        "knowledge:success_case_detail": {"pk": case.pk},
        "knowledge:success_case_detail draft": {"pk": draft_case.pk},
        "knowledge:success_case_word": {"pk": case.pk},
        "api:success-case-detail": {"pk": case.pk},
        "api:success-case-detail draft": {"pk": draft_case.pk},
    }


@pytest.fixture
def clients(focal_cr, focal_ar, curator, analyst):
    people = {"anonymous": None, "focal_cr": focal_cr, "focal_ar": focal_ar, "curator": curator, "analyst": analyst}
    return {role: client_for(person) for role, person in people.items()}


POST_FORM = re.compile(r"<form\b[^>]*method=[\"']post[\"'][^>]*>(.*?)</form>", re.I | re.S)


def answers(world, clients, expectations, method) -> list[str]:
    wrong = []
    for case, expected in expectations.items():
        url = reverse(case.split(" ")[0], kwargs=world.get(case))
        for role, status in zip(ROLES, expected, strict=True):
            response = getattr(clients[role], method)(url)
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                for form in POST_FORM.findall(response.content.decode()):
                    if "csrfmiddlewaretoken" not in form:
                        wrong.append(f"{case} as {role}: a POST form without its CSRF token")
            if response.get("Content-Disposition", "").startswith("attachment"):
                if response.get("X-Content-Type-Options") != "nosniff":
                    wrong.append(f"{case} as {role}: a download the browser may sniff and render")
            if status == LOGIN:
                ok = response.status_code == 302 and response["Location"].startswith("/accounts/login/")
            else:
                ok = response.status_code == status
            if not ok:
                wrong.append(f"{case} as {role}: expected {status}, got {response.status_code}")
    return wrong


def test_every_url_answers_each_role_as_decided(world, clients):
    wrong = answers(world, clients, EXPECTED, "get")
    assert not wrong, "\n".join(wrong)


def test_the_post_only_views_let_in_only_who_may_use_them(world, clients):
    wrong = answers(world, clients, EXPECTED_POST, "post")
    assert not wrong, "\n".join(wrong)


# Accounts, tokens and the task queue are for superusers; the unit curates everything else.
SUPERUSER_ONLY = {"auth.group", "knox.authtoken", "django_tasks_database.dbtaskresult"}


def test_the_admin_is_for_the_technical_unit_only(clients):
    pages = ["/admin/"] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry
    ]
    for page in pages:
        for role in ("anonymous", "focal_cr", "focal_ar", "analyst"):
            response = clients[role].get(page)
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), (page, role)
        superuser_only = any(page.startswith(f"/admin/{label.replace('.', '/')}/") for label in SUPERUSER_ONLY)
        assert clients["curator"].get(page).status_code == (403 if superuser_only else 200), page
