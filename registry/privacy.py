"""People's names and e-mail addresses: who may read them, and where they are kept.

Brazil's LGPD, Colombia's Ley 1581 and Spain's GDPR apply to the registry's users. Contacts exist
so that countries can meet in dialogues: focal points and the technical unit read them; anonymous
visitors and analysts never do, in any page, API format or file.

Each app declares the fields where it keeps people (`register`), so that `manage.py personal_data`
can export or erase a person everywhere without the registry importing the apps above it."""

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings


def may_see_contacts(user) -> bool:
    """Signed-in focal points and the technical unit; never analysts nor anonymous visitors."""
    return bool(user is not None and user.is_authenticated and (user.is_technical_unit or user.is_focal_point))


@dataclass(frozen=True)
class PersonalFields:
    """Where a model keeps people. `names` and `emails` hold nothing but a person's name or
    address; `texts` and `documents` (JSON) may mention one among other things. `full_name` gives
    the name of a row whose name is split in several fields (an account). `context` says what the
    record is, for the person asking for their data; `on_erase(row, erasure)` returns the further
    updates an erasure needs (an account closed, a stored file removed)."""

    model: type
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    full_name: Callable[[object], str] | None = None
    context: Callable[[object], str] = str
    on_erase: Callable[[object, object], dict] | None = None


_REGISTRY: list[PersonalFields] = []


def register(model, **declaration) -> None:
    """Called by each app when it is ready (AppConfig.ready)."""
    if not any(entry.model is model for entry in _REGISTRY):
        _REGISTRY.append(PersonalFields(model=model, **declaration))


def registered() -> list[PersonalFields]:
    return list(_REGISTRY)


def pseudonym(email: str) -> str:
    """A stable stand-in for an erased person, so the audit trail still tells one person's
    changes apart from another's without saying who they were. Keyed with the secret key: the
    same address cannot be hashed by someone else to find it."""
    digest = hmac.new(settings.SECRET_KEY.encode(), email.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"person-{digest[:12]}"


def pseudonymous_email(email: str) -> str:
    # .invalid is reserved (RFC 2606): nothing can ever be delivered there.
    return f"{pseudonym(email)}@erased.invalid"
