"""Whose clock a time is shown on. Times are stored in UTC; a person sees them in the zone they
chose, else in their country's capital's, else in UTC."""

import zoneinfo
from datetime import datetime
from functools import cache

from django.conf import settings

# The capitals of the Ibero-American countries: a focal point's default clock.
CAPITAL_TIME_ZONES = {
    "AD": "Europe/Andorra",
    "AR": "America/Argentina/Buenos_Aires",
    "BO": "America/La_Paz",
    "BR": "America/Sao_Paulo",  # Brasília keeps São Paulo's time
    "CL": "America/Santiago",
    "CO": "America/Bogota",
    "CR": "America/Costa_Rica",
    "CU": "America/Havana",
    "DO": "America/Santo_Domingo",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "GT": "America/Guatemala",
    "HN": "America/Tegucigalpa",
    "MX": "America/Mexico_City",
    "NI": "America/Managua",
    "PA": "America/Panama",
    "PE": "America/Lima",
    "PT": "Europe/Lisbon",
    "PY": "America/Asuncion",
    "SV": "America/El_Salvador",
    "UY": "America/Montevideo",
    "VE": "America/Caracas",
}


@cache
def available_zones() -> list[str]:
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def zone_for_country(country_code: str | None) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(CAPITAL_TIME_ZONES.get(country_code or "", settings.TIME_ZONE))


def zone_for_user(user) -> zoneinfo.ZoneInfo:
    if getattr(user, "time_zone", ""):
        try:
            return zoneinfo.ZoneInfo(user.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    institution = getattr(user, "institution", None) if getattr(user, "is_authenticated", False) else None
    return zone_for_country(institution.country_id if institution else None)


def local_time(moment: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def zone_or_utc(name: str) -> zoneinfo.ZoneInfo:
    """A zone by its name (a stored report job's), UTC when the name is not a zone."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
