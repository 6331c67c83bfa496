"""Where the training app keeps people: see registry.privacy."""

from registry.privacy import register
from training.models import Participant


def register_personal_fields() -> None:
    register(Participant, names=("name",), emails=("email",), context=lambda participant: f"Participant of “{participant.workshop}”")
