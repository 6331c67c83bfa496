"""The Word ficha's questions, in order, built from the models' fields. The writer prints them
(blank or answered) and the reader recognises them in every language we print, so a ficha we
hand out, or a filled one downloaded and corrected in Word, reads back without retyping."""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from registry.choices import INITIATIVE_TYPE_DESCRIPTIONS, ContributionKind, InitiativeType
from registry import ficha
from registry.text import fold
from surveys.models import QuestionKind
from surveys.questionnaire import AddedQuestion, Questions, core

# Printed in every blank ficha and read back to match an upload to its campaign.
CAMPAIGN_MARKER = "ALIANZAS-C{id}"
CAMPAIGN_MARKER_PATTERN = re.compile(r"ALIANZAS-C(\d{1,9})\b")


# After a label given whole ("Nombre", "Países"): nothing but a colon, a question mark, a slash or
# a parenthesis ("Nombre:", "Fortalezas (hasta 3)"); "Nombre del punto focal" is another question.
# "Actores – tipo": the actors' label with what it asks of each after a dash.
WHOLE_LABEL_END = r"(?=\s*(?:[:?(/]|[–—-]\s*tipos?\b|$))"  # "/": a label and its translation ("Strengths / Fortalezas")
# Labels are looked up by their first characters, then by one pattern of the few sharing them:
# one pattern of all of them (a hundred alternatives) made every line of a file dearer to read.
BUCKET = 3


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    end: int  # where the label ends in the text
    words: int  # how many words of the label were matched
    line_only: bool  # never followed by its answer on the same line (registry.ficha line_labels)


class Prefixes:
    """The longest of several folded prefixes a text starts with; those in `whole` (and
    `line_only`) only as the whole label (WHOLE_LABEL_END)."""

    def __init__(
        self, entries: list[tuple[str, str]], whole: frozenset[str] = frozenset(), line_only: frozenset[str] = frozenset()
    ):
        buckets: dict[str, list[tuple[str, str]]] = {}
        for prefix, key in entries:
            buckets.setdefault(prefix[:BUCKET], []).append((prefix, key))
        self.buckets = {}
        for start, bucket in buckets.items():
            # Longest first: "países" is another question than "país", "tipo/s de actor" than "tipo".
            bucket.sort(key=lambda entry: -len(entry[0]))
            pattern = re.compile(
                "|".join(f"({re.escape(prefix)}{WHOLE_LABEL_END if prefix in whole | line_only else ''})" for prefix, _key in bucket)
            )
            self.buckets[start] = (pattern, [(key, prefix in line_only) for prefix, key in bucket])
        self.takes_initiative_headings = any(key == "initiative_heading" for _prefix, key in entries)

    def find(self, folded: str) -> Label | None:
        bucket = self.buckets.get(folded[:BUCKET])
        if bucket is None or (match := bucket[0].match(folded)) is None:
            return None
        key, line_only = bucket[1][match.lastindex - 1]
        return Label(key, match.end(), len(match.group(0).split()), line_only)

    def key_for(self, folded: str) -> str | None:
        # The most frequent question, asked of every line: no Label built for it.
        bucket = self.buckets.get(folded[:BUCKET])
        if bucket is None or (match := bucket[0].match(folded)) is None:
            return None
        return bucket[1][match.lastindex - 1][0]


@dataclass(frozen=True)
class Question:
    """A question as Word prints it: a declared question of registry.ficha, with its label and
    the help printed under it."""

    key: str  # the reader's name for the answer (see surveys.docx.reader)
    label: str
    help: str = ""
    declared: ficha.Question | AddedQuestion | None = None


def _privacy_help() -> str:
    return _("Seen only by the focal points of the countries and the PIFCSS technical unit. Privacy notice: %(url)s") % {
        "url": settings.SITE_URL.rstrip("/") + reverse("privacy")
    }


def _type_help(question: ficha.Question) -> str:
    options = " ".join(f"{value} – {label}." for value, label in InitiativeType.choices)
    return f"{question.help_text} {options}"


def _added_help(question: AddedQuestion) -> str:
    """How to answer an added question in Word, after its own help."""
    match question.kind:
        case QuestionKind.ONE_CHOICE:
            how = _("Tick one option.")
        case QuestionKind.SEVERAL_CHOICES:
            how = _("Tick every option that applies.")
        case QuestionKind.YES_OR_NO:
            how = _("Yes or No.")
        case QuestionKind.YEAR:
            how = _("A year, e.g. 2024.")
        case QuestionKind.NUMBER:
            how = _("A number.")
        case QuestionKind.ITEMS:
            how = _("Up to %(max)d items, one per line.") % {"max": question.max_items or 1}
        case QuestionKind.COUNTRY_LIST:
            how = _("Write the names of the countries, one per line.")
        case QuestionKind.CONTRIBUTIONS:
            how = _(
                "One contribution per line: the actor, as in the list of actors – what it brings (%(kinds)s) – what it is – "
                "for money, the amount, its currency and year. E.g. Universidad X – %(example)s – scholarships – 20000 USD 2025."
            ) % {"kinds": ", ".join(str(label) for label in ContributionKind.labels), "example": ContributionKind.FINANCIAL.label}
        case _:
            how = ""
    return " ".join(filter(None, [question.help_text, how]))


def _printed(question) -> Question:
    if getattr(question, "added", False):
        help_text = _added_help(question)
    elif question.kind == ficha.Kind.INITIATIVE_TYPE:
        help_text = _type_help(question)
    elif question.is_personal:
        help_text = _privacy_help()
    else:
        help_text = question.help_text
    return Question(question.key, question.verbose_label, help_text, question)


def block_questions(questions: Questions | None = None) -> list[Question]:
    return [_printed(question) for question in (questions or core()).block]


def initiative_questions(questions: Questions | None = None) -> list[Question]:
    return [_printed(question) for question in (questions or core()).initiative]


def initiative_heading(number: int) -> str:
    return _("Initiative information %(number)d") % {"number": number}


def type_descriptions() -> str:
    return " ".join(f"{value} – {label}: {INITIATIVE_TYPE_DESCRIPTIONS[value]}" for value, label in InitiativeType.choices)


def printed_labels(questions: Questions | None = None) -> dict[str, str]:
    """Folded label -> reader key, for every language a ficha is printed in: the core ficha's
    (every one of them, even those a campaign leaves out, so an older form still reads) and the
    labels the campaign's added questions were written with."""
    labels = dict(_printed_labels(tuple(q.key for q in (*ficha.block_questions(), *ficha.initiative_questions()))))
    for question in (questions or core()).added:
        labels.update({fold(label).strip("¿¡ .:*?"): question.key for label in question.every_label})
    return labels


@lru_cache(maxsize=8)
def _printed_labels(keys: tuple[str, ...]) -> dict[str, str]:
    # Keyed by the declared questions, so another declaration (a campaign's, a test's) is read too.
    labels = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for question in (*block_questions(), *initiative_questions()):
                labels[fold(question.label)] = question.key
    return labels


def printed_helps(questions: Questions | None = None) -> frozenset[str]:
    """The help printed under each label (the campaign's added questions' too), folded, in every
    language we print: it shares the label's cell, and is no answer."""
    questions = questions or core()
    # An added question's help may be edited while its campaign runs: its text is part of the name.
    name = (tuple(q.key for q in questions.block), tuple(q.key for q in questions.initiative), tuple(q.help_text for q in questions.added))
    if name not in _PRINTED_HELPS:
        helps = set()
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                helps.update(fold(question.help) for question in (*block_questions(questions), *initiative_questions(questions)))
        if len(_PRINTED_HELPS) > 32:
            _PRINTED_HELPS.clear()
        _PRINTED_HELPS[name] = frozenset(helps - {""})
    return _PRINTED_HELPS[name]


# By the questions' keys: a campaign's questions are read for every file uploaded to it.
_PRINTED_HELPS: dict[tuple, frozenset[str]] = {}


@cache
def printed_headings():
    """The headings we print, as reader.Prefixes of "institution_heading" and "initiative_heading"."""
    headings = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            headings.append((fold(_("Institutional information")), "institution_heading"))
            headings.append((fold(initiative_heading(1)).removesuffix("1").strip(), "initiative_heading"))
    return Prefixes(headings)
