"""Text of a Word body as people see it, read straight from the XML.

python-docx's `Paragraph.text` and `iter_inner_content()` skip what Word itself writes when a ficha
is filled collaboratively and validated: tracked insertions (`w:ins`), content controls (`w:sdt`),
smart tags and custom XML wrappers. Reading the XML ourselves goes through them; deleted text,
moved-away text and the fallback copy of drawing shapes are dropped (surveys.docx.safety removes
them when opening) so nothing is read twice.

Text is gathered in one pass filtered by tag in C (`iter`), and only the few structural elements
(tables, rows, cells, paragraphs) are walked in Python: per-paragraph queries or an `iterwalk`
cost several times more, and reading a ficha must stay close to merely opening it."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn

from registry.text import without_pasted_marks

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_NO_BREAK_HYPHEN, W_NUMPR, W_PSTYLE, W_VAL = qn("w:noBreakHyphen"), qn("w:numPr"), qn("w:pStyle"), qn("w:val")
W_PPR, W_TABS = qn("w:pPr"), qn("w:tabs")
W_DEL, W_MOVE_FROM = qn("w:del"), qn("w:moveFrom")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Content people do not see as the document's text, or see twice.
HIDDEN = (W_DEL, W_MOVE_FROM, MC_FALLBACK)
# Style ids of bullet and number lists in English and Spanish Word ("Lista con viñetas" -> "Listaconvietas").
LIST_STYLE_PREFIXES = ("listbullet", "listnumber", "listacon")
PIECE_TEXT = {W_TAB: "\t", W_BR: "\n", W_CR: "\n", W_NO_BREAK_HYPHEN: "-"}
# Check boxes typed as a symbol font's character (Insert > Symbol), not as text: Word stores
# the character's code in w:sym. The ticked and the empty box of Wingdings and Wingdings 2.
W_SYM, W_FONT, W_CHAR = qn("w:sym"), qn("w:font"), qn("w:char")
SYMBOL_BOXES = {
    "wingdings": {"F0FE": "☒", "F0FD": "☒", "F078": "☒", "F0FC": "✓", "F0A8": "☐", "F06F": "☐", "F071": "☐"},
    "wingdings 2": {"F053": "☒", "F054": "☒", "F052": "☑", "F050": "✓", "F0A3": "☐", "F02A": "☐"},
}


# A footnote's or an endnote's reference in a paragraph: where some agencies put an answer
# ("Otros países: véase nota¹", an e-mail in a note after the name).
W_FOOTNOTE_REFERENCE, W_ENDNOTE_REFERENCE, W_ID = qn("w:footnoteReference"), qn("w:endnoteReference"), qn("w:id")
NOTE_REFERENCES = {W_FOOTNOTE_REFERENCE: "footnote", W_ENDNOTE_REFERENCE: "endnote"}
# "véase nota", "(ver nota al pie)", "veja a nota 2", "see note": the answer is in the note.
NOTE_POINTER = re.compile(r"\(?\b(?:v[eé]ase|ver|vide|veja|see|cf\.?)\s+(?:la\s+|a\s+)?(?:nota|note)\b[^()\n]{0,30}?\)?[\s.:]*$", re.I)


@dataclass(frozen=True, slots=True)
class NoteReference:
    kind: str  # "footnote" or "endnote"
    id: str


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


# Stands for a control still showing its placeholder ("Haga clic o pulse aquí para escribir
# texto."): no answer, but the reader can say one was skipped. A private-use character, so no
# typed text can be mistaken for it.
PLACEHOLDER = "\ue000"
CHECKED, UNCHECKED = "☒", "☐"
# Word's own placeholder texts, left as plain text when a control is lost (a re-save by another
# program, a copy and paste): still no answer.
PLACEHOLDER_TEXTS = re.compile(
    "|".join(
        re.escape(text)
        for text in (
            "Haga clic o pulse aquí para escribir texto.", "Haga clic aquí para escribir texto.", "Elija un elemento.",
            "Haga clic o pulse para escribir una fecha.", "Haga clic aquí para escribir una fecha.",
            "Clique ou toque aqui para introduzir texto.", "Clique aqui para introduzir texto.",
            "Clique ou toque aqui para inserir o texto.", "Clique aqui para inserir o texto.", "Escolha um item.",
            "Clique ou toque para introduzir uma data.", "Clique ou toque para inserir uma data.",
            "Click or tap here to enter text.", "Click here to enter text.", "Choose an item.",
            "Click or tap to enter a date.", "Click here to enter a date.",
        )
    ),
    re.IGNORECASE,
)
W_SDT, W_SDT_PR, W_SDT_CONTENT = qn("w:sdt"), qn("w:sdtPr"), qn("w:sdtContent")
W_SHOWING_PLACEHOLDER = qn("w:showingPlcHdr")
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W14_CHECKBOX, W14_CHECKED, W14_VAL = f"{{{W14}}}checkbox", f"{{{W14}}}checked", f"{{{W14}}}val"
W_FLD_CHAR, W_FF_DATA = qn("w:fldChar"), qn("w:ffData")
W_CHECKBOX, W_CHECKED_STATE, W_DEFAULT = qn("w:checkBox"), qn("w:checked"), qn("w:default")
W_DD_LIST, W_RESULT, W_LIST_ENTRY = qn("w:ddList"), qn("w:result"), qn("w:listEntry")
W_R = qn("w:r")
FALSE_VALUES = {"0", "false", "off"}


def child(element, tag: str):
    """The first `tag` child of element, or None: lxml's find() goes through ElementPath in
    Python and costs twice as much, for every control of a filled form."""
    return next(element.iterchildren(tag), None)


def _is_on(element, attribute: str = W_VAL) -> bool:
    return element is not None and (element.get(attribute) or "1").lower() not in FALSE_VALUES


def _replace_text(container, text: str) -> None:
    """Put `text` in the first text of the container and empty the others."""
    texts = list(container.iter(W_T))
    if not texts:
        run = next(container.iter(W_R), None)
        if run is None:
            return
        texts = [etree_sub(run, W_T)]
    texts[0].text = text
    for other in texts[1:]:
        other.text = ""


def etree_sub(parent, tag):
    element = parent.makeelement(tag, {})
    parent.append(element)
    return element


def settle_controls(body) -> None:
    """Give form controls the text a person sees, in place: a control showing its placeholder
    reads as PLACEHOLDER, a check box (content control or legacy form field) as ☒ or ☐, a legacy
    drop-down as the entry chosen. Legacy text fields already hold what was typed (or en spaces
    when blank, which are whitespace)."""
    # Only what needs a change is visited: most controls already show what was typed.
    found = list(body.iter(W_SHOWING_PLACEHOLDER, W14_CHECKBOX, W_FF_DATA))
    for marker in (element for element in found if element.tag != W_FF_DATA):
        properties = marker.getparent()
        control = properties.getparent() if properties is not None else None
        if properties is None or properties.tag != W_SDT_PR or control is None:
            continue
        content = child(control, W_SDT_CONTENT)
        if content is None:
            continue
        if marker.tag == W14_CHECKBOX:
            _replace_text(content, CHECKED if _is_on(child(marker, W14_CHECKED), W14_VAL) else UNCHECKED)
        elif child(properties, W14_CHECKBOX) is None:
            _replace_text(content, PLACEHOLDER)
    for form_data in (element for element in found if element.tag == W_FF_DATA):
        run = form_data.getparent().getparent() if form_data.getparent() is not None else None
        if run is None or run.tag != W_R:
            continue
        if (checkbox := child(form_data, W_CHECKBOX)) is not None:
            state = child(checkbox, W_CHECKED_STATE)
            checked = _is_on(state) if state is not None else _is_on(child(checkbox, W_DEFAULT))
            etree_sub(run, W_T).text = CHECKED if checked else UNCHECKED
        elif (choices := child(form_data, W_DD_LIST)) is not None:
            entries = [entry.get(W_VAL) or "" for entry in choices.iter(W_LIST_ENTRY)]
            chosen = child(choices, W_RESULT)
            index = int(chosen.get(W_VAL) or 0) if chosen is not None and (chosen.get(W_VAL) or "0").isdecimal() else 0
            if 0 <= index < len(entries):
                etree_sub(run, W_T).text = entries[index]


W_TXBX_CONTENT = qn("w:txbxContent")
TRANSPARENT = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), qn("w:smartTag")}
WALKED = (W_P, W_T, W_TBL, W_TR, W_TC, W_SYM, *PIECE_TEXT, *NOTE_REFERENCES)
# Where an element's content goes when it is not in the body's flow: in a text box (its lines
# belong to the paragraph holding the box) or inside something no one reads as text (a
# paragraph directly in a table, a row outside one).
IN_TEXT_BOX, UNREAD = object(), object()


class _Table(list):
    """A table's rows, each a list of cells, each a list of paragraph entries and tables."""


def _place(parent, places: dict):
    """The list an element whose parent is `parent` goes in, looking through transparent wrappers
    (remembered, so their other children are placed at once); IN_TEXT_BOX or UNREAD otherwise."""
    wrappers = []
    place = UNREAD
    while parent is not None:
        if (known := places.get(parent)) is not None:
            place = known
            break
        tag = parent.tag
        if tag == W_TXBX_CONTENT:
            place = IN_TEXT_BOX
            break
        if tag not in TRANSPARENT:
            break
        wrappers.append(parent)
        parent = parent.getparent()
    for wrapper in wrappers:
        places[wrapper] = place
    return place


def _structure(body) -> list:
    """The body's paragraphs ([pieces of text, is list item]) and tables (_Table), in one pass.

    lxml finds the few kinds of element read in C, in document order; each paragraph, table, row
    and cell is placed by its parent, which is nearly always the container placed just before
    it (a dictionary look-up): walking the containers' children in Python cost twice as much."""
    items: list = []
    blocks = {body: items}  # body, cells (and the wrappers inside them) -> their paragraphs and tables
    rows: dict = {}  # tables -> their rows
    cells: dict = {}  # rows -> their cells
    # Where each kind of element is placed, and what is placed in it.
    placed_in = {W_P: blocks, W_TBL: blocks, W_TR: rows, W_TC: cells}
    holding = {W_TBL: rows, W_TR: cells, W_TC: blocks}
    paragraphs: dict = {}
    pieces: list | None = None  # the text of the paragraph being read
    reading = holding_a_box = None  # that paragraph's element; it, while the lines of a text box in it are read
    for element in body.iter(*WALKED):
        tag = element.tag
        if tag == W_T:  # the most frequent, tested first
            if pieces is not None:
                if holding_a_box is not None and element.getparent().getparent() is holding_a_box:
                    pieces.append("\n")  # the paragraph's own text again, after the box: a line of its own
                    holding_a_box = None
                pieces.append(element.text or "")
            continue
        if tag == W_SYM:
            if pieces is not None:
                pieces.append(SYMBOL_BOXES.get((element.get(W_FONT) or "").lower(), {}).get((element.get(W_CHAR) or "").upper(), ""))
            continue
        if tag in PIECE_TEXT:
            # A paragraph's tab stops (pPr > tabs > tab) share the tag of a typed tab.
            if pieces is not None and (tag != W_TAB or element.getparent().tag != W_TABS):
                pieces.append(PIECE_TEXT[tag])
            continue
        if tag in NOTE_REFERENCES:
            if pieces is not None:
                pieces.append(NoteReference(NOTE_REFERENCES[tag], element.get(W_ID) or ""))
            continue
        places = placed_in[tag]
        parent = element.getparent()
        place = places.get(parent)
        if place is None:
            place = _place(parent, places)
        if tag == W_P:
            if place is IN_TEXT_BOX:
                if pieces is not None:
                    pieces.append("\n")  # a text box's lines belong to the paragraph holding it
                    holding_a_box = reading
            elif place is UNREAD:
                pieces = None
            else:
                entry = paragraphs[element] = [[], False]
                place.append(entry)
                pieces, reading, holding_a_box = entry[0], element, None
            continue
        if place is IN_TEXT_BOX or place is UNREAD:
            inner = place  # what it holds goes where it went
        else:
            inner = _Table() if tag == W_TBL else []
            place.append(inner)
        holding[tag][element] = inner
    # Numbering and list styles live in the paragraph's properties: p > pPr > numPr | pStyle.
    for setting in body.iter(W_NUMPR, W_PSTYLE):
        if setting.tag == W_NUMPR or (setting.get(W_VAL) or "").lower().startswith(LIST_STYLE_PREFIXES):
            properties = setting.getparent()
            if properties is not None and properties.tag == W_PPR:
                entry = paragraphs.get(properties.getparent())
                if entry is not None:
                    entry[1] = True
    return items


def _paragraph(entry, notes=None) -> Paragraph:
    pieces, is_list_item = entry
    try:
        joined = "".join(pieces)
    except TypeError:  # a note's reference among the pieces: rare, so the common join is not slowed
        joined = _with_notes(pieces, notes)
    text = without_pasted_marks(joined)
    if "lic" in text and ("clic" in text or "Clic" in text) or "Cliq" in text or "Elija" in text or "Escolha" in text or "Choose" in text:
        # Every placeholder starts with one of these words: most lines are spared the search.
        text = PLACEHOLDER_TEXTS.sub(PLACEHOLDER, text)
    return Paragraph(text, is_list_item)


def _with_notes(pieces: list, notes) -> str:
    """The paragraph's text with the notes that carry its answer: a note pointed at ("véase nota")
    in place of the pointer, a note holding an e-mail after a name without one. Other notes (a
    source, an aside) are not the answer, as a curator reads them."""
    text = ""
    for piece in pieces:
        if type(piece) is str:
            text += piece
            continue
        note = " ".join((notes() if notes else {}).get((piece.kind, piece.id), "").split())
        if not note:
            continue
        if pointer := NOTE_POINTER.search(text):
            text = text[: pointer.start()] + note
        elif "@" in note and "@" not in text.rsplit("\n", 1)[-1]:
            text = f"{text.rstrip()} ({note})"
    return text


def _cell_paragraphs(items: list, notes=None) -> Cell:
    found = []
    for item in items:
        if type(item) is not _Table:
            found.append(_paragraph(item, notes))
            continue
        # A table inside an answer (actors with their types, say): each row is one line whose
        # cells are separated by tabs, as if typed with tab stops; a one-column table keeps its
        # paragraphs (and their bullets).
        for row in item:
            inner_cells = [_cell_paragraphs(cell, notes) for cell in row]
            if len(inner_cells) == 1:
                found.extend(inner_cells[0])
            else:
                line = "\t".join(" ".join(p.text.strip() for p in inner if p.text.strip()) for inner in inner_cells)
                found.append(Paragraph(line, any(p.is_list_item for inner in inner_cells for p in inner)))
    return found


def walk(body, notes=None) -> Iterator[Paragraph | Row]:
    """The body's top-level paragraphs, and the rows of its top-level tables as lists of cells.

    Wrappers (content controls, insertions, smart tags) are looked through; a nested table's
    paragraphs belong to the outer cell; a text box's lines belong to the paragraph holding it.
    `notes` gives the footnotes' and endnotes' texts by (kind, id), asked only when one is referenced."""
    for item in _structure(body):
        if type(item) is not _Table:
            yield _paragraph(item, notes)
        else:
            for row in item:
                yield [_cell_paragraphs(cell, notes) for cell in row]
