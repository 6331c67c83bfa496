"""Where the dialogues app keeps people: see registry.privacy."""

from dialogues.models import Attendance, Dialogue, FollowUpAction, Invitee, Panelist
from registry.privacy import register


def register_personal_fields() -> None:
    register(Invitee, names=("name",), emails=("email",), context=lambda invitee: f"Invited to “{invitee.dialogue}”")
    register(Attendance, names=("person",), context=lambda attendance: f"Attended “{attendance.dialogue}”")
    register(FollowUpAction, names=("owner",), context=lambda action: f"Follow-up action of “{action.dialogue}”")
    register(
        Dialogue, texts=("facilitator_notes", "questions_asked"), context=lambda dialogue: f"Notes of “{dialogue}”"
    )
    register(Panelist, names=("person",), context=lambda panelist: f"Panelist of “{panelist.seminar}”")
