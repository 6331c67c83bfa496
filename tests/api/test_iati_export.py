"""The IATI 2.03 export of published initiatives: the crosswalk, the filters, and validation
against the official XSD, read from ../shared/iati (IATI_SCHEMA_DIR), never copied here."""

import os
from pathlib import Path

import pytest
from lxml import etree
from rest_framework.test import APIClient

from registry.choices import ActorType, Modality, Phase, Status
from registry.models import Initiative
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db
REPOSITORY = Path(__file__).resolve().parents[2]
SCHEMA_DIR = Path(os.environ.get("IATI_SCHEMA_DIR", REPOSITORY.parent / "shared" / "iati"))


@pytest.fixture
def triangular(costa_rica):
    return make_initiative(
        institution=costa_rica,
        name="Siembra y cosecha de agua",
        objectives="Cosechar agua de lluvia.",
        actors=[
            ("MAG", ActorType.PUBLIC_SECTOR),
            ("Asamblea Legislativa", ActorType.PARLIAMENT),
            ("Sindicato agrícola", ActorType.TRADE_UNION),
            ("Universidad EARTH", ActorType.ACADEMIA),
        ],
        partners=["GT", "DE"],
        modality=Modality.TRIANGULAR,
        phase=Phase.EVALUATION,
        sdgs=[6, 17],
        start_year=2020,
        end_year=2099,
    )


def export(query=None) -> etree._Element:
    response = APIClient().get("/api/v1/initiatives/iati.xml", query or {})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert response.streaming  # written as it is read: constant memory at any size
    return etree.fromstring(b"".join(response.streaming_content))


def test_the_export_streams_in_steps_and_counts_what_it_leaves_out():
    from api import iati

    for number in range(3):
        make_initiative(name=f"Con año {number}", start_year=2020)
    make_initiative(name="Sin año", start_year=None)
    chunks = list(iati.iati_stream(Initiative.objects.published().order_by("pk")))
    assert len(chunks) >= 2 and b"1 published initiative(s) without a start year" in chunks[0]
    root = etree.fromstring(b"".join(chunks))
    assert len(root.findall("iati-activity")) == 3


def test_an_alliance_becomes_an_iati_activity_with_the_documented_crosswalk(triangular):
    [activity] = export().findall("iati-activity")
    assert activity.findtext("iati-identifier") == f"XM-PIFCSS-ALIANZAS-{triangular.pk}"
    organisations = [(o.get("role"), o.get("type"), o.findtext("narrative")) for o in activity.findall("participating-org")]
    assert organisations[1:] == [
        ("4", "10", "MAG"), ("4", "15", "Asamblea Legislativa"), ("4", "90", "Sindicato agrícola"), ("4", "80", "Universidad EARTH")
    ]
    assert organisations[0][0] == "2"
    assert activity.find("collaboration-type").get("code") == "8"
    assert activity.find("activity-status").get("code") == "3"
    assert [c.get("code") for c in activity.findall("recipient-country")] == ["CR", "GT", "DE"]
    assert [(t.get("vocabulary"), t.get("code")) for t in activity.findall("tag")] == [("2", "6"), ("2", "17")]


def test_only_published_initiatives_with_a_start_year_are_exported_and_filters_apply(triangular, costa_rica, argentina):
    make_initiative(institution=costa_rica, name="Borrador", status=Status.DRAFT, start_year=2021)
    make_initiative(institution=argentina, name="Pro Huerta", start_year=2019)
    make_initiative(institution=argentina, name="Sin año")
    document = export()
    assert sorted(a.findtext("title/narrative") for a in document.findall("iati-activity")) == ["Pro Huerta", "Siembra y cosecha de agua"]
    assert "1 published initiative(s) without a start year" in etree.tostring(document, encoding=str)
    assert [a.findtext("title/narrative") for a in export({"country": "AR"}).findall("iati-activity")] == ["Pro Huerta"]


def test_the_export_validates_against_the_iati_203_schema(triangular, argentina):
    make_initiative(institution=argentina, name="Pro Huerta", start_year=2019, end_year=2020)
    xsd = SCHEMA_DIR / "iati-activities-schema.xsd"
    if not xsd.exists():
        pytest.skip(f"The IATI 2.03 XSD is not at {xsd}: set IATI_SCHEMA_DIR to the folder of iati-activities-schema.xsd.")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    document = export()
    assert schema.validate(document), schema.error_log
