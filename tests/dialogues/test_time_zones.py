"""Times are stored in UTC and shown on each person's clock. The seven capitals of the report's
countries must be right on both sides of their daylight-saving changes."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from registry.timezones import local_time, zone_for_country, zone_for_user

CAPITALS = {"ES": "Madrid", "PT": "Lisbon", "MX": "Mexico City", "CO": "Bogotá", "CL": "Santiago", "AR": "Buenos Aires", "BR": "São Paulo"}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 2026-03-28 15:00 UTC: Europe still on winter time, Chile still on summer time (UTC-3).
        (datetime(2026, 3, 28, 15, 0, tzinfo=UTC), {"ES": "16:00", "PT": "15:00", "MX": "09:00", "CO": "10:00", "CL": "12:00", "AR": "12:00", "BR": "12:00"}),
        # 2026-03-30 15:00 UTC: Europe moved to summer time on the 29th (Madrid UTC+2, Lisbon UTC+1).
        (datetime(2026, 3, 30, 15, 0, tzinfo=UTC), {"ES": "17:00", "PT": "16:00", "MX": "09:00", "CO": "10:00", "CL": "12:00", "AR": "12:00", "BR": "12:00"}),
        # 2026-04-06 15:00 UTC: Chile went back to winter time (UTC-4) on 5 April.
        (datetime(2026, 4, 6, 15, 0, tzinfo=UTC), {"ES": "17:00", "PT": "16:00", "MX": "09:00", "CO": "10:00", "CL": "11:00", "AR": "12:00", "BR": "12:00"}),
        # 2026-10-26 15:00 UTC: Europe back on winter time since the 25th.
        (datetime(2026, 10, 26, 15, 0, tzinfo=UTC), {"ES": "16:00", "PT": "15:00", "MX": "09:00", "CO": "10:00", "CL": "12:00", "AR": "12:00", "BR": "12:00"}),
        # 2026-09-07 15:00 UTC, Chile on summer time since 6 September (UTC-3); Mexico has had no DST since 2022.
        (datetime(2026, 9, 7, 15, 0, tzinfo=UTC), {"ES": "17:00", "PT": "16:00", "MX": "09:00", "CO": "10:00", "CL": "12:00", "AR": "12:00", "BR": "12:00"}),
        (datetime(2026, 9, 5, 15, 0, tzinfo=UTC), {"ES": "17:00", "PT": "16:00", "MX": "09:00", "CO": "10:00", "CL": "11:00", "AR": "12:00", "BR": "12:00"}),
    ],
)
def test_the_seven_capitals_read_the_right_local_time_across_daylight_saving(moment, expected):
    assert {code: local_time(moment, zone_for_country(code)).strftime("%H:%M") for code in CAPITALS} == expected


def test_a_person_sees_their_own_zone_else_their_capitals(focal_cr, curator):
    assert zone_for_user(focal_cr) == ZoneInfo("America/Costa_Rica")
    focal_cr.time_zone = "Europe/Madrid"
    assert zone_for_user(focal_cr) == ZoneInfo("Europe/Madrid")
    assert zone_for_user(curator) == ZoneInfo("UTC")
