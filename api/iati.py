"""Published initiatives as IATI 2.03 activities, so the data can travel to IATI tools.

Crosswalk from the ficha's actor types to IATI's OrganisationType codelist. Trade unions and
parliaments have no IATI code of their own: parliaments are "Other Public Sector" (15) and trade
unions "Other" (90). Civil society organisations are "National NGO" (22): the ficha does not say
whether they work across borders. Every actor is a participating organisation with role 4
(Implementing); the reporting institution is role 2 (Accountable).

Activity status from the alliance phase: identification and design -> 1 (Pipeline/identification),
implementation and monitoring -> 2 (Implementation), evaluation -> 3 (Finalisation); an end year
in the past -> 4 (Closed). Dates are years in the ficha, written as 1 January (start) and
31 December (end). IATI requires at least one activity date: initiatives without a start year are
left out, and the document says how many in a comment."""

from collections.abc import Iterator
from datetime import UTC, datetime

from django.utils import timezone
from lxml import etree

from registry.choices import ActorType, Modality, Phase

# Activities read from the database, and written out, per step of the stream.
STREAM_CHUNK = 500
IATI_VERSION = "2.03"
IDENTIFIER_PREFIX = "XM-PIFCSS-ALIANZAS-"
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
TRIANGULAR_COLLABORATION = "8"
SDG_GOALS_VOCABULARY = "2"
ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "2", "4"


def _narrative(parent, text: str, language: str = "es") -> None:
    narrative = etree.SubElement(parent, "narrative")
    narrative.set(XML_LANG, language)
    narrative.text = text


def _status(initiative, year: int) -> str:
    if initiative.end_year and initiative.end_year < year:
        return "4"
    return ACTIVITY_STATUS.get(initiative.phase, "2")


def _activity(initiative, year: int):
    activity = etree.Element("iati-activity")
    activity.set("last-updated-datetime", initiative.updated_at.astimezone(UTC).isoformat(timespec="seconds"))
    activity.set(XML_LANG, "es")
    etree.SubElement(activity, "iati-identifier").text = f"{IDENTIFIER_PREFIX}{initiative.pk}"
    reporting = etree.SubElement(activity, "reporting-org", ref="XM-PIFCSS", type="40")
    _narrative(reporting, "Programa Iberoamericano para el Fortalecimiento de la Cooperación Sur-Sur (PIFCSS)")
    _narrative(etree.SubElement(activity, "title"), initiative.name)
    _narrative(etree.SubElement(activity, "description", type="1"), initiative.objectives or initiative.name)
    accountable = etree.SubElement(activity, "participating-org", role=ROLE_ACCOUNTABLE, type="10")
    _narrative(accountable, initiative.institution.name)
    for participation in initiative.participations.all():
        organisation = etree.SubElement(
            activity,
            "participating-org",
            role=ROLE_IMPLEMENTING,
            type=ORGANISATION_TYPE[participation.actor_type],
        )
        _narrative(organisation, participation.organization.name)
    etree.SubElement(activity, "activity-status", code=_status(initiative, year))
    start_type = "2" if initiative.start_year <= year else "1"
    etree.SubElement(activity, "activity-date", type=start_type, **{"iso-date": f"{initiative.start_year}-01-01"})
    if initiative.end_year:
        end_type = "4" if initiative.end_year < year else "3"
        etree.SubElement(activity, "activity-date", type=end_type, **{"iso-date": f"{initiative.end_year}-12-31"})
    countries = [initiative.institution.country_id] + [link.country_id for link in initiative.country_links.all()]
    for code in dict.fromkeys(countries):
        etree.SubElement(activity, "recipient-country", code=code)
    for goal in initiative.sdgs:
        etree.SubElement(activity, "tag", vocabulary=SDG_GOALS_VOCABULARY, code=str(goal))
    if initiative.modality == Modality.TRIANGULAR:
        etree.SubElement(activity, "collaboration-type", code=TRIANGULAR_COLLABORATION)
    return activity


def iati_stream(initiatives) -> Iterator[bytes]:
    """The IATI file as it is written, a few hundred activities at a time: at 100,000 initiatives
    the whole tree would hold over a hundred megabytes, and the first byte would wait for the last
    activity. What is left out (no start year) is counted first, so the file still says so."""
    year = timezone.localdate().year
    skipped = initiatives.filter(start_year__isnull=True).count()
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    head = f'<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<iati-activities version="{IATI_VERSION}" generated-datetime="{generated}">\n'
    if skipped:
        head += f"  <!-- {skipped} published initiative(s) without a start year are not included. -->\n"
    yield head.encode()
    batch = []
    for initiative in initiatives.filter(start_year__isnull=False).iterator(chunk_size=STREAM_CHUNK):
        activity = _activity(initiative, year)
        etree.indent(activity, space="  ", level=1)
        batch.append(b"  " + etree.tostring(activity, encoding="UTF-8") + b"\n")
        if len(batch) == STREAM_CHUNK:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch) + b"</iati-activities>\n"


def iati_activities(initiatives) -> bytes:
    return b"".join(iati_stream(initiatives))
