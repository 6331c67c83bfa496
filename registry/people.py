"""Where the registry app (and the contrib apps beneath it) keeps people: see registry.privacy."""

from django.contrib.admin.models import LogEntry
from django.contrib.auth.hashers import make_password

from registry.models import AuditEntry, Initiative, Organization, User
from registry.privacy import register


def _close_account(user: User, erasure) -> dict:
    """An account without its owner's address cannot be recovered or reached: it is closed."""
    if (user.email or "").casefold() != erasure.person.email.casefold():
        return {}
    user.auth_token_set.all().delete()
    erasure.notes.append(f"Account #{user.pk} closed: it can no longer sign in and its API tokens were revoked.")
    updates = {"first_name": erasure.pseudonym, "last_name": "", "is_active": False, "password": make_password(None)}
    if erasure.person.email.casefold() in user.username.casefold():
        updates["username"] = erasure.pseudonym
    return updates


def register_personal_fields() -> None:
    register(
        Initiative, names=("focal_point_name",), emails=("focal_point_email",),
        context=lambda initiative: f"Initiative “{initiative.name}” of {initiative.institution}",
    )
    register(
        User, emails=("email",), full_name=lambda user: user.get_full_name(), on_erase=_close_account,
        context=lambda user: f"Account “{user.username}”",
    )
    register(Organization, texts=("mentoring_contact",), context=lambda organization: f"Mentoring offer of {organization}")
    register(AuditEntry, texts=("object_repr",), documents=("changes",), context=lambda entry: f"Audit entry of {entry.at:%Y-%m-%d}")
    register(LogEntry, texts=("object_repr", "change_message"), context=lambda entry: f"Admin log of {entry.action_time:%Y-%m-%d}")
