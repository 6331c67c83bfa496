"""Calendar invitations for dialogues (RFC 5545/5546 through the icalendar library).

Every message about one dialogue carries the same UID and a growing SEQUENCE, so calendar programs
update the event they already have when it is rescheduled and remove it when it is cancelled.
Times are written in UTC, which every calendar converts to its owner's zone."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from dialogues.models import Dialogue

PRODUCT_ID = "-//PIFCSS//Alianzas//ES"


def event_uid(dialogue: Dialogue) -> str:
    return f"dialogue-{dialogue.uid}@alianzas.pifcss"


def calendar_address(email: str, name: str = "") -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = vText(name)
    return address


def organizer() -> vCalAddress:
    """PIFCSS, at the address the platform sends from."""
    return calendar_address(settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip(), "PIFCSS")


def dialogue_calendar(dialogue: Dialogue, *, cancel: bool = False, starts_at: datetime | None = None) -> bytes:
    """The invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL); `starts_at` names the
    time being cancelled when the dialogue no longer has one (postponed)."""
    starts_at = starts_at or dialogue.starts_at
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", event_uid(dialogue))
    event.add("sequence", dialogue.sequence)
    event.add("dtstamp", datetime.now(UTC))
    if starts_at is not None:
        event.add("dtstart", starts_at.astimezone(UTC))
        event.add("dtend", starts_at.astimezone(UTC) + timedelta(minutes=dialogue.duration_minutes))
    event.add("summary", dialogue.title)
    description = "\n\n".join(part for part in (dialogue.agenda, dialogue.video_link) if part)
    if description:
        event.add("description", description)
    if dialogue.video_link:
        event.add("location", dialogue.video_link)
        event.add("url", dialogue.video_link)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("organizer", organizer())
    for invitee in dialogue.invitees.all():
        event.add("attendee", calendar_address(invitee.email, invitee.name))
    calendar.add_component(event)
    return calendar.to_ical()
