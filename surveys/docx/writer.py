"""The ficha as a Word document, in the layout of the PIFCSS form: a question | answer table for
the institutional block and one per initiative. The same layout serves the blank form handed out
for a campaign and a filled ficha downloaded from the survey, and both read back with
surveys.docx.reader. Pure: takes plain objects, returns bytes."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt, RGBColor

from registry import ficha as declared
from registry.models import Initiative
from registry.text import xml_safe
from surveys.docx import layout
from surveys.models import CHOICE_KINDS, Campaign, Ficha
from surveys.questionnaire import ficha_questions, campaign_questions

UNTICKED, TICKED = "☐", "☒"

HELP_COLOUR = RGBColor(0x55, 0x55, 0x55)


def _yes_no(value) -> str:
    return "" if value is None else (_("Yes") if value else _("No"))


def _table(document, questions: list[layout.Question], answers: dict[str, str]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for question in questions:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(question.label).bold = True
        if question.help:
            # The help sits under the label, never in the answer cell, so it cannot end up in an answer.
            run = cells[0].add_paragraph().add_run(question.help)
            run.italic, run.font.size, run.font.color.rgb = True, Pt(8), HELP_COLOUR
        lines = xml_safe(answers.get(question.key) or "").split("\n")
        cells[1].paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cells[1].add_paragraph(line)


def initiative_table(document, initiative: Initiative, *, with_contacts: bool, questions=None, country_names=None) -> None:
    """An initiative's answers under the form's questions (also the annex of the executive report,
    which leaves out the focal point: reports go to readers who may not see people's contacts)."""
    printed = [q for q in layout.initiative_questions(questions) if with_contacts or not q.declared.is_personal]
    _table(document, printed, {q.key: answer_text(q.declared, initiative, country_names) for q in printed})


def options_text(question, chosen: list[str]) -> str:
    """A box per option, ticked where chosen: what a person ticks in Word and the reader reads."""
    return "\n".join(f"{TICKED if option.key in chosen else UNTICKED} {option.label}" for option in question.options)


def blank_answers(questions: list[layout.Question]) -> dict[str, str]:
    """What the blank form prints in an answer cell: the boxes of a choice, nothing elsewhere."""
    return {q.key: options_text(q.declared, []) for q in questions if getattr(q.declared, "added", False) and q.declared.kind in CHOICE_KINDS}


def added_answer_text(question, record, country_names=None) -> str:
    answers = record.answers if isinstance(record, Ficha) else (getattr(record, "entry_answers", None) or {})
    value = answers.get(question.key)
    if question.kind in CHOICE_KINDS:
        return options_text(question, value if isinstance(value, list) else [value])
    return question.answer_text(value, country_names)


def answer_text(question: declared.Question, record, country_names=None) -> str:
    """A question's answer, as the ficha writes it: what the reader reads back."""
    if getattr(question, "added", False):
        return added_answer_text(question, record, country_names)
    values = [getattr(record, name) for name in question.fields]
    match question.kind:
        case declared.Kind.INITIATIVE_TYPE:
            number, other = values
            return f"{number} – " + (other or record.get_initiative_type_display()) if number else ""
        case declared.Kind.TEXT:
            return values[0] or ""
        case declared.Kind.LIST:
            return "\n".join(values[0])
        case declared.Kind.ACTORS:
            return "\n".join(
                f"{p.organization.name} – {p.get_actor_type_display()}" + (f" ({p.role})" if p.role else "")
                for p in record.participations.all()
            )
        case declared.Kind.COUNTRIES:
            return "\n".join(str(link) for link in record.country_links.all())
        case declared.Kind.CONTACT:
            name, email = values
            return f"{name} <{email}>" if email else name
        case declared.Kind.YES_NO:
            return _yes_no(values[0])
        case declared.Kind.INSTITUTION:
            return f"{record.institution.country.name} – {record.institution.name}"
    raise ValueError(f"A question of kind {question.kind} has no Word answer yet.")


def _start(campaign: Campaign) -> Document:
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = campaign.title
    document.core_properties.identifier = layout.CAMPAIGN_MARKER.format(id=campaign.pk)
    document.add_heading(xml_safe(campaign.title), level=1)
    marker = document.add_paragraph(
        _("Campaign reference: %(marker)s. Keep this line: it matches the file to its campaign.")
        % {"marker": layout.CAMPAIGN_MARKER.format(id=campaign.pk)}
    )
    marker.runs[0].font.size = Pt(8)
    return document


def _finish(document) -> bytes:
    document.add_paragraph()
    document.add_paragraph(layout.type_descriptions()).runs[0].font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def blank_ficha_document(campaign: Campaign) -> bytes:
    """The empty form of a campaign as it asks now, in the active language, with room for its initiatives."""
    questions = campaign_questions(campaign)
    document = _start(campaign)
    for paragraph in campaign.greeting.split("\n\n"):
        document.add_paragraph(paragraph)
    document.add_heading(_("Institutional information"), level=2)
    block = layout.block_questions(questions)
    _table(document, block, blank_answers(block))
    initiative = layout.initiative_questions(questions)
    for number in range(1, campaign.max_initiatives + 1):
        document.add_heading(layout.initiative_heading(number), level=2)
        _table(document, initiative, blank_answers(initiative))
    return _finish(document)


def ficha_document(ficha: Ficha, initiatives: list[Initiative], country_names: dict[str, str] | None = None) -> bytes:
    """A filled ficha; `initiatives` as surveys.selectors.ficha_initiatives gives them."""
    questions = ficha_questions(ficha)
    document = _start(ficha.campaign)
    if ficha.submitted_at:
        person = ficha.submitted_by.get_full_name() or ficha.submitted_by.username if ficha.submitted_by else "—"
        submitted = _("Submitted on %(date)s by %(person)s.") % {
            "date": ficha.submitted_at.strftime("%Y-%m-%d %H:%M UTC"),
            "person": person,
        }
        document.add_paragraph(xml_safe(submitted))
    document.add_heading(_("Institutional information"), level=2)
    block = layout.block_questions(questions)
    _table(document, block, {q.key: answer_text(q.declared, ficha, country_names) for q in block})
    for number, initiative in enumerate(initiatives, start=1):
        document.add_heading(layout.initiative_heading(number), level=2)
        initiative_table(document, initiative, with_contacts=True, questions=questions, country_names=country_names)
    return _finish(document)
