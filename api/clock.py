"""A reader's clock as data PostgreSQL can apply: the instants at which the zone's UTC offset
changes, with the offset after each, as Python's zoneinfo knows them.

PostgreSQL could convert times itself (AT TIME ZONE), but with its own copy of the time zone
database, which lags behind: the embedded server still puts Paraguay on summer time, abolished
in October 2024. Times in API lists must read exactly as in the detail, which Python renders."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache

# Times in the registry are written by the server (created, submitted, published...), so they
# fall well inside this span; before it the first offset holds, after it the last one.
SPAN_START = datetime(1970, 1, 1, tzinfo=UTC)
SPAN_END = datetime(2100, 1, 1, tzinfo=UTC)
EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class OffsetTable:
    """From each instant in `starts` on, until the next, local time is UTC plus `seconds`, written
    `suffixes` at the end of an ISO 8601 time ("Z", "-03:00")."""

    starts: tuple[datetime, ...]
    seconds: tuple[int, ...]
    suffixes: tuple[str, ...]


def iso_suffix(moment: datetime) -> str:
    """The end DRF's DateTimeField writes after the seconds: Z for UTC, else the offset."""
    suffix = moment.replace(microsecond=0).isoformat()[19:]
    return "Z" if suffix == "+00:00" else suffix


def _offset(zone: tzinfo, moment: datetime) -> timedelta:
    return moment.astimezone(zone).utcoffset()


def _first_change(zone: tzinfo, before: datetime, after: datetime) -> datetime:
    """The first second after `before` whose offset is the one at `after` (bisection)."""
    target = _offset(zone, after)
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        middle = middle.replace(microsecond=0)
        if _offset(zone, middle) == target:
            after = middle
        else:
            before = middle
    return after


@lru_cache(maxsize=64)
def offset_table(zone: tzinfo) -> OffsetTable:
    """Built once per zone and process, walking the span a week at a time (about 15 ms): offsets
    that change and change back within a week are not worth a slower walk."""
    starts, offsets = [EARLIEST], [_offset(zone, SPAN_START)]
    day, step = SPAN_START, timedelta(days=7)
    while day < SPAN_END:
        following = day + step
        if _offset(zone, following) != offsets[-1]:
            starts.append(_first_change(zone, day, following))
            offsets.append(_offset(zone, following))
        day = following
    return OffsetTable(
        starts=tuple(starts),
        seconds=tuple(int(offset.total_seconds()) for offset in offsets),
        suffixes=tuple(iso_suffix(max(start, SPAN_START).astimezone(zone)) for start in starts),
    )
