"""What a ficha still lacks before it can be submitted; drives the progress indicator."""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from registry.models import Initiative
from surveys.models import Ficha

BLOCK_REQUIRED = ("focal_point_name", "focal_point_email", "institutional_strengths", "institutional_weaknesses")
INITIATIVE_REQUIRED = ("name", "objectives", "focal_point_name", "focal_point_email", "justification")


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


def _label(model, field: str) -> str:
    return str(capfirst(model._meta.get_field(field).verbose_name))


def ficha_progress(ficha: Ficha, initiatives: list[Initiative]) -> Progress:
    """Counts answered questions; `initiatives` must come with their participations prefetched."""
    checks: list[tuple[bool, str]] = []
    for field in BLOCK_REQUIRED:
        checks.append((bool(getattr(ficha, field)), _("Institutional information: %(field)s") % {"field": _label(Ficha, field)}))
    checks.append(
        (ficha.wants_to_share is not None, _("Institutional information: %(field)s") % {"field": _label(Ficha, "wants_to_share")})
    )
    checks.append((bool(initiatives), _("At least one initiative")))
    for number, initiative in enumerate(initiatives, start=1):
        prefix = _("Initiative %(number)d") % {"number": number}
        for field in INITIATIVE_REQUIRED:
            checks.append((bool(getattr(initiative, field)), f"{prefix}: {_label(Initiative, field)}"))
        checks.append((len(initiative.participations.all()) > 0, f"{prefix}: {_label(Initiative, 'organizations')}"))
        checks.append((bool(initiative.results), f"{prefix}: {_label(Initiative, 'results')}"))
    missing = [label for ok, label in checks if not ok]
    return Progress(done=len(checks) - len(missing), total=len(checks), missing=missing)
