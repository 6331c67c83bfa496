"""Text of a Word body as people see it, walked straight from the XML.

python-docx's `Paragraph.text` and `iter_inner_content()` skip what Word itself writes when a ficha
is filled collaboratively and validated: tracked insertions (`w:ins`), content controls (`w:sdt`),
smart tags and custom XML wrappers. Reading through them keeps the filler's answers; deleted text
and the fallback copy of drawing shapes are left out so nothing is read twice."""

from collections.abc import Iterator

from docx.oxml.ns import qn

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
W_PPR, W_NUMPR, W_PSTYLE, W_VAL = qn("w:pPr"), qn("w:numPr"), qn("w:pStyle"), qn("w:val")
# Elements whose content is not part of the visible text, or repeats text found elsewhere.
SKIPPED = {
    qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"), qn("w:instrText"), qn("w:delText"),
    qn("w:sdtPr"), qn("w:sdtEndPr"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
# Wrappers around paragraphs, tables, rows or cells that only add metadata.
TRANSPARENT = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), qn("w:smartTag")}
# Style ids of bullet and number lists in English and Spanish Word ("Lista con viñetas" -> "Listaconvietas").
LIST_STYLE_PREFIXES = ("listbullet", "listnumber", "listacon")


def _children(element, wanted: str) -> Iterator:
    """`wanted` children of element, looking through transparent wrappers."""
    for child in element:
        if child.tag == wanted:
            yield child
        elif child.tag in TRANSPARENT:
            yield from _children(child, wanted)


def blocks(container) -> Iterator:
    """Paragraphs and tables of a body or cell, in document order."""
    for child in container:
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag in TRANSPARENT:
            yield from blocks(child)


def rows(table) -> Iterator[list]:
    """Each row as its list of cells; a horizontally merged cell is one `w:tc` in the XML."""
    for row in _children(table, W_TR):
        yield list(_children(row, W_TC))


def cell_paragraphs(cell) -> Iterator:
    """Paragraphs of a cell, nested tables included."""
    for block in blocks(cell):
        if block.tag == W_P:
            yield block
        else:
            for row in rows(block):
                for inner in row:
                    yield from cell_paragraphs(inner)


def paragraph_text(paragraph) -> str:
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in SKIPPED or not isinstance(tag, str):
            continue
        if tag == W_T:
            parts.append(child.text or "")
        elif tag == W_TAB:
            parts.append("\t")
        elif tag in (W_BR, W_CR):
            parts.append("\n")
        elif tag == W_NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == W_P:  # a paragraph inside a text box: its own line
            parts.append("\n")
            _collect(child, parts)
        else:
            _collect(child, parts)


def is_list_item(paragraph) -> bool:
    """Numbered or bulleted, directly or through a list style."""
    properties = paragraph.find(W_PPR)
    if properties is None:
        return False
    if properties.find(W_NUMPR) is not None:
        return True
    style = properties.find(W_PSTYLE)
    return style is not None and (style.get(W_VAL) or "").lower().startswith(LIST_STYLE_PREFIXES)
