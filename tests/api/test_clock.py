"""api.clock: the reader's zone as a table of offsets PostgreSQL applies to API lists."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from api.clock import offset_table


def period_of(table, moment: datetime) -> int:
    return max(index for index, start in enumerate(table.starts) if start <= moment)


def test_utc_is_one_period_written_z():
    table = offset_table(UTC)
    assert (table.seconds, table.suffixes) == ((0,), ("Z",))


def test_a_fixed_offset_without_a_zone_name_works_too():
    table = offset_table(timezone(timedelta(hours=-3)))
    assert (table.seconds, table.suffixes) == ((-10800,), ("-03:00",))


def test_lisbon_changes_clock_at_the_exact_second():
    table = offset_table(ZoneInfo("Europe/Lisbon"))
    change = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert change in table.starts
    before, after = period_of(table, change - timedelta(seconds=1)), period_of(table, change)
    assert (table.suffixes[before], table.suffixes[after]) == ("Z", "+01:00")


def test_paraguay_stays_on_minus_three_since_october_2024():
    table = offset_table(ZoneInfo("America/Asuncion"))
    assert table.starts[-1] == datetime(2024, 10, 6, 4, 0, tzinfo=UTC)
    assert table.suffixes[-1] == "-03:00"
    assert table.suffixes[period_of(table, datetime(2026, 7, 15, tzinfo=UTC))] == "-03:00"
