"""What a ficha still lacks before it can be submitted; drives the progress indicator."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registry import ficha
from registry.choices import InitiativeType
from registry.models import Initiative
from surveys.contributions import submission_problems
from surveys.models import Ficha, QuestionKind
from surveys.questionnaire import Questions, ficha_questions, is_answered


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    missing: list[str]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def complete(self) -> bool:
        return not self.missing


def answered(question, record) -> bool:
    """Whether a saved ficha or initiative answers a question; `record` comes with its
    participations and country links prefetched, and an initiative with its `entry_answers`
    (surveys.selectors.ficha_initiatives)."""
    if getattr(question, "added", False):
        return is_answered(added_answers_of(record).get(question.key))
    values = [getattr(record, name) for name in question.fields]
    match question.kind:
        case ficha.Kind.ACTORS:
            return len(record.participations.all()) > 0
        case ficha.Kind.COUNTRIES:
            return len(record.country_links.all()) > 0
        case ficha.Kind.YES_NO | ficha.Kind.INITIATIVE_TYPE:
            return values[0] is not None
        case ficha.Kind.INSTITUTION:
            return record.institution_id is not None
    return all(bool(value) for value in values)


def added_answers_of(record) -> dict:
    """The answers to the added questions: a ficha's own, or an initiative's on this ficha."""
    if isinstance(record, Ficha):
        return record.answers or {}
    return getattr(record, "entry_answers", None) or {}


def over_the_limits(initiative: Initiative, questions: Questions) -> list[str]:
    """What a draft may keep but a submitted initiative may not: more items than the ficha asks
    for, type 4 without its kind, a contribution of an actor the initiative does not list."""
    problems = []
    for question in questions.initiative:
        if question.kind in (ficha.Kind.LIST, QuestionKind.ITEMS):
            if getattr(question, "added", False):
                count = len(added_answers_of(initiative).get(question.key) or [])
            else:
                count = len(getattr(initiative, question.fields[0]) or [])
            if count > question.max_items:
                problems.append(
                    ngettext(
                        "%(question)s: at most %(max)d item, %(count)d given.",
                        "%(question)s: at most %(max)d items, %(count)d given.",
                        question.max_items,
                    )
                    % {"question": question.verbose_label, "max": question.max_items, "count": count}
                )
        elif question.kind == ficha.Kind.INITIATIVE_TYPE:
            number, other = (getattr(initiative, name) for name in question.fields)
            if number == InitiativeType.OTHER and not other:
                problems.append(_("Specify the kind of initiative when its type is 4 (Other)."))
        elif question.kind == QuestionKind.CONTRIBUTIONS:
            actors = [participation.organization.name for participation in initiative.participations.all()]
            problems.extend(submission_problems(question, added_answers_of(initiative).get(question.key), actors))
    return problems


def initiative_problems(initiative: Initiative, questions: Questions) -> list[str]:
    """What this initiative still needs before its ficha can be submitted."""
    missing = [
        _("Missing: %(question)s") % {"question": question.verbose_label}
        for question in questions.initiative
        if question.required and not answered(question, initiative)
    ]
    return missing + over_the_limits(initiative, questions)


def block_problems(ficha_record: Ficha) -> list[str]:
    return [
        _("Missing: %(question)s") % {"question": question.verbose_label}
        for question in ficha_questions(ficha_record).block
        if question.required and not answered(question, ficha_record)
    ]


def ficha_progress(ficha_record: Ficha, initiatives: list[Initiative]) -> Progress:
    """Counts the answered questions that are required to submit, as the campaign asks them."""
    questions = ficha_questions(ficha_record)
    checks: list[tuple[bool, str]] = []
    block = _("Institutional information")
    for question in questions.block:
        if question.required:
            checks.append((answered(question, ficha_record), f"{block}: {question.verbose_label}"))
    checks.append((bool(initiatives), _("At least one initiative")))
    for number, initiative in enumerate(initiatives, start=1):
        prefix = _("Initiative %(number)d") % {"number": number}
        for question in questions.initiative:
            if question.required:
                checks.append((answered(question, initiative), f"{prefix}: {question.verbose_label}"))
        checks.extend((False, f"{prefix}: {problem}") for problem in over_the_limits(initiative, questions))
    missing = [label for ok, label in checks if not ok]
    return Progress(done=len(checks) - len(missing), total=len(checks), missing=missing)
