"""A person's data, found through every field the apps declared (registry.privacy.register):
exported as one JSON document, or erased everywhere in one transaction.

A person is known by their e-mail address. Their names are those that the records holding the
address give them (a ficha's focal point, an invitee, an account); a row that keeps only a name
(an attendee, a panelist) is theirs when the name is the same, accents, case and spacing aside.
Free texts and JSON documents (audit entries, what was read from a Word file) are searched for the
address and the names."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Q, TextField
from django.db.models.functions import Cast

from registry.audit import audit_record
from registry.models import AuditEntry
from registry.privacy import PersonalFields, pseudonym, pseudonymous_email, registered
from registry.text import accent_insensitive_pattern

# A single word ("Ana") would find too much; a person's name has at least two.
MIN_NAME_WORDS = 2


@dataclass
class Person:
    email: str
    names: set[str] = field(default_factory=set)

    def mentions(self) -> list[tuple[str, bool]]:
        """(pattern, is the address) for each way the person is written, longest first, so an
        address is replaced before a name inside it."""
        texts = sorted({self.email, *self.names}, key=len, reverse=True)
        return [(accent_insensitive_pattern(text), text == self.email) for text in texts]


def _as_text(name: str) -> str:
    return f"{name}__as_text"


def _rows(entry: PersonalFields, person: Person):
    """The entry's rows that hold the person: an address field equal to theirs, a name field equal
    to one of their names, or a text or document that mentions either."""
    queryset = entry.model._default_manager.all()
    if entry.documents:
        queryset = queryset.annotate(**{_as_text(name): Cast(name, TextField()) for name in entry.documents})
    query = Q(pk__in=[])
    for name in entry.emails:
        query |= Q(**{f"{name}__iexact": person.email})
    for pattern, _is_address in person.mentions():
        for name in entry.names:
            query |= Q(**{f"{name}__regex": rf"^\s*{pattern}\s*$"})
        for name in entry.texts:
            query |= Q(**{f"{name}__regex": pattern})
        for name in entry.documents:
            query |= Q(**{f"{_as_text(name)}__regex": pattern})
    return queryset.filter(query).order_by("pk")


def find_person(email: str) -> Person:
    """The person with this address and the names the registry gives them."""
    person = Person(email=email.strip())
    for entry in registered():
        if not entry.emails:
            continue
        only_address = Person(email=person.email)
        for row in _rows(entry, only_address):
            names = [getattr(row, name) for name in entry.names]
            if entry.full_name is not None:
                names.append(entry.full_name(row))
            person.names.update(" ".join((name or "").split()) for name in names)
    person.names = {name for name in person.names if len(name.split()) >= MIN_NAME_WORDS}
    return person


def _plain(value):
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _mentioned(value, person: Person) -> bool:
    text = str(value)
    return any(re.search(pattern, text) for pattern, _is_address in person.mentions())


def person_export(email: str) -> dict:
    """Everything held about the person with this address, as plain JSON values."""
    person = find_person(email)
    records = []
    for entry in registered():
        for row in _rows(entry, person):
            data = {name: getattr(row, name) for name in entry.emails + entry.names}
            data.update(
                (name, getattr(row, name)) for name in entry.texts + entry.documents if _mentioned(getattr(row, name), person)
            )
            records.append(
                {
                    "record": f"{entry.model._meta.label_lower} #{row.pk}",
                    "about": str(entry.context(row)),
                    "data": _plain(data),
                }
            )
    return {"email": person.email, "names": sorted(person.names), "records": records}


def _replaced(value, replacements: list[tuple[re.Pattern, str]]):
    if isinstance(value, str):
        for pattern, replacement in replacements:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, dict):
        return {_replaced(key, replacements): _replaced(item, replacements) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item, replacements) for item in value]
    return value


@dataclass
class Erasure:
    person: Person
    pseudonym: str
    records: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@transaction.atomic
def person_erase(email: str, *, by=None) -> Erasure:
    """Replace the person's name and address everywhere with a pseudonym, in one transaction;
    each changed record gets an audit entry that says so, without the erased values."""
    person = find_person(email)
    name_stand_in, email_stand_in = pseudonym(person.email), pseudonymous_email(person.email)
    erasure = Erasure(person=person, pseudonym=name_stand_in)
    replacements = [
        (re.compile(pattern), email_stand_in if is_address else name_stand_in) for pattern, is_address in person.mentions()
    ]
    for entry in registered():
        for row in _rows(entry, person):
            updates = {}
            for name in entry.emails:
                if (getattr(row, name) or "").casefold() == person.email.casefold():
                    updates[name] = email_stand_in
            for name in entry.names:
                if re.fullmatch(rf"\s*(?:{'|'.join(pattern for pattern, _a in person.mentions())})\s*", getattr(row, name) or ""):
                    updates[name] = name_stand_in
            for name in entry.texts + entry.documents:
                value = getattr(row, name)
                if (new := _replaced(value, replacements)) != value:
                    updates[name] = new
            if entry.on_erase is not None:
                updates.update(entry.on_erase(row, erasure))
            if not updates:
                continue
            if any(model_field.name == "version" for model_field in entry.model._meta.concrete_fields):
                # An editor who read the record before cannot save the old address back over it.
                updates["version"] = F("version") + 1
            entry.model._default_manager.filter(pk=row.pk).update(**updates)
            erasure.records.append(f"{entry.model._meta.label_lower} #{row.pk}")
            if entry.model is not AuditEntry:
                row.refresh_from_db()
                audit_record(
                    instance=row, action=AuditEntry.Action.ERASE, by=by, changes={"personal_data": ["…", name_stand_in]}
                )
    return erasure
