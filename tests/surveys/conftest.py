from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Campaign, Ficha


@pytest.fixture
def campaign(db):
    now = timezone.now()
    return Campaign.objects.create(
        name="Relevamiento 2024 de Alianzas Multiactor", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30)
    )


@pytest.fixture
def closed_campaign(db):
    now = timezone.now()
    return Campaign.objects.create(
        name="Relevamiento 2022", opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=300)
    )


@pytest.fixture
def cr_ficha(campaign, costa_rica):
    return Ficha.objects.create(campaign=campaign, institution=costa_rica)


def initiative_post(version=None, **overrides) -> dict:
    """A filled initiative form as the browser posts it, with two actor rows and one country."""
    data = {
        "initiative_type": "2",
        "initiative_type_other": "",
        "name": "Siembra y Cosecha de Agua",
        "objectives": "Promover la cosecha de agua de lluvia.",
        "focal_point_name": "Ana Solano",
        "focal_point_email": "ana@mideplan.go.cr",
        "justification": "Surgió de una demanda de los municipios.",
        "strengths": "Confianza\nComplementariedad",
        "challenges": "Tiempos distintos",
        "results": "Mil familias con agua",
        "actors-TOTAL_FORMS": "3",
        "actors-INITIAL_FORMS": "0",
        "actors-0-name": "Ministerio de Agricultura y Ganadería",
        "actors-0-actor_type": "public_sector",
        "actors-0-role": "",
        "actors-1-name": "Universidad EARTH",
        "actors-1-actor_type": "academia",
        "actors-1-role": "Asesoría técnica",
        "actors-2-name": "",
        "actors-2-actor_type": "",
        "actors-2-role": "",
        "countries-TOTAL_FORMS": "2",
        "countries-INITIAL_FORMS": "0",
        "countries-0-country": "GT",
        "countries-0-segib_role": "recipient",
        "countries-1-country": "",
        "countries-1-segib_role": "",
    }
    if version is not None:
        data["version"] = str(version)
    data.update(overrides)
    return data


def block_post(version, **overrides) -> dict:
    data = {
        "focal_point_name": "Ana Solano",
        "focal_point_email": "ana@mideplan.go.cr",
        "institutional_strengths": "Mesa multiactor activa",
        "institutional_weaknesses": "Pocos fondos",
        "wants_to_share": "true",
        "version": str(version),
    }
    data.update(overrides)
    return data
