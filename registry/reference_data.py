"""Reference data every database needs: countries, the report's sectors, the role groups.

Loaded by migration 0002, and again by transactional tests after Django flushes the tables.
Functions take an `apps` registry so the migration can pass its historical models.
"""

import csv
import json
from pathlib import Path

from django.contrib.auth.management import create_permissions

COUNTRIES_CSV = Path(__file__).resolve().parent / "data" / "countries.csv"

# The sectors of Table 1 in the source report; the technical unit can add more in the admin.
SECTORS = [
    ("tourism", "Turismo", "Turismo", "Tourism"),
    ("social", "Social", "Social", "Social"),
    ("governance", "Gobernanza", "Governança", "Governance"),
    ("economic_development", "Desarrollo económico", "Desenvolvimento econômico", "Economic development"),
    ("environment", "Medio ambiente", "Meio ambiente", "Environment"),
]

REGISTRY_MODELS = ["country", "sector", "segibarea", "segibsector", "institution", "organization", "initiative", "participation", "initiativecountry", "user"]
ROLE_PERMISSIONS = {
    "technical_unit": [f"{action}_{model}" for model in REGISTRY_MODELS for action in ("view", "add", "change", "delete")]
    + ["view_auditentry"],
    "analyst": [f"view_{model}" for model in ("country", "sector", "segibarea", "segibsector", "institution", "organization", "initiative")],
    "focal_point": [],
}


def load_countries(apps, schema_editor=None):
    Country = apps.get_model("registry", "Country")
    with COUNTRIES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Country.objects.update_or_create(
                iso2=row["iso2"],
                defaults={
                    "iso3": row["iso3"],
                    "name_en": row["name_en"],
                    "name_es": row["name_es"],
                    "name_pt": row["name_pt"],
                    "is_ibero_american": row["ibero_american"] == "1",
                },
            )


def load_sectors(apps, schema_editor=None):
    Sector = apps.get_model("registry", "Sector")
    for code, name_es, name_pt, name_en in SECTORS:
        Sector.objects.update_or_create(code=code, defaults={"name_es": name_es, "name_pt": name_pt, "name_en": name_en})


SEGIB_CLASSIFICATION = Path(__file__).resolve().parent / "data" / "segib_classification.json"
# The five sectors of Table 1 in SEGIB's classification (registry.Sector.segib_sector): the SEGIB
# sector that holds the initiatives the report put under each. Economic development is SEGIB's
# "enterprises" (business development) and governance its "institutions and public policies".
SEGIB_CROSSWALK = {
    "tourism": "tourism",
    "social": "other_social_services_policies",
    "governance": "institutions_public_policies",
    "economic_development": "enterprises",
    "environment": "environment",
}


def _segib_names(entry: dict) -> dict[str, str]:
    """The names in es/pt/en: those found in SEGIB texts, else the usual wording (Spanish) or the
    English one; registry/data/segib_classification.json says which were confirmed where."""
    spanish = entry.get("es") or entry.get("es_candidate_unverified") or entry["code"]
    english = entry.get("en") or spanish
    return {"name_es": spanish, "name_pt": entry.get("pt") or spanish, "name_en": english}


def load_segib_classification(apps, schema_editor=None):
    SegibArea = apps.get_model("registry", "SegibArea")
    SegibSector = apps.get_model("registry", "SegibSector")
    Sector = apps.get_model("registry", "Sector")
    classification = json.loads(SEGIB_CLASSIFICATION.read_text(encoding="utf-8"))
    for area_order, area in enumerate(classification["areas"]):
        saved_area, _ = SegibArea.objects.update_or_create(code=area["code"], defaults={**_segib_names(area), "order": area_order})
        for order, sector in enumerate(area["sectors"]):
            verified = [language for language in ("es", "pt", "en") if sector.get(language)]
            SegibSector.objects.update_or_create(
                code=sector["code"],
                defaults={**_segib_names(sector), "area": saved_area, "order": order, "verified_languages": verified},
            )
    for code, segib in SEGIB_CROSSWALK.items():
        Sector.objects.filter(code=code, segib_sector__isnull=True).update(segib_sector=SegibSector.objects.get(code=segib))


def _ensure_permissions(apps) -> None:
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        had_models_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = had_models_module


def create_roles(apps, schema_editor=None):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(Permission.objects.filter(content_type__app_label="registry", codename__in=codenames))


SURVEY_ROLE_PERMISSIONS = {
    "technical_unit": [
        "view_campaign", "add_campaign", "change_campaign", "delete_campaign", "view_ficha",
        # Each campaign's questionnaire and the questions added to it (surveys migration 0008).
        "view_questionnaire", "add_questionnaire", "change_questionnaire", "delete_questionnaire",
        "view_campaignquestion", "add_campaignquestion", "change_campaignquestion", "delete_campaignquestion",
    ],
}


def grant_survey_permissions(apps, schema_editor=None):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in SURVEY_ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames))


def _all_rights(*models: str) -> list[str]:
    return [f"{action}_{model}" for model in models for action in ("view", "add", "change", "delete")]


DIALOGUE_ROLE_PERMISSIONS = {
    "technical_unit": [
        *_all_rights("dialogue", "proposedslot", "invitee", "attendance", "followupaction", "seminar", "panelist"),
        "view_interest",
        "delete_interest",
    ],
}


def grant_dialogue_permissions(apps, schema_editor=None):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in DIALOGUE_ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="dialogues", codename__in=codenames))


def _grant(apps, role: str, codenames: list[str], app_label: str) -> None:
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name=role)
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


# The glossary and the success cases were the registry's when their migrations ran; they are the
# knowledge app's now (knowledge.reference grants them there).
def grant_glossary_permissions(apps, schema_editor=None, app_label: str = "registry"):
    _grant(apps, "technical_unit", _all_rights("glossaryterm"), app_label)


def grant_success_case_permissions(apps, schema_editor=None, app_label: str = "registry"):
    _grant(apps, "technical_unit", _all_rights("successcase", "successcaseactor"), app_label)


def load_all(apps) -> None:
    load_countries(apps)
    load_sectors(apps)
    load_segib_classification(apps)
    create_roles(apps)
    grant_survey_permissions(apps)
    grant_dialogue_permissions(apps)
    grant_contribution_permissions(apps)


def grant_segib_permissions(apps, schema_editor=None):
    """SEGIB's vocabulary is the technical unit's to curate and every analyst's to read (migration
    0023: added to REGISTRY_MODELS, without resetting what later migrations granted)."""
    _ensure_permissions(apps)
    _grant(apps, "technical_unit", _all_rights("segibarea", "segibsector"), "registry")
    _grant(apps, "analyst", ["view_segibarea", "view_segibsector"], "registry")


def grant_contribution_permissions(apps, schema_editor=None):
    """The reference exchange rates are the technical unit's to keep in the admin (followup 0002)."""
    _grant(apps, "technical_unit", _all_rights("exchangerate", "contribution", "actorcommitment"), "followup")
