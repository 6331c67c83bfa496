"""A success case as a one-page Word sheet, in the layout of the PIFCSS format (source document
004): the header blocks (author, countries, actors, SDGs), then the title, summary, learnings,
objectives and impacts, success factors, the six added values of triangular cooperation (those
the case shows are ticked), references and keywords."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from registry.choices import TriangularValue
from registry.text import xml_safe


def success_case_document(case) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    document.add_heading(_("SUCCESS CASES"), level=1)

    def block(label: str, lines: list[str]) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run(label.upper() + ":").bold = True
        for line in lines or ["—"]:
            document.add_paragraph(xml_safe(str(line)))

    block(_("Author"), [case.author])
    block(_("Countries where the action took place"), [country.name for country in case.countries.all()])
    block(
        _("Actors involved"),
        [f"{actor.organization.name} - {actor.country.name if actor.country else '—'}" for actor in case.actors.all()],
    )
    block(_("Contribution to the Sustainable Development Goals"), [*case.sdg_labels, *[_("Target %(target)s") % {"target": t} for t in case.sdg_targets]])
    document.add_heading(xml_safe(case.title), level=2)
    for label, text in (
        (_("Summary of the case"), case.summary),
        (_("Main learnings and recommendations"), case.learnings),
    ):
        document.add_paragraph().add_run(label + ":").bold = True
        document.add_paragraph(xml_safe(text) or "—")
    document.add_paragraph().add_run(_("Objectives and impacts achieved") + ":").bold = True
    for item in case.achievements or ["—"]:
        document.add_paragraph(xml_safe(item), style="List Bullet")
    document.add_paragraph().add_run(_("Key success factors") + ":").bold = True
    document.add_paragraph(xml_safe(case.success_factors) or "—")
    document.add_paragraph().add_run(_("Added value of triangular cooperation") + ":").bold = True
    for number, (value, label) in enumerate(TriangularValue.choices, start=1):
        mark = "☑" if value in case.triangular_values else "☐"
        document.add_paragraph(f"{mark} {number}. {label}")
    block(_("References to learn more about this case"), case.references)
    block(_("Keywords"), case.keywords)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
