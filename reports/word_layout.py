"""The page of the Word report: A4 with numbered pages, and tables whose columns keep the widths
given. python-docx has no call for a field, so that one is written as Open XML."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

A4_WIDTH, A4_HEIGHT = Cm(21), Cm(29.7)
MARGIN = Cm(2.5)
TEXT_WIDTH = Cm(16)  # A4 less both margins: what a chart or a table may fill


def a4_pages(document) -> None:
    """Every section on A4 portrait with 2.5 cm margins (python-docx's template is US Letter)."""
    for section in document.sections:
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def page_numbers(document) -> None:
    """The page number centred in every footer, as a PAGE field so Word and LibreOffice count it."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(paragraph, "PAGE")


def _field(paragraph, instruction: str) -> None:
    """A complex field, each part in its own run (begin, instruction, separate, a placeholder
    result, end): the form Word and LibreOffice both update on opening and on printing."""
    def fld_char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    for element in (fld_char("begin"), code, fld_char("separate")):
        paragraph.add_run()._r.append(element)
    paragraph.add_run("1")
    paragraph.add_run()._r.append(fld_char("end"))


def fixed_columns(table, widths: list) -> None:
    """Columns of the given widths. Word reads each cell's width and LibreOffice the table grid,
    and with autofit on either may shrink a column to one letter: so a fixed layout, and both."""
    table.autofit = False  # python-docx writes this as the fixed layout
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
