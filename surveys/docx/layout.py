"""The Word ficha's questions, in order, built from the models' fields. The writer prints them
(blank or answered) and the reader recognises them in every language we print, so a ficha we
hand out, or a filled one downloaded and corrected in Word, reads back without retyping."""

import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from registry.choices import INITIATIVE_TYPE_DESCRIPTIONS, InitiativeType
from registry.models import FICHA_INITIATIVE_FIELDS, Initiative
from registry.text import fold
from surveys.models import Ficha

# Printed in every blank ficha and read back to match an upload to its campaign.
CAMPAIGN_MARKER = "ALIANZAS-C{id}"
CAMPAIGN_MARKER_PATTERN = re.compile(r"ALIANZAS-C(\d{1,9})\b")


class Prefixes:
    """The first of several folded prefixes a text starts with, in one regular-expression match."""

    def __init__(self, entries: list[tuple[str, str]]):
        self.keys = [key for _prefix, key in entries]
        self.pattern = re.compile("|".join(f"({re.escape(prefix)})" for prefix, _key in entries))
        self.takes_initiative_headings = any(key == "initiative_heading" for key in self.keys)

    def key_for(self, folded: str) -> str | None:
        match = self.pattern.match(folded)
        return self.keys[match.lastindex - 1] if match else None


@dataclass(frozen=True)
class Question:
    key: str  # the reader's name for the answer (see surveys.docx.reader)
    label: str
    help: str = ""


def _field(model, name: str) -> tuple[str, str]:
    field = model._meta.get_field(name)
    return str(capfirst(field.verbose_name)), str(field.help_text or "")


# The questions whose answer is a person's name and address (registry.privacy).
CONTACT_KEYS = frozenset({"focal_point"})


def _privacy_help() -> str:
    return _("Seen only by the focal points of the countries and the PIFCSS technical unit. Privacy notice: %(url)s") % {
        "url": settings.SITE_URL.rstrip("/") + reverse("privacy")
    }


def block_questions() -> list[Question]:
    return [
        Question("country_institution", _("Country and institution completing the form")),
        Question("focal_point", _("Focal point: name and e-mail"), _privacy_help()),
        Question("institution_strengths", *_field(Ficha, "institutional_strengths")),
        Question("institution_weaknesses", *_field(Ficha, "institutional_weaknesses")),
        Question("wants_to_share", *_field(Ficha, "wants_to_share")),
    ]


def _type_help() -> str:
    label, help_text = _field(Initiative, "initiative_type")
    options = " ".join(f"{value} – {label}." for value, label in InitiativeType.choices)
    return f"{help_text} {options}"


# Fields of FICHA_INITIATIVE_FIELDS that Word shows in another field's answer.
FOLDED_INTO = {"initiative_type_other": "initiative_type", "focal_point_email": "focal_point_name"}


def initiative_questions() -> list[Question]:
    questions = []
    for name in FICHA_INITIATIVE_FIELDS:
        if name in FOLDED_INTO:
            continue
        if name == "initiative_type":
            questions.append(Question("initiative_type", _field(Initiative, name)[0], _type_help()))
        elif name == "focal_point_name":
            questions.append(Question("focal_point", _("Focal point of the initiative: name and e-mail"), _privacy_help()))
        else:
            questions.append(Question(name, *_field(Initiative, name)))
        if name == "objectives":
            questions.append(Question("actors", *_field(Initiative, "organizations")))
            questions.append(
                Question(
                    "other_countries",
                    _field(Initiative, "partner_countries")[0],
                    _("Write the names of the countries, one per line."),
                )
            )
    return questions


def initiative_heading(number: int) -> str:
    return _("Initiative information %(number)d") % {"number": number}


def type_descriptions() -> str:
    return " ".join(f"{value} – {label}: {INITIATIVE_TYPE_DESCRIPTIONS[value]}" for value, label in InitiativeType.choices)


@cache
def printed_labels() -> dict[str, str]:
    """Folded label -> reader key, for every language a ficha is printed in."""
    labels = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for question in (*block_questions(), *initiative_questions()):
                labels[fold(question.label)] = question.key
    return labels


@cache
def printed_headings():
    """The headings we print, as reader.Prefixes of "institution_heading" and "initiative_heading"."""
    headings = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            headings.append((fold(_("Institutional information")), "institution_heading"))
            headings.append((fold(initiative_heading(1)).removesuffix("1").strip(), "initiative_heading"))
    return Prefixes(headings)
