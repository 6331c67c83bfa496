"""Published initiatives as IATI 2.03 activities that pass IATI's own rules (api.iati_rules), so
the data can travel to IATI tools. The crosswalks, written once here (docs/iati.md tells them):

- Identifiers. The reporting organisation is a setting (IATI_REPORTING_ORG_REF, type and name),
  reporting as a secondary reporter: PIFCSS publishes what the countries' agencies report. Each
  activity is "<ref>-ALIANZAS-<id>". While the ref has no approved agency prefix (org-id.guide),
  the validation page says so.
- Countries, by the SEGIB role each partner was given. Recipients are the partners with the
  recipient role, in equal shares summing to 100. Providers become participating organisations:
  provider and first provider as Extending (3), second provider as Funding (1). The reporting
  country is never a recipient unless no partner is one and some partner provides (it then
  received the cooperation). With no role known, the recipient is "America, regional" (region
  298) and the validation page asks for the roles.
- Participants. The reporting institution is Accountable (2). Every actor is Implementing (4),
  with its type crosswalked to OrganisationType: trade unions and parliaments have no IATI code of
  their own, so parliaments are Other Public Sector (15) and trade unions Other (90). Civil society
  is National NGO (22): the ficha does not say whether they work across borders. Partner countries
  taking part are Government (10).
- Sectors. Each of the registry's sectors goes to one OECD DAC 5-digit code (vocabulary 1), in
  equal shares; without a sector, 99810 "Sectors not specified", with a warning. The registry's
  own sectors go under the reporting organisation's vocabulary (99), with their names.
- Modality. Triangular is collaboration type 8, bilateral 1; regional SSC has no IATI
  collaboration type and states none. The default aid type is D02, other technical assistance:
  South-South cooperation exchanges capacities, not money.
- Status and dates. Activity status comes from the alliance phase: identification and design ->
  1 (Pipeline/identification), implementation and monitoring -> 2 (Implementation), evaluation
  -> 3 (Finalisation); an end year in the past -> 4 (Closed). Dates are years in the ficha,
  written as 1 January (start) and 31 December (end), actual when past, planned otherwise.
- What cannot be exported. IATI requires a start date, so initiatives without a start year are
  left out. The file says how many and where to see them (the validation page), and so does the
  response's X-IATI-Not-Exported header."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.utils import timezone
from lxml import etree

from registry.choices import ActorType, Modality, Phase, SegibRole
from registry.models import Country

# Activities read from the database, and written out, per step of the stream.
STREAM_CHUNK = 500
IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ORGANISATION_TYPE = {
    ActorType.PUBLIC_SECTOR: "10",
    ActorType.LOCAL_GOVERNMENT: "11",
    ActorType.PARLIAMENT: "15",
    ActorType.CIVIL_SOCIETY: "22",
    ActorType.INTERNATIONAL_COOPERATION: "40",
    ActorType.PRIVATE_SECTOR: "70",
    ActorType.ACADEMIA: "80",
    ActorType.TRADE_UNION: "90",
    ActorType.OTHER: "90",
}
ACTIVITY_STATUS = {
    Phase.IDENTIFICATION_DESIGN: "1",
    Phase.IMPLEMENTATION: "2",
    Phase.MONITORING: "2",
    Phase.EVALUATION: "3",
}
COLLABORATION_TYPE = {Modality.TRIANGULAR: "8", Modality.BILATERAL_SSC: "1"}
SDG_GOALS_VOCABULARY = "2"
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_EXTENDING, ROLE_IMPLEMENTING = "1", "2", "3", "4"
PROVIDER_ROLE = {SegibRole.PROVIDER: ROLE_EXTENDING, SegibRole.FIRST_PROVIDER: ROLE_EXTENDING, SegibRole.SECOND_PROVIDER: ROLE_FUNDING}
GOVERNMENT = "10"
# The registry's sectors (registry.reference_data.SECTORS) in the OECD DAC 5-digit vocabulary:
# the DAC code that names each as a whole ("policy and administrative management" where DAC has one).
DAC_SECTOR = {
    "tourism": "33210",  # Tourism policy and administrative management
    "social": "16010",  # Social Protection
    "governance": "15110",  # Public sector policy and administrative management
    "economic_development": "25010",  # Business policy and administration
    "environment": "41010",  # Environmental policy and administrative management
}
UNSPECIFIED_SECTOR = "99810"  # Sectors not specified
DAC_VOCABULARY, OWN_VOCABULARY = "1", "99"
AMERICA_REGIONAL = "298"  # OECD DAC region "America, regional"
TECHNICAL_ASSISTANCE = "D02"


def shares(count: int) -> list[str]:
    """`count` percentages as equal as two decimals allow, summing to exactly 100."""
    if count <= 0:
        return []
    if count == 1:
        return ["100"]
    each = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [str(each)] * (count - 1) + [str(Decimal(100) - each * (count - 1))]


@dataclass(frozen=True)
class Countries:
    """Who receives and who provides, as the export writes them."""

    recipients: list[str]
    providers: list[tuple[str, str]]  # (country code, IATI role)
    known: bool  # False: no partner has a role, the recipient is the region


def countries_of(initiative) -> Countries:
    links = list(initiative.country_links.all())
    reporting = initiative.institution.country_id
    recipients = [link.country_id for link in links if link.segib_role == SegibRole.RECIPIENT and link.country_id != reporting]
    providers = [(link.country_id, PROVIDER_ROLE[link.segib_role]) for link in links if link.segib_role in PROVIDER_ROLE]
    if not recipients and providers:
        recipients = [reporting]  # its partners provided: the reporting country received
    return Countries(list(dict.fromkeys(recipients)), providers, known=bool(recipients))


def _narrative(parent, text: str, language: str = "es") -> None:
    narrative = etree.SubElement(parent, "narrative")
    narrative.set(XML_LANG, language)
    narrative.text = text


def _status(initiative, year: int) -> str:
    if initiative.end_year and initiative.end_year < year:
        return "4"
    return ACTIVITY_STATUS.get(initiative.phase, "2")


def reporting_ref() -> str:
    return settings.IATI_REPORTING_ORG_REF


def activity_identifier(initiative) -> str:
    return f"{reporting_ref()}-ALIANZAS-{initiative.pk}"


def _participants(activity, initiative, countries: Countries, names: dict[str, str]) -> None:
    accountable = etree.SubElement(activity, "participating-org", role=ROLE_ACCOUNTABLE, type=GOVERNMENT)
    _narrative(accountable, initiative.institution.name)
    for code, role in countries.providers:
        _narrative(etree.SubElement(activity, "participating-org", role=role, type=GOVERNMENT), names.get(code, code))
    for participation in initiative.participations.all():
        organisation = etree.SubElement(
            activity, "participating-org", role=ROLE_IMPLEMENTING, type=ORGANISATION_TYPE[participation.actor_type]
        )
        _narrative(organisation, participation.organization.name)


def _dates(activity, initiative, year: int) -> None:
    start_type = "2" if initiative.start_year <= year else "1"
    etree.SubElement(activity, "activity-date", type=start_type, **{"iso-date": f"{initiative.start_year}-01-01"})
    if initiative.end_year:
        end_type = "4" if initiative.end_year < year else "3"
        etree.SubElement(activity, "activity-date", type=end_type, **{"iso-date": f"{initiative.end_year}-12-31"})


def _sectors(activity, initiative) -> None:
    sectors = list(initiative.sectors.all())
    codes = list(dict.fromkeys(DAC_SECTOR[sector.code] for sector in sectors if sector.code in DAC_SECTOR)) or [UNSPECIFIED_SECTOR]
    for code, share in zip(codes, shares(len(codes)), strict=True):
        etree.SubElement(activity, "sector", vocabulary=DAC_VOCABULARY, code=code, percentage=share)
    for sector, share in zip(sectors, shares(len(sectors)), strict=True):
        own = etree.SubElement(activity, "sector", vocabulary=OWN_VOCABULARY, code=sector.code, percentage=share)
        _narrative(own, sector.name_es)


def _activity(initiative, year: int, names: dict[str, str]):
    activity = etree.Element("iati-activity")
    activity.set("last-updated-datetime", initiative.updated_at.astimezone(UTC).isoformat(timespec="seconds"))
    activity.set(XML_LANG, "es")
    etree.SubElement(activity, "iati-identifier").text = activity_identifier(initiative)
    reporting = etree.SubElement(
        activity, "reporting-org", ref=reporting_ref(), type=settings.IATI_REPORTING_ORG_TYPE, **{"secondary-reporter": "1"}
    )
    _narrative(reporting, settings.IATI_REPORTING_ORG_NAME)
    _narrative(etree.SubElement(activity, "title"), initiative.name)
    _narrative(etree.SubElement(activity, "description", type="1"), initiative.objectives or initiative.name)
    countries = countries_of(initiative)
    _participants(activity, initiative, countries, names)
    etree.SubElement(activity, "activity-status", code=_status(initiative, year))
    _dates(activity, initiative, year)
    if countries.known:
        for code, share in zip(countries.recipients, shares(len(countries.recipients)), strict=True):
            etree.SubElement(activity, "recipient-country", code=code, percentage=share)
    else:
        etree.SubElement(activity, "recipient-region", code=AMERICA_REGIONAL, vocabulary="1", percentage="100")
    _sectors(activity, initiative)
    for goal in initiative.sdgs:
        etree.SubElement(activity, "tag", vocabulary=SDG_GOALS_VOCABULARY, code=str(goal))
    if collaboration := COLLABORATION_TYPE.get(initiative.modality):
        etree.SubElement(activity, "collaboration-type", code=collaboration)
    etree.SubElement(activity, "default-aid-type", code=TECHNICAL_ASSISTANCE, vocabulary="1")
    return activity


def not_exported(initiatives):
    """The initiatives IATI cannot take: without a start year (an activity needs a start date)."""
    return initiatives.filter(start_year__isnull=True)


def iati_stream(initiatives, *, validation_url: str = "") -> Iterator[bytes]:
    """The IATI file as it is written, a few hundred activities at a time: at 100,000 initiatives
    the whole tree would hold over a hundred megabytes, and the first byte would wait for the last
    activity. What is left out is counted first, so the file says so and where to see which."""
    year = timezone.localdate().year
    names = dict(Country.objects.values_list("iso2", "name_es"))
    skipped = not_exported(initiatives).count()
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    head = f'<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<iati-activities version="{IATI_VERSION}" generated-datetime="{generated}">\n'
    if skipped:
        where = f" They are listed at {validation_url}" if validation_url else ""
        head += f"  <!-- {skipped} published initiative(s) without a start year are not included.{where} -->\n"
    yield head.encode()
    batch = []
    for initiative in initiatives.filter(start_year__isnull=False).iterator(chunk_size=STREAM_CHUNK):
        activity = _activity(initiative, year, names)
        etree.indent(activity, space="  ", level=1)
        batch.append(b"  " + etree.tostring(activity, encoding="UTF-8") + b"\n")
        if len(batch) == STREAM_CHUNK:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch) + b"</iati-activities>\n"


def iati_activities(initiatives) -> bytes:
    return b"".join(iati_stream(initiatives))
