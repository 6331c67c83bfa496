"""The registry in the shape of SEGIB's SIDICSS records: one row per initiative and partner
country, with the partner's SEGIB role, the modality, the SEGIB instrument, SEGIB sector and area,
SDGs and years. docs/sidicss.md documents each column. Published initiatives only, as every
report; an initiative with no other country gives one row with the partner columns empty."""

from collections.abc import Callable

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from registry.choices import InitiativeType, Modality, SegibRole, choice_labels
from registry.models import InitiativeCountry, Sector
from reports.excel import _append, _sheet

# SEGIB's instruments from the ficha's types: a coordination space (a standing table or network)
# frames several actions and projects, as a SEGIB program does; "Other" is not classified.
INSTRUMENT = {
    InitiativeType.ACTION: "action",
    InitiativeType.PROJECT: "project",
    InitiativeType.COORDINATION_SPACE: "program",
}
INSTRUMENT_LABELS = {"action": gettext_lazy("Action"), "project": gettext_lazy("Project"), "program": gettext_lazy("Program")}
CHUNK = 500


def columns() -> list[tuple[str, int]]:
    return [
        (_("Initiative") + " ID", 10), (_("Initiative"), 50), (_("Reporting country"), 18), (_("Partner country"), 18),
        (_("Partner's SEGIB role"), 18), (_("Modality"), 24), (_("SEGIB instrument"), 14), (_("SEGIB sector"), 36),
        (_("SEGIB area"), 30), (_("SDGs"), 12), (_("Start year"), 10), (_("End year"), 10),
    ]


def sidicss_rows(initiatives):
    roles, modalities = choice_labels(SegibRole), choice_labels(Modality)
    sectors = Sector.objects.select_related("segib_sector__area")
    initiatives = initiatives.prefetch_related(None).select_related("institution__country").prefetch_related(
        Prefetch("sectors", queryset=sectors), Prefetch("country_links", queryset=InitiativeCountry.objects.select_related("country").order_by("pk")),
    ).order_by("pk")
    for initiative in initiatives.iterator(chunk_size=CHUNK):
        segib = list(dict.fromkeys(sector.segib_sector for sector in initiative.sectors.all() if sector.segib_sector))
        instrument = INSTRUMENT.get(initiative.initiative_type)
        common = [
            str(INSTRUMENT_LABELS[instrument]) if instrument else "",
            "; ".join(sector.name for sector in segib),
            "; ".join(dict.fromkeys(sector.area.name for sector in segib)),
            ", ".join(str(goal) for goal in initiative.sdgs),
            initiative.start_year, initiative.end_year,
        ]
        links = list(initiative.country_links.all()) or [None]
        for link in links:
            yield [
                initiative.pk, initiative.name, initiative.institution.country.name,
                link.country.name if link else "", str(roles.get(link.segib_role, "")) if link and link.segib_role else "",
                str(modalities.get(initiative.modality, "")) if initiative.modality else "", *common,
            ]


def write_sidicss(handle, initiatives, *, progress: Callable[[int], None] | None = None) -> int:
    """The workbook to a binary file object; returns how many rows."""
    workbook = Workbook(write_only=True)
    titles, widths = zip(*columns(), strict=True)
    sheet = _sheet(workbook, "SIDICSS", list(titles), list(widths))
    count = 0
    for row in sidicss_rows(initiatives):
        _append(sheet, row)
        count += 1
        if progress and count % CHUNK == 0:
            progress(count)
    workbook.save(handle)
    return count
