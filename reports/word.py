"""The executive report in Word, in the shape of the consultants' final report: presentation,
method, main results (Table 1 and the figures as sentences, with charts), dialogues and seminar,
and an annex with every initiative's ficha. In the active language (Spanish or Portuguese)."""

import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _, ngettext
from docx import Document
from docx.shared import Cm, Pt

from registry.text import xml_safe
from reports import charts, figures
from surveys.docx.writer import initiative_table
from surveys.models import Campaign, Ficha, FichaStatus


def _enumeration(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def results_sentences(table: figures.Table1, summary: figures.Summary) -> list[str]:
    """The figures as the report writes them."""
    countries = [
        f"{table.country_names[code]} ({count})" for code, count in sorted(table.by_country.items(), key=lambda item: table.country_names[item[0]])
    ]
    sentences = [
        ngettext(
            "The countries sent %(count)d initiative of South-South and triangular cooperation identified as a multi-actor alliance.",
            "The countries sent %(count)d initiatives of South-South and triangular cooperation identified as multi-actor alliances.",
            summary.initiatives,
        )
        % {"count": summary.initiatives}
    ]
    if countries:
        sentences.append(_("The countries that presented initiatives were: %(countries)s.") % {"countries": _enumeration(countries)})
    if summary.by_sector:
        sentences.append(
            _("By sector: %(sectors)s (an initiative with two sectors counts in both).")
            % {"sectors": _enumeration([f"{name} {count}" for name, count in summary.by_sector])}
        )
    sentences.append(
        _(
            "%(multi)d of %(total)d initiatives (%(share)d%%) bring together actors of at least two types; "
            "%(sustainable)d bring together more than two and qualify as multi-actor alliances for sustainable development."
        )
        % {
            "multi": summary.multi_actor,
            "total": summary.initiatives,
            "share": summary.multi_actor_share,
            "sustainable": summary.sustainable_alliances,
        }
    )
    return sentences


def dialogue_sentences(dialogues: figures.DialogueFigures) -> list[str]:
    sentences = []
    if dialogues.organised:
        sentences.append(
            ngettext(
                "%(organised)d structured dialogue was organised: %(held)d held and %(cancelled)d cancelled.",
                "%(organised)d structured dialogues were organised: %(held)d held and %(cancelled)d cancelled.",
                dialogues.organised,
            )
            % {"organised": dialogues.organised, "held": dialogues.held, "cancelled": dialogues.cancelled}
        )
        if dialogues.bilateral_held:
            sentences.append(
                ngettext(
                    "%(count)d of the dialogues held was bilateral: each country wanted to learn the other's initiative.",
                    "%(count)d of the dialogues held were bilateral: each country wanted to learn the other's initiative.",
                    dialogues.bilateral_held,
                )
                % {"count": dialogues.bilateral_held}
            )
    if dialogues.seminar_peak:
        sentences.append(
            _("At its peak %(peak)d people followed the virtual seminar, and never fewer than %(minimum)s.")
            % {"peak": dialogues.seminar_peak, "minimum": dialogues.seminar_minimum or "—"}
        )
    return sentences


def _picture(document, pairs, caption: str) -> None:
    if not pairs:
        return
    document.add_picture(io.BytesIO(charts.bar_chart_png(pairs)), width=Cm(16))
    document.add_paragraph(caption).runs[0].italic = True


@dataclass
class CampaignFigures:
    name: str
    opens_at: object
    closes_at: object
    received: int


@dataclass
class ExecutiveReport:
    """Everything the Word report says, read before a line of it is written."""

    table: figures.Table1
    summary: figures.Summary
    dialogues: figures.DialogueFigures
    campaigns: list[CampaignFigures]
    initiatives: list


def executive_content(initiatives, *, reader) -> ExecutiveReport:
    """The report's content as `reader` may read it (registry.privacy, the dialogues' visibility)."""
    campaigns = [
        CampaignFigures(
            campaign.name, campaign.opens_at, campaign.closes_at,
            Ficha.objects.filter(campaign=campaign).exclude(status=FichaStatus.DRAFT).count(),
        )
        for campaign in Campaign.objects.filter(fichas__initiatives__in=initiatives.values("pk")).distinct()
    ]
    return ExecutiveReport(
        table=figures.table1(initiatives, localized=True),
        summary=figures.summary(initiatives),
        dialogues=figures.dialogue_figures(initiatives, reader=reader),
        campaigns=campaigns,
        initiatives=list(initiatives),
    )


def executive_report(initiatives, *, reader) -> bytes:
    return render_docx(executive_content(initiatives, reader=reader))


def render_docx(report: ExecutiveReport) -> bytes:
    """The Word file of the report's content: a renderer, asking for no data itself."""
    table, summary, dialogues = report.table, report.summary, report.dialogues
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(_("Multi-actor alliances in Ibero-American South-South and triangular cooperation"), level=0)
    document.add_paragraph(_("Executive report, %(date)s") % {"date": date_format(timezone.localdate(), "DATE_FORMAT")})

    document.add_heading(_("Presentation"), level=1)
    document.add_paragraph(
        _(
            "This report gathers the multi-actor alliance initiatives registered by the countries of the "
            "Ibero-American Programme for Strengthening South-South Cooperation (PIFCSS), the structured "
            "dialogues held around them and the virtual seminar. It is produced from the Alianzas registry."
        )
    )

    document.add_heading(_("Method"), level=1)
    for campaign in report.campaigns:
        document.add_paragraph(
            _("The campaign “%(name)s” was open from %(opens)s to %(closes)s; %(received)d fichas were received.")
            % {
                "name": xml_safe(campaign.name),
                "opens": date_format(timezone.localtime(campaign.opens_at), "DATE_FORMAT"),
                "closes": date_format(timezone.localtime(campaign.closes_at), "DATE_FORMAT"),
                "received": campaign.received,
            }
        )
    document.add_paragraph(
        _(
            "Each initiative was curated by the technical unit, which checked that it is a multi-actor alliance "
            "and classified it by the types of actor taking part, sector and modality."
        )
    )

    document.add_heading(_("Main results"), level=1)
    for sentence in results_sentences(table, summary):
        document.add_paragraph(sentence)
    document.add_paragraph(_("Table 1. Initiatives sent by country and sector")).runs[0].bold = True
    grid = document.add_table(rows=1, cols=3)
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, (_("Country"), _("Initiative"), _("Sectors")), strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        cells[0].text = table.country_names[row["country"]]
        cells[1].text = xml_safe(row["initiative"])
        cells[2].text = ", ".join(row["sectors"])
    _picture(document, summary.by_sector, _("Initiatives by sector"))
    _picture(document, summary.by_actor_type, _("Initiatives by actor type"))

    document.add_heading(_("Structured dialogues and seminar"), level=1)
    for sentence in dialogue_sentences(dialogues) or [_("No dialogue has been organised yet.")]:
        document.add_paragraph(sentence)

    document.add_page_break()
    document.add_heading(_("Annex: the initiatives' fichas"), level=1)
    for number, initiative in enumerate(report.initiatives, start=1):
        document.add_heading(xml_safe(f"{number}. {initiative.name}"), level=2)
        document.add_paragraph(xml_safe(f"{initiative.institution.country.name} – {initiative.institution.name}"))
        initiative_table(document, initiative, with_contacts=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
