"""What a ficha still lacks before it can be submitted; drives the progress indicator."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from registry import ficha
from registry.models import Initiative
from surveys.models import Ficha

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


def answered(question: ficha.Question, record) -> bool:
    """Whether a saved ficha or initiative answers a declared question; `record` comes with its
    participations and country links prefetched."""
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


def ficha_progress(ficha_record: Ficha, initiatives: list[Initiative]) -> Progress:
    """Counts the answered questions that are required to submit (registry.ficha)."""
    checks: list[tuple[bool, str]] = []
    block = _("Institutional information")
    for question in ficha.block_questions():
        if question.required:
            checks.append((answered(question, ficha_record), f"{block}: {question.verbose_label}"))
    checks.append((bool(initiatives), _("At least one initiative")))
    for number, initiative in enumerate(initiatives, start=1):
        prefix = _("Initiative %(number)d") % {"number": number}
        for question in ficha.initiative_questions():
            if question.required:
                checks.append((answered(question, initiative), f"{prefix}: {question.verbose_label}"))
    missing = [label for ok, label in checks if not ok]
    return Progress(done=len(checks) - len(missing), total=len(checks), missing=missing)
