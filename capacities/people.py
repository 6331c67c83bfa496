"""Where the board keeps people: see registry.privacy. Messages may name or sign a person."""

from capacities.models import Reply
from registry.privacy import register


def register_personal_fields() -> None:
    register(Reply, texts=("body",), context=lambda reply: f"Message about “{reply.need or reply.offer}”")
