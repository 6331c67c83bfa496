"""The executive report in Word, in the shape of the consultants' final report: presentation,
method, main results (Table 1 and the figures as sentences, with charts), dialogues and seminar,
and an annex with every initiative's ficha. In the active language (Spanish or Portuguese)."""

import io
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _, ngettext
from docx import Document
from docx.shared import Cm, Pt

from registry.text import xml_safe
from reports import charts, figures, maps
from reports.word_layout import TEXT_WIDTH, a4_pages, fixed_columns, page_numbers
from surveys.docx.writer import initiative_table
from surveys.models import Campaign, Ficha, FichaStatus
from surveys.selectors import campaign_funnel


# Month names are common nouns in Spanish and Portuguese, so written in lower case; Django's
# Portuguese catalogue capitalises them ("1 de Dezembro de 2026").
LOWER_CASE_MONTHS = ("es", "pt")
# Country, initiative and sectors of Table 1: a country such as "República Dominicana" on one or
# two lines, the longest names in the widest column.
TABLE_1_WIDTHS = (Cm(3.5), Cm(7.5), Cm(5))
# Beside the initiatives that interested more than one country in Table 1, with a note under it.
INTERESTED_MARK = "★"
CURATION_WIDTHS = (Cm(5), Cm(11))  # label | answer, the 16 cm of text between the margins


def long_date(value) -> str:
    """A date as the report writes it: "1 de dezembro de 2026", "1 de diciembre de 2026"."""
    text = date_format(value, "DATE_FORMAT")
    if (translation.get_language() or "")[:2] in LOWER_CASE_MONTHS:
        month = date_format(value, "F")
        text = text.replace(month, month.lower())
    return text


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
    if summary.reports != summary.initiatives:
        sentences.append(
            _(
                "Some initiatives were reported by more than one country (%(reports)d reports in all): each counts once in "
                "the totals and once per reporting country in the figures by country."
            )
            % {"reports": summary.reports}
        )
    if countries:
        sentences.append(_("The countries that presented initiatives were: %(countries)s.") % {"countries": _enumeration(countries)})
    if summary.by_sector:
        sentences.append(
            _("By sector: %(sectors)s (an initiative with two sectors counts in both).")
            % {"sectors": _enumeration([f"{name} {count}" for name, count in summary.by_sector])}
        )
    # One count per sentence, so that each noun and verb agrees with its own number.
    sentences.append(
        ngettext(
            "%(count)d initiative (%(share)d%%) brings together actors of at least two types.",
            "%(count)d initiatives (%(share)d%%) bring together actors of at least two types.",
            summary.multi_actor,
        )
        % {"count": summary.multi_actor, "share": summary.multi_actor_share}
    )
    sentences.append(
        ngettext(
            "%(count)d of them brings together more than two and qualifies as a multi-actor alliance for sustainable development.",
            "%(count)d of them bring together more than two and qualify as multi-actor alliances for sustainable development.",
            summary.sustainable_alliances,
        )
        % {"count": summary.sustainable_alliances}
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
            ngettext(
                "At its peak %(peak)d person followed the virtual seminar, and never fewer than %(minimum)s.",
                "At its peak %(peak)d people followed the virtual seminar, and never fewer than %(minimum)s.",
                dialogues.seminar_peak,
            )
            % {"peak": dialogues.seminar_peak, "minimum": dialogues.seminar_minimum or "—"}
        )
    return sentences


def _picture(document, pairs, caption: str) -> None:
    if not pairs:
        return
    document.add_picture(io.BytesIO(charts.bar_chart_png(pairs)), width=TEXT_WIDTH)
    document.add_paragraph(caption).runs[0].italic = True


# The flows the report lists under the map: the strongest; the map draws them all.
FLOWS_LISTED = 10


def _map(document, data: maps.MapData) -> None:
    title = _("Initiatives by country taking part")
    document.add_picture(io.BytesIO(maps.map_png(data, title=title)), width=TEXT_WIDTH)
    caption = _(
        "%(title)s: the initiatives each country reports or is involved in; arrows from provider to recipient "
        "(SEGIB roles), dashed when triangular. Made with Natural Earth."
    ) % {"title": title}
    document.add_paragraph(caption).runs[0].italic = True
    if not data.flows:
        return
    grid = document.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, (_("Provider"), _("Recipient"), _("Initiatives"), _("Of which triangular")), strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    for flow in data.flows[:FLOWS_LISTED]:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text = data.names.get(flow.provider, flow.provider), data.names.get(flow.recipient, flow.recipient)
        cells[2].text, cells[3].text = str(flow.initiatives), str(flow.triangular)
    document.add_paragraph()


def curation_answers(initiative) -> list[tuple[str, str]]:
    """What the technical unit decided, which the ficha does not ask: the classification it set
    (else the one computed from the actor types), the sectors and the SDGs."""
    return [
        (_("Classification"), str(initiative.classification.label)),
        (_("Sectors"), ", ".join(sector.name for sector in initiative.sectors.all()) or "—"),
        (_("SDG goals"), "\n".join(str(label) for label in initiative.sdg_labels) or "—"),
    ]


def _curation_table(document, initiative) -> None:
    grid = document.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    for label, answer in curation_answers(initiative):
        cells = grid.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        lines = xml_safe(answer).split("\n")
        cells[1].paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cells[1].add_paragraph(line)
    fixed_columns(grid, CURATION_WIDTHS)
    document.add_paragraph()  # keeps the two tables apart: Word would join adjacent tables into one


@dataclass
class CampaignFigures:
    name: str
    opens_at: object
    closes_at: object
    received: int
    intake: object = None  # the campaign's totals, surveys.selectors.campaign_funnel


@dataclass
class ExecutiveReport:
    """Everything the Word report says, read before a line of it is written."""

    table: figures.Table1
    summary: figures.Summary
    dialogues: figures.DialogueFigures
    campaigns: list[CampaignFigures]
    initiatives: list
    map: maps.MapData | None = None


def executive_content(initiatives, *, reader) -> ExecutiveReport:
    """The report's content as `reader` may read it (registry.privacy, the dialogues' visibility)."""
    campaigns = [
        CampaignFigures(
            campaign.title, campaign.opens_at, campaign.closes_at,
            Ficha.objects.filter(campaign=campaign).exclude(status=FichaStatus.DRAFT).count(),
            campaign_funnel(campaign)[-1],
        )
        for campaign in Campaign.objects.filter(fichas__initiatives__in=initiatives.values("pk")).distinct()
    ]
    return ExecutiveReport(
        table=figures.table1(initiatives, localized=True),
        summary=figures.summary(initiatives),
        dialogues=figures.dialogue_figures(initiatives, reader=reader),
        campaigns=campaigns,
        initiatives=list(initiatives),
        map=maps.map_data(initiatives),
    )


def executive_report(initiatives, *, reader) -> bytes:
    return render_docx(executive_content(initiatives, reader=reader))


def render_docx(report: ExecutiveReport) -> bytes:
    """The Word file of the report's content: a renderer, asking for no data itself."""
    table, summary, dialogues = report.table, report.summary, report.dialogues
    document = Document()
    a4_pages(document)
    page_numbers(document)
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(_("Multi-actor alliances in Ibero-American South-South and triangular cooperation"), level=0)
    document.add_paragraph(_("Executive report, %(date)s") % {"date": long_date(timezone.localdate())})

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
            ngettext(
                "The campaign “%(name)s” was open from %(opens)s to %(closes)s; %(received)d ficha was received.",
                "The campaign “%(name)s” was open from %(opens)s to %(closes)s; %(received)d fichas were received.",
                campaign.received,
            )
            % {
                "name": xml_safe(campaign.name),
                "opens": long_date(timezone.localtime(campaign.opens_at)),
                "closes": long_date(timezone.localtime(campaign.closes_at)),
                "received": campaign.received,
            }
        )
        if campaign.intake is not None and campaign.intake.initiatives:
            intake = campaign.intake
            document.add_paragraph(
                _(
                    "They brought %(initiatives)d initiatives: %(systematized)d were systematized; %(not_multi_actor)d were "
                    "left out as not multi-actor, %(not_south_south)d as not South-South or triangular, and %(rejected)d were rejected."
                )
                % {
                    "initiatives": intake.initiatives, "systematized": intake.systematized, "not_multi_actor": intake.not_multi_actor,
                    "not_south_south": intake.not_south_south, "rejected": intake.rejected,
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
        name = cells[1].paragraphs[0].add_run(xml_safe(row["initiative"]))
        if row["interested_countries"] > 1:
            # As the source report does, the initiatives several countries asked about stand out.
            name.bold = True
            cells[1].paragraphs[0].add_run(f" {INTERESTED_MARK}")
        cells[2].text = ", ".join(row["sectors"])
    fixed_columns(grid, TABLE_1_WIDTHS)
    if any(row["interested_countries"] > 1 for row in table.rows):
        document.add_paragraph(f"{INTERESTED_MARK} " + _("In bold: initiatives that interested more than one country.")).runs[0].font.size = Pt(8)
    _picture(document, summary.by_sector, _("Initiatives by sector"))
    _picture(document, summary.by_actor_type, _("Initiatives by actor type"))
    if report.map is not None and report.map.counts:
        _map(document, report.map)

    document.add_heading(_("Structured dialogues and seminar"), level=1)
    for sentence in dialogue_sentences(dialogues) or [_("No dialogue has been organised yet.")]:
        document.add_paragraph(sentence)

    document.add_page_break()
    document.add_heading(_("Annex: the initiatives' fichas"), level=1)
    for number, initiative in enumerate(report.initiatives, start=1):
        document.add_heading(xml_safe(f"{number}. {initiative.name}"), level=2)
        document.add_paragraph(xml_safe(f"{initiative.institution.country.name} – {initiative.institution.name}"))
        _curation_table(document, initiative)
        initiative_table(document, initiative, with_contacts=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
