"""Text of a Word body as people see it, read straight from the XML.

python-docx's `Paragraph.text` and `iter_inner_content()` skip what Word itself writes when a ficha
is filled collaboratively and validated: tracked insertions (`w:ins`), content controls (`w:sdt`),
smart tags and custom XML wrappers. Reading the XML ourselves goes through them; deleted text,
moved-away text and the fallback copy of drawing shapes are dropped (surveys.docx.safety removes
them when opening) so nothing is read twice.

Text is gathered in one pass filtered by tag in C (`iter`), and only the few structural elements
(tables, rows, cells, paragraphs) are walked in Python: per-paragraph queries or an `iterwalk`
cost several times more, and reading a ficha must stay close to merely opening it."""

from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_NO_BREAK_HYPHEN, W_NUMPR, W_PSTYLE, W_VAL = qn("w:noBreakHyphen"), qn("w:numPr"), qn("w:pStyle"), qn("w:val")
W_PPR = qn("w:pPr")
W_DEL, W_MOVE_FROM = qn("w:del"), qn("w:moveFrom")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Content people do not see as the document's text, or see twice.
HIDDEN = (W_DEL, W_MOVE_FROM, MC_FALLBACK)
# Style ids of bullet and number lists in English and Spanish Word ("Lista con viñetas" -> "Listaconvietas").
LIST_STYLE_PREFIXES = ("listbullet", "listnumber", "listacon")
PIECE_TEXT = {W_TAB: "\t", W_BR: "\n", W_CR: "\n", W_NO_BREAK_HYPHEN: "-"}


@dataclass(slots=True)
class Paragraph:
    text: str
    is_list_item: bool


Cell = list[Paragraph]
Row = list[Cell]


def drop_hidden(body) -> None:
    """Remove deleted and moved-away revisions and shapes' fallback copies, in place."""
    for element in list(body.iter(*HIDDEN)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


W_TXBX_CONTENT = qn("w:txbxContent")
TRANSPARENT = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), qn("w:smartTag")}
TEXT_TAGS = (W_P, W_T, *PIECE_TEXT)


def _paragraph_texts(body) -> dict:
    """Every paragraph element -> [pieces of text, is list item], in one pass."""
    paragraphs: dict = {}
    current: list | None = None
    has_text_boxes = next(body.iter(W_TXBX_CONTENT), None) is not None
    for element in body.iter(*TEXT_TAGS):
        tag = element.tag
        if tag == W_T:  # the most frequent, tested first
            if current is not None:
                current[0].append(element.text or "")
        elif tag == W_P:
            parent = element.getparent() if has_text_boxes else None
            if parent is not None and parent.tag == W_TXBX_CONTENT and current is not None:
                current[0].append("\n")  # a text box's lines belong to the paragraph holding it
                continue
            current = paragraphs[element] = [[], False]
        elif current is not None:
            current[0].append(PIECE_TEXT[tag])
    # Numbering and list styles live in the paragraph's properties: p > pPr > numPr | pStyle.
    for setting in body.iter(W_NUMPR, W_PSTYLE):
        if setting.tag == W_NUMPR or (setting.get(W_VAL) or "").lower().startswith(LIST_STYLE_PREFIXES):
            properties = setting.getparent()
            if properties is not None and properties.tag == W_PPR:
                entry = paragraphs.get(properties.getparent())
                if entry is not None:
                    entry[1] = True
    return paragraphs


def _children(element, wanted: str) -> Iterator:
    """`wanted` children of element, looking through transparent wrappers."""
    for child in element:
        tag = child.tag
        if tag == wanted:
            yield child
        elif tag in TRANSPARENT:
            yield from _children(child, wanted)


def _blocks(container) -> Iterator:
    """Paragraphs and tables of a body or cell, in document order."""
    for child in container:
        tag = child.tag
        if tag == W_P or tag == W_TBL:
            yield child
        elif tag in TRANSPARENT:
            yield from _blocks(child)


def walk(body) -> Iterator[Paragraph | Row]:
    """The body's top-level paragraphs, and the rows of its top-level tables as lists of cells.

    Wrappers (content controls, insertions, smart tags) are looked through; a nested table's
    paragraphs belong to the outer cell; a text box's lines belong to the paragraph holding it."""
    texts = _paragraph_texts(body)

    def paragraph(element) -> Paragraph:
        pieces, is_list_item = texts.get(element) or ((), False)
        return Paragraph("".join(pieces), is_list_item)

    def cell_paragraphs(cell) -> Cell:
        found = []
        for block in _blocks(cell):
            if block.tag == W_P:
                found.append(paragraph(block))
            else:
                for row in _children(block, W_TR):
                    for inner in _children(row, W_TC):
                        found.extend(cell_paragraphs(inner))
        return found

    for block in _blocks(body):
        if block.tag == W_P:
            yield paragraph(block)
        else:
            for row in _children(block, W_TR):
                yield [cell_paragraphs(cell) for cell in _children(row, W_TC)]
