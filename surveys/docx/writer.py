"""The ficha as a Word document, in the layout of the PIFCSS form: a label | answer table for the
institutional block and one per initiative. Pure: takes plain objects, returns bytes."""

import io

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from registry.choices import INITIATIVE_TYPE_DESCRIPTIONS, InitiativeType
from registry.models import FICHA_INITIATIVE_FIELDS, Initiative
from surveys.models import Ficha


def _label(model, field: str) -> str:
    return str(capfirst(model._meta.get_field(field).verbose_name))


def _yes_no(value) -> str:
    return "" if value is None else (_("Yes") if value else _("No"))


def _table(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, answer in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = answer


def _initiative_rows(initiative: Initiative) -> list[tuple[str, str]]:
    answers = {
        "initiative_type": f"{initiative.initiative_type} – {InitiativeType(initiative.initiative_type).label}",
        "strengths": "\n".join(initiative.strengths),
        "challenges": "\n".join(initiative.challenges),
        "results": "\n".join(initiative.results),
    }
    rows = []
    for field in FICHA_INITIATIVE_FIELDS:
        if field == "initiative_type_other" and initiative.initiative_type != InitiativeType.OTHER:
            continue
        rows.append((_label(Initiative, field), answers.get(field, getattr(initiative, field) or "")))
        if field == "objectives":
            rows.append(
                (
                    _label(Initiative, "organizations"),
                    "\n".join(
                        f"{p.organization.name} – {p.get_actor_type_display()}" + (f" ({p.role})" if p.role else "")
                        for p in initiative.participations.all()
                    ),
                )
            )
            rows.append(
                (
                    _label(Initiative, "partner_countries"),
                    "\n".join(str(link) for link in initiative.country_links.all()),
                )
            )
    return rows


def ficha_document(ficha: Ficha, initiatives: list[Initiative]) -> bytes:
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(ficha.campaign.name, level=1)
    if ficha.submitted_at:
        document.add_paragraph(
            _("Submitted on %(date)s by %(person)s.")
            % {
                "date": ficha.submitted_at.strftime("%Y-%m-%d %H:%M UTC"),
                "person": ficha.submitted_by.get_full_name() or ficha.submitted_by.username if ficha.submitted_by else "—",
            }
        )
    document.add_heading(_("Institutional information"), level=2)
    _table(
        document,
        [
            (_("Country and institution completing the form"), f"{ficha.institution.country.name} – {ficha.institution.name}"),
            (_label(Ficha, "focal_point_name"), f"{ficha.focal_point_name} <{ficha.focal_point_email}>"),
            (_label(Ficha, "institutional_strengths"), ficha.institutional_strengths),
            (_label(Ficha, "institutional_weaknesses"), ficha.institutional_weaknesses),
            (_label(Ficha, "wants_to_share"), _yes_no(ficha.wants_to_share)),
        ],
    )
    for number, initiative in enumerate(initiatives, start=1):
        document.add_heading(_("Initiative %(number)d") % {"number": number}, level=2)
        _table(document, _initiative_rows(initiative))
    document.add_paragraph()
    document.add_paragraph(
        " ".join(f"{value} – {label}: {INITIATIVE_TYPE_DESCRIPTIONS[value]}" for value, label in InitiativeType.choices)
    ).runs[0].font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
