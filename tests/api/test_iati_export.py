"""The IATI 2.03 export of published initiatives: the crosswalk, the filters, IATI's own ruleset
(api.iati_rules) on the demo data and on generated data, and validation against the official
XSD, read from ../shared/iati (IATI_SCHEMA_DIR), never copied here."""

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
        partners=[("GT", "recipient"), ("DE", "second_provider")],
        sectors=["environment", "social"],
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


def test_the_export_streams_in_steps_and_says_what_it_leaves_out_and_where_to_see_it():
    from api import iati

    for number in range(3):
        make_initiative(name=f"Con año {number}", start_year=2020)
    make_initiative(name="Sin año", start_year=None)
    chunks = list(iati.iati_stream(Initiative.objects.published().order_by("pk"), validation_url="https://x/iati/validation/"))
    assert len(chunks) >= 2 and b"1 published initiative(s) without a start year" in chunks[0]
    assert b"https://x/iati/validation/" in chunks[0]
    root = etree.fromstring(b"".join(chunks))
    assert len(root.findall("iati-activity")) == 3
    response = APIClient().get("/api/v1/initiatives/iati.xml")
    assert response["X-IATI-Not-Exported"] == "1"


def test_an_alliance_becomes_an_iati_activity_with_the_documented_crosswalk(triangular):
    [activity] = export().findall("iati-activity")
    assert activity.findtext("iati-identifier") == f"XM-PIFCSS-ALIANZAS-{triangular.pk}"
    assert activity.find("reporting-org").get("secondary-reporter") == "1"
    organisations = [(o.get("role"), o.get("type"), o.findtext("narrative")) for o in activity.findall("participating-org")]
    # The reporting institution accountable, Germany (second provider) funding, the actors implementing.
    assert organisations == [
        ("2", "10", triangular.institution.name), ("1", "10", "Alemania"),
        ("4", "10", "MAG"), ("4", "15", "Asamblea Legislativa"), ("4", "90", "Sindicato agrícola"), ("4", "80", "Universidad EARTH"),
    ]
    assert activity.find("collaboration-type").get("code") == "8"
    assert activity.find("activity-status").get("code") == "3"
    # Only the recipient is a recipient: not the provider, not the reporting country.
    assert [(c.get("code"), c.get("percentage")) for c in activity.findall("recipient-country")] == [("GT", "100")]
    sectors = [(s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in activity.findall("sector")]
    assert sectors == [("1", "41010", "50.00"), ("1", "16010", "50.00"), ("99", "environment", "50.00"), ("99", "social", "50.00")]
    assert activity.find("sector[@vocabulary='99']/narrative").text == "Medio ambiente"
    assert [(t.get("vocabulary"), t.get("code")) for t in activity.findall("tag")] == [("2", "6"), ("2", "17")]
    assert activity.find("default-aid-type").get("code") == "D02"


@pytest.mark.parametrize(
    "partners, modality, recipients, region, providers",
    [
        # Bilateral: the partners provided, so the reporting country (Costa Rica) received.
        ([("TH", "provider")], "bilateral_ssc", [("CR", "100")], None, [("3", "Tailandia")]),
        # Costa Rica provides to three: equal shares that sum to exactly 100.
        ([("GT", "recipient"), ("HN", "recipient"), ("NI", "recipient")], "bilateral_ssc",
         [("GT", "33.33"), ("HN", "33.33"), ("NI", "33.34")], None, []),
        # No role known: America, regional, and the validation page asks for the roles.
        ([("GT", ""), ("PA", "")], "regional_ssc", [], "298", []),
    ],
)
def test_recipients_and_providers_follow_the_segib_roles(costa_rica, partners, modality, recipients, region, providers):
    make_initiative(institution=costa_rica, name="Cooperación", partners=partners, modality=modality, start_year=2021, actors=[])
    [activity] = export().findall("iati-activity")
    assert [(c.get("code"), c.get("percentage")) for c in activity.findall("recipient-country")] == recipients
    assert [r.get("code") for r in activity.findall("recipient-region")] == ([region] if region else [])
    assert [(o.get("role"), o.findtext("narrative")) for o in activity.findall("participating-org")][1:] == providers
    collaboration = activity.find("collaboration-type")
    assert (collaboration.get("code") if collaboration is not None else None) == {"bilateral_ssc": "1", "regional_ssc": None}[modality]


def test_shares_always_sum_to_exactly_100():
    from decimal import Decimal

    from api.iati import shares

    for count in range(1, 30):
        assert sum(map(Decimal, shares(count))) == 100 and all(Decimal(share) > 0 for share in shares(count))


def rules_broken_by(document) -> list:
    """IATI's 2.03 ruleset (its own Python engine), and the rules of its JavaScript edition that
    engine lacks: identifiers that start with the reporting organisation's, a recipient declared."""
    from api.iati_rules import broken_rules

    broken = broken_rules(document)
    for activity in document.findall("iati-activity"):
        identifier = activity.findtext("iati-identifier")
        if not identifier.startswith(activity.find("reporting-org").get("ref") + "-"):
            broken.append({"rule": "1.1.21", "identifier": identifier})
        if not activity.findall("recipient-country") and not activity.findall("recipient-region"):
            broken.append({"rule": "3.7.1", "identifier": identifier})
        if len(activity.findall("sector[@vocabulary='1']")) > 1 and activity.xpath("sector[@vocabulary='1'][not(@percentage)]"):
            broken.append({"rule": "2.1.1", "identifier": identifier})
    identifiers = [activity.findtext("iati-identifier") for activity in document.findall("iati-activity")]
    if len(identifiers) != len(set(identifiers)):
        broken.append({"rule": "unique identifiers"})
    return broken


def test_the_demo_data_keeps_every_iati_rule():
    from django.core.management import call_command
    import io

    call_command("load_demo", stdout=io.StringIO())
    document = export()
    assert len(document.findall("iati-activity")) == Initiative.objects.published().exclude(start_year=None).count() == 13
    assert rules_broken_by(document) == []
    # As measured before the rules were kept: every activity had no sector, providers were recipients.
    assert all(activity.find("sector") is not None for activity in document.findall("iati-activity"))
    peru = next(a for a in document.findall("iati-activity") if "Tailandia" in a.findtext("title/narrative"))
    assert "TH" not in [c.get("code") for c in peru.findall("recipient-country")]


def test_generated_data_keeps_every_iati_rule():
    from registry.synthetic import generate_initiatives

    generate_initiatives(count=120, seed=7)
    document = export()
    assert len(document.findall("iati-activity")) > 50
    assert rules_broken_by(document) == []


def test_the_engine_sees_a_broken_rule():
    """The check above would pass on anything if the ruleset never ran: it does see a bad activity."""
    from api.iati_rules import broken_rules

    bad = etree.fromstring(
        '<iati-activities version="2.03"><iati-activity xml:lang="es" last-updated-datetime="2020-01-01T00:00:00">'
        '<iati-identifier>XM-X-1</iati-identifier><reporting-org ref="XM-X" type="40"/>'
        '<activity-date type="1" iso-date="2020-01-01"/><recipient-country code="GT" percentage="60"/>'
        '<recipient-country code="HN" percentage="30"/></iati-activity></iati-activities>'
    )
    assert {entry["rule"] for entry in broken_rules(bad)} >= {"atleast_one", "sum", "strict_sum"}


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


def test_the_validation_page_lists_what_cannot_be_exported_or_needs_a_stand_in(costa_rica, as_curator, as_focal_cr, as_analyst, as_anonymous):
    no_year = make_initiative(institution=costa_rica, name="Sin año de inicio", start_year=None, sectors=["social"])
    no_sector = make_initiative(institution=costa_rica, name="Sin sector", start_year=2022, partners=[("GT", "recipient")])
    make_initiative(institution=costa_rica, name="Completa", start_year=2022, sectors=["social"], partners=[("GT", "recipient")])
    page = as_curator.get("/iati/validation/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "XM-PIFCSS" in text and "org-id.guide" in text  # not an approved prefix
    for initiative in (no_year, no_sector):
        assert initiative.name in text and f"/admin/registry/initiative/{initiative.pk}/change/" in text
    assert "Completa" not in text
    for client, status in ((as_focal_cr, 403), (as_analyst, 403)):
        assert client.get("/iati/validation/").status_code == status
    assert as_anonymous.get("/iati/validation/").status_code == 302


def test_a_registered_reporting_identifier_silences_the_warning(settings, as_curator):
    settings.IATI_REPORTING_ORG_REF = "XM-DAC-1234"
    assert "org-id.guide" not in as_curator.get("/iati/validation/").content.decode()
    make_initiative(name="Con año", start_year=2020, sectors=["social"], partners=[("GT", "recipient")])
    [activity] = export().findall("iati-activity")
    assert activity.findtext("iati-identifier").startswith("XM-DAC-1234-ALIANZAS-")
