import pytest
from django.urls import reverse

from registry.choices import ActorType as A, Classification, Status
from registry.models import AuditEntry, Initiative
from tests.factories import institution_for, make_initiative

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:registry_initiative_changelist")


def change_url(initiative):
    return reverse("admin:registry_initiative_change", args=[initiative.pk])


def run_action(client, action, initiatives, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [initiative.pk for initiative in initiatives], **extra},
        follow=True,
    )


@pytest.mark.parametrize("persona", ["as_anonymous", "as_focal_cr", "as_focal_ar", "as_analyst"])
def test_only_the_technical_unit_reaches_the_curation_screens(request, persona):
    client = request.getfixturevalue(persona)
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_curator_lists_searches_and_filters_initiatives(as_curator):
    make_initiative(name="Arrecifes de coral", actors=[("A", A.PUBLIC_SECTOR), ("B", A.ACADEMIA), ("C", A.PRIVATE_SECTOR)])
    make_initiative(name="Apicultura", status=Status.SUBMITTED)
    assert as_curator.get(CHANGELIST).status_code == 200
    assert "Apicultura" in as_curator.get(CHANGELIST, {"status__exact": "submitted"}).text
    response = as_curator.get(CHANGELIST, {"classification": Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE})
    assert "Arrecifes de coral" in response.text and "Apicultura" not in response.text
    assert "Arrecifes de coral" in as_curator.get(CHANGELIST, {"q": "ARRECIFE"}).text
    assert "Apicultura" not in as_curator.get(CHANGELIST, {"q": "arrecife"}).text


def test_bulk_publish_publishes_every_selected_initiative(as_curator):
    initiatives = [make_initiative(status=Status.SUBMITTED) for _ in range(3)]
    response = run_action(as_curator, "publish", initiatives)
    assert "3 iniciativas están ahora en «Publicada»" in response.text
    assert set(Initiative.objects.values_list("status", flat=True)) == {Status.PUBLISHED}


def test_one_illegal_transition_leaves_the_whole_selection_untouched(as_curator):
    submitted = make_initiative(name="Enviada", status=Status.SUBMITTED)
    draft = make_initiative(name="Borrador", status=Status.DRAFT)
    response = run_action(as_curator, "publish", [submitted, draft])
    assert "No se modificó nada" in response.text and "Borrador" in response.text
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_returning_asks_for_comments_first(as_curator):
    initiative = make_initiative(status=Status.SUBMITTED)
    form_page = run_action(as_curator, "return_with_comments", [initiative])
    assert "Devolver con comentarios" in form_page.text
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED

    empty = run_action(as_curator, "return_with_comments", [initiative], apply="1", reason="")
    assert "Este campo es requerido" in empty.text
    run_action(as_curator, "return_with_comments", [initiative], apply="1", reason="Falta el objetivo")
    initiative.refresh_from_db()
    assert initiative.status == Status.RETURNED and initiative.status_reason == "Falta el objetivo"


def test_classifying_by_hand_records_the_reason(as_curator):
    initiative = make_initiative(actors=[("A", A.PUBLIC_SECTOR), ("B", A.PRIVATE_SECTOR)])
    run_action(
        as_curator, "classify", [initiative], apply="1",
        classification=Classification.NOT_MULTI_ACTOR, reason="El privado es solo proveedor",
    )
    initiative.refresh_from_db()
    assert initiative.classification_override == Classification.NOT_MULTI_ACTOR
    assert initiative.classification_override_reason == "El privado es solo proveedor"


def test_marking_out_of_scope_from_the_list(as_curator):
    initiative = make_initiative()
    run_action(as_curator, "mark_out_of_scope", [initiative], apply="1", reason="Cooperación Norte-Sur")
    initiative.refresh_from_db()
    assert initiative.out_of_scope and initiative.out_of_scope_reason == "Cooperación Norte-Sur"


def _change_form_data(initiative, **overrides):
    data = {
        "institution": initiative.institution_id,
        "initiative_type": initiative.initiative_type,
        "initiative_type_other": "",
        "name": initiative.name,
        "objectives": initiative.objectives,
        "focal_point_name": "",
        "focal_point_email": "",
        "justification": "",
        "strengths": "\n".join(initiative.strengths),
        "challenges": "",
        "results": "",
        "wants_to_share": "unknown",
        "modality": "",
        "phase": "",
        "start_year": "",
        "end_year": "",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "country_links-TOTAL_FORMS": "0",
        "country_links-INITIAL_FORMS": "0",
        # The version this page was built from, as the admin's hidden field carries it.
        "seen_version": str(initiative.version) if initiative.pk else "",
    }
    data.update(overrides)
    return data


def test_an_edit_in_the_admin_is_recorded_in_the_change_history(as_curator, curator):
    initiative = make_initiative(name="Nombre viejo", actors=[])
    response = as_curator.post(change_url(initiative), _change_form_data(initiative, name="Nombre nuevo"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.filter(object_id=str(initiative.pk), action=AuditEntry.Action.UPDATE).get()
    assert entry.actor == curator and entry.changes["name"] == ["Nombre viejo", "Nombre nuevo"]
    initiative.refresh_from_db()
    assert "nombre nuevo" in initiative.search_text


def test_a_fourth_strength_in_the_admin_form_is_refused_with_a_message(as_curator):
    initiative = make_initiative(actors=[])
    response = as_curator.post(change_url(initiative), _change_form_data(initiative, strengths="a\nb\nc\nd"))
    assert response.status_code == 200
    assert "(indicó 4)" in response.text


def test_a_new_initiative_created_in_the_admin_is_a_draft(as_curator):
    institution = institution_for("CR")
    data = _change_form_data(Initiative(institution=institution, initiative_type=2, name="Nueva"), name="Nueva")
    response = as_curator.post(reverse("admin:registry_initiative_add"), data)
    assert response.status_code == 302
    created = Initiative.objects.get(name="Nueva")
    assert created.status == Status.DRAFT
    assert AuditEntry.objects.filter(object_id=str(created.pk), action=AuditEntry.Action.CREATE).exists()


@pytest.mark.parametrize(
    "url_name", ["registry_organization_changelist", "registry_country_changelist", "registry_institution_changelist",
                 "registry_sector_changelist", "registry_auditentry_changelist", "registry_user_changelist"],
)
def test_the_curator_opens_every_reference_list(as_curator, url_name):
    make_initiative()
    assert as_curator.get(reverse(f"admin:{url_name}")).status_code == 200


def test_organization_search_in_the_admin_ignores_accents(as_curator):
    make_initiative(actors=[("Fundación Ñandutí", A.CIVIL_SOCIETY)])
    response = as_curator.get(reverse("admin:registry_organization_changelist"), {"q": "fundacion nanduti"})
    assert "Fundación Ñandutí" in response.text


def test_a_stale_admin_page_is_refused_and_the_focal_points_save_stays(as_curator, focal_cr, costa_rica):
    from registry import services

    initiative = make_initiative(institution=costa_rica, actors=[], objectives="Primera versión")
    page = as_curator.get(change_url(initiative)).text
    assert f'name="seen_version" value="{initiative.version}"' in page
    stale = _change_form_data(initiative, name="Cambiado por la unidad")
    # Meanwhile a focal point saves a newer version from the survey.
    initiative.objectives = "Versión del punto focal"
    services.initiative_save(initiative=initiative, by=focal_cr, expected_version=initiative.version)
    response = as_curator.post(change_url(initiative), stale)
    assert response.status_code == 200
    assert "Alguien guardó este registro después de que usted abrió esta página" in response.text
    assert "Objetivo/s" in response.text  # what differs from the saved record is named
    initiative.refresh_from_db()
    assert initiative.objectives == "Versión del punto focal" and initiative.name != "Cambiado por la unidad"
    # Reloaded, the same change goes through.
    fresh = _change_form_data(initiative, name="Cambiado por la unidad")
    assert as_curator.post(change_url(initiative), fresh).status_code == 302
    initiative.refresh_from_db()
    assert initiative.name == "Cambiado por la unidad" and initiative.objectives == "Versión del punto focal"


def test_the_reporting_country_cannot_be_a_partner_from_the_admin_either(as_curator, costa_rica):
    initiative = make_initiative(institution=costa_rica, actors=[])
    data = _change_form_data(
        initiative, **{"country_links-TOTAL_FORMS": "1", "country_links-0-country": "CR", "country_links-0-segib_role": ""}
    )
    response = as_curator.post(change_url(initiative), data)
    assert response.status_code == 200 and "El país que reporta no puede figurar" in response.text
    assert not initiative.country_links.exists()


def test_an_admin_edit_with_its_inlines_is_one_service_write(as_curator, curator, costa_rica):
    """The change form and its actor and country rows go through services.initiative_save once:
    one version more, one audit entry naming the actors, the survey's rules (actors in order)."""
    initiative = make_initiative(institution=costa_rica, actors=[("MAG", A.PUBLIC_SECTOR), ("UCR", A.ACADEMIA)])
    mag, ucr = (initiative.participations.get(organization__name=name) for name in ("MAG", "UCR"))
    version, entries = initiative.version, AuditEntry.objects.filter(object_id=str(initiative.pk)).count()
    data = _change_form_data(initiative, **{
        "participations-TOTAL_FORMS": "2", "participations-INITIAL_FORMS": "2",
        "participations-0-id": mag.pk, "participations-0-initiative": initiative.pk, "participations-0-organization": mag.organization_id,
        "participations-0-actor_type": "public_sector", "participations-0-role": "", "participations-0-position": "1",
        "participations-1-id": ucr.pk, "participations-1-initiative": initiative.pk, "participations-1-organization": ucr.organization_id,
        "participations-1-actor_type": "academia", "participations-1-role": "Asesoría", "participations-1-position": "0",
        "country_links-TOTAL_FORMS": "1", "country_links-0-country": "GT", "country_links-0-segib_role": "",
    })
    response = as_curator.post(change_url(initiative), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    initiative.refresh_from_db()
    assert initiative.version == version + 1
    assert [p.organization.name for p in initiative.participations.all()] == ["UCR", "MAG"]
    assert list(initiative.country_links.values_list("country_id", flat=True)) == ["GT"]
    new_entries = AuditEntry.objects.filter(object_id=str(initiative.pk))
    assert new_entries.count() == entries + 1 and "actors" in new_entries.first().changes


def test_bookmarks_of_admin_screens_that_moved_app_lead_to_their_new_place(as_curator):
    from django.apps import apps
    from django.contrib.admin import site

    from alianzas.urls import MOVED_ADMIN_MODELS

    response = as_curator.get("/admin/registry/glossaryterm/3/change/?_changelist_filters=q%3Dagua")
    assert response.status_code == 301
    assert response["Location"] == "/admin/knowledge/glossaryterm/3/change/?_changelist_filters=q%3Dagua"
    assert as_curator.get("/admin/registry/successcase/", follow=True).status_code == 200
    for model, app in MOVED_ADMIN_MODELS.items():
        assert apps.get_model(app, model) in site._registry


def test_the_admin_speaks_spanish_and_portuguese_without_a_wrong_article(as_curator):
    """Django leaves some admin texts in English and writes "El iniciativa": ours replace them."""
    from django.utils import translation

    make_initiative()
    page = as_curator.get("/admin/registry/initiative/").text
    assert "Ejecutar" in page and ">Run<" not in page
    assert "Buscar en iniciativas" in page and "Search iniciativas" not in page
    with translation.override("es"):
        assert translation.gettext("The {name} “{obj}” was changed successfully.") == "Se guardaron los cambios de {name} «{obj}»."
        assert translation.gettext("- Select an option -") == "- Elija una opción -"
    with translation.override("pt"):
        assert translation.gettext("Run") == "Executar"
        assert not translation.gettext("The {name} “{obj}” was added successfully.").startswith(("O ", "A "))


def test_the_admins_scripts_speak_portuguese_too(as_curator):
    as_curator.cookies["django_language"] = "pt"
    catalog = as_curator.get("/admin/jsi18n/").text
    assert "Escolher todos: %s" in catalog and "Remover os selecionados: %s" in catalog
